// The parts of @kubernetes/client-node podscope runs: KubeConfig (credentials, exec and
// auth-provider plugins, TLS and proxy agents) and Watch (the live watches). Imported by name,
// so the bundle keeps only them and what they need rather than the whole generated API (about 14 MB).
export { KubeConfig, Watch } from '@kubernetes/client-node';
