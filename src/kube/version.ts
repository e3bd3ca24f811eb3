// The Kubernetes release the simulator emulates: its nodes' kubelets, /version and the
// in-process source all report this one string.
export const SIM_KUBERNETES_VERSION = 'v1.33.1';
export const SIM_SERVER_GIT_VERSION = `${SIM_KUBERNETES_VERSION}-podscope-sim`;

/** podscope's own version (package.json's), for --version. */
export const PODSCOPE_VERSION = '0.1.0';
