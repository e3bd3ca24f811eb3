// What the apiserver checks before it proxies a stream to the kubelet (pkg/registry/core/pod
// strategy.go streamLocation / PortForwardLocation): the pod exists, the container is named
// (or the only one) and valid, and the pod has a node. These answer as plain HTTP errors,
// before any upgrade.
import { ApiError } from '../../../kube/apiError.js';
import type { Pod } from '../../../kube/types.js';
import { containerOf } from '../podLog.js';

export function requireHost(pod: Pod): void {
  if (!pod.spec?.nodeName) throw new ApiError(400, 'BadRequest', `pod ${pod.metadata?.name ?? ''} does not have a host assigned`);
}

/** The container an exec or attach reaches, or the apiserver's BadRequest. */
export function streamContainer(pod: Pod, asked: string): string {
  const container = containerOf(pod, asked);
  requireHost(pod);
  return container;
}
