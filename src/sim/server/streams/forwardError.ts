// The text the kubelet writes on a port-forward error stream (cri/streaming/portforward:
// "error forwarding port P to pod SANDBOX, uid : …") around the container runtime's own
// (containerd's portForward: the network namespace, then both loopback dials).
import { createHash } from 'node:crypto';
import { errorText } from '../../../kube/errorText.js';
import type { Pod } from '../../../kube/types.js';
import { ConnectionRefused } from '../../inside/types.js';

/** The pod sandbox's id as the runtime names it: 64 hex digits, stable for the pod's uid. */
export function sandboxId(pod: Pod): string {
  return createHash('sha256').update(`sandbox/${pod.metadata?.uid ?? pod.metadata?.name ?? ''}`).digest('hex');
}

/** The sandbox's network namespace path, as the CNI plugin names it. */
function netnsPath(pod: Pod): string {
  const h = createHash('sha256').update(`netns/${pod.metadata?.uid ?? pod.metadata?.name ?? ''}`).digest('hex');
  return `/var/run/netns/cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function forwardErrorText(pod: Pod, port: number, err: unknown): string {
  const sandbox = sandboxId(pod);
  let cause: string;
  if (err instanceof ConnectionRefused) {
    cause =
      `failed to execute portforward in network namespace "${netnsPath(pod)}": failed to connect to localhost:${port} inside namespace "${sandbox}", ` +
      `IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
  } else {
    cause = errorText(err);
  }
  return `error forwarding port ${port} to pod ${sandbox}, uid : ${cause}`;
}
