// Which container(s) a logs view reads, as kubectl chooses them, and the words of the
// boundary marks a restart leaves in the view (taken from the pod's status).
import type { ContainerStatus, Pod } from '../kube/types.js';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** kubectl logs' default: the default-container annotation when it names a container, else the first container. */
export function defaultLogContainer(pod: Pod): string | undefined {
  const named = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  if (named && all.some((c) => c.name === named)) return named;
  return pod.spec?.containers?.[0]?.name;
}

/** Init containers first, then the app containers: the order `--all-containers` reads them in. */
export function logContainers(pod: Pod): string[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
}

export function containerStatus(pod: Pod, name: string): ContainerStatus | undefined {
  return pod.status?.containerStatuses?.find((s) => s.name === name) ?? pod.status?.initContainerStatuses?.find((s) => s.name === name);
}

/** The instance a read without `previous` gets (as the kubelet picks it), by containerID. */
export function currentInstanceId(s: ContainerStatus | undefined): string | undefined {
  if (!s) return undefined;
  if (s.state?.running) return s.containerID || undefined;
  if (s.state?.terminated) return s.state.terminated.containerID || s.lastState?.terminated?.containerID || undefined;
  return s.lastState?.terminated?.containerID || undefined;
}

/** The instance that is running now (only that one means a new instance has started). */
export function runningInstanceId(s: ContainerStatus | undefined): string | undefined {
  return s?.state?.running ? s.containerID || undefined : undefined;
}

/** The terminated state of a given instance, from the status (current or last state). */
export function terminationOf(s: ContainerStatus | undefined, containerID: string): { exitCode: number; reason?: string; finishedAt?: string } | undefined {
  const t = s?.state?.terminated;
  if (t && t.containerID === containerID) return t;
  const last = s?.lastState?.terminated;
  if (last && last.containerID === containerID) return last;
  return undefined;
}

/** `12:00:03` of an RFC 3339 time (UTC as the API gives it), or the text unchanged. */
function clockTime(iso: string | undefined): string {
  if (!iso) return 'an unknown time';
  const m = /T(\d\d:\d\d:\d\d)/.exec(iso);
  return m ? `${m[1]}Z` : iso;
}

export function exitMark(container: string, t: { exitCode: number; reason?: string; finishedAt?: string }): string {
  return `■ ${container} exited with code ${t.exitCode}${t.reason ? ` (${t.reason})` : ''} at ${clockTime(t.finishedAt)}`;
}

export function restartMark(container: string, s: ContainerStatus): string {
  const n = s.restartCount ?? 0;
  return `▶ ${container} restarted at ${clockTime(s.state?.running?.startedAt)} (restart #${n}): a new instance's log follows`;
}
