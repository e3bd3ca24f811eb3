export { Kubelet } from './kubelet.js';
export { DEFAULT_TIMING, MIN_GRACE_SECONDS, type KubeletTiming } from './host.js';
export { normaliseImage, defaultPullPolicy } from './images.js';
export { getPhase, type PodPhase } from './phase.js';
export type { ContainerInstance, ContainerInstanceObserver } from './instances.js';
