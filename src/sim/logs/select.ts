// Which instance a log request reads, and the kubelet's words when there is none
// (validateContainerLogStatus in pkg/kubelet/kubelet_pods.go).
import type { Pod } from '../../kube/types.js';

export type InstanceChoice = { containerID: string } | { error: string };

export function chooseInstance(pod: Pod, container: string, previous: boolean): InstanceChoice {
  const podName = pod.metadata?.name ?? '';
  const status =
    pod.status?.containerStatuses?.find((s) => s.name === container) ??
    pod.status?.initContainerStatuses?.find((s) => s.name === container) ??
    pod.status?.ephemeralContainerStatuses?.find((s) => s.name === container);
  const where = `container "${container}" in pod "${podName}"`;
  if (!status) return { error: `${where} is not available` };
  const last = status.lastState?.terminated;
  const { waiting, running, terminated } = status.state ?? {};
  if (previous) {
    if (!last?.containerID) return { error: `previous terminated ${where} not found` };
    return { containerID: last.containerID };
  }
  if (running) return status.containerID ? { containerID: status.containerID } : { error: `${where} is waiting to start - no logs yet` };
  if (terminated) {
    if (terminated.containerID) return { containerID: terminated.containerID };
    if (last?.containerID) return { containerID: last.containerID };
    return { error: `${where} is terminated` };
  }
  if (last) return last.containerID ? { containerID: last.containerID } : { error: `${where} is terminated` };
  if (waiting) {
    if (waiting.reason === 'ErrImagePull') return { error: `${where} is waiting to start: image can't be pulled` };
    if (waiting.reason === 'ImagePullBackOff') return { error: `${where} is waiting to start: trying and failing to pull image` };
    return { error: `${where} is waiting to start: ${waiting.reason ?? ''}` };
  }
  return { error: `${where} is waiting to start - no logs yet` };
}
