// The one part of @kubernetes/client-node podscope runs: KubeConfig (credentials, exec and
// auth-provider plugins, TLS and proxy agents). Imported by name, so the bundle keeps only
// it and what it needs rather than the whole generated API (about 14 MB).
export { KubeConfig } from '@kubernetes/client-node';
