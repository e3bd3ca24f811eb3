// What a STATUS string means for colour: one category per kubectl status, so the UI never
// has to know the list of kubelet reasons itself.
//
// Decisions (not upstream facts; kubectl has no colours):
// - `Running` is `running` only when every container counted in READY is ready; a running
//   pod that is not (yet) ready is `pending`, because it does not serve traffic.
// - `NotReady` (a completed container beside a running one, Ready condition false) is `pending`.
// - `Init:N/M`, `PodInitializing`, `ContainerCreating`, `SchedulingGated` are `pending`;
//   every other `Init:<reason>` is a failed or stuck init container, so `failing`.
// - `Unknown` (NodeLost while deleting) is `unknown`; `Terminating` is `terminating`.
// - A status this file does not recognise falls back to the pod's phase when the pod is
//   given (Failed → failing, Succeeded → completed, Running → running, Pending → pending),
//   else `unknown`.
import { podReadyCounts } from './podColumns.js';
import type { Pod } from './types.js';

export type StatusCategory = 'running' | 'pending' | 'failing' | 'completed' | 'terminating' | 'unknown';

const EXACT: ReadonlyMap<string, StatusCategory> = new Map<string, StatusCategory>([
  ['Terminating', 'terminating'],
  ['Unknown', 'unknown'],
  ['Completed', 'completed'],
  ['Succeeded', 'completed'],
  ['Pending', 'pending'],
  ['ContainerCreating', 'pending'],
  ['PodInitializing', 'pending'],
  ['SchedulingGated', 'pending'],
  ['NotReady', 'pending'],
  ['Failed', 'failing'],
  ['Error', 'failing'],
  ['OOMKilled', 'failing'],
  ['CrashLoopBackOff', 'failing'],
  ['ImagePullBackOff', 'failing'],
  ['InvalidImageName', 'failing'],
  ['ContainerCannotRun', 'failing'],
  ['ContainerStatusUnknown', 'failing'],
  ['DeadlineExceeded', 'failing'],
  ['Evicted', 'failing'],
  ['NodeLost', 'failing'],
  ['NodeAffinity', 'failing'],
  ['Preempting', 'failing'],
  ['Shutdown', 'failing'],
  ['Terminated', 'failing'],
  ['UnexpectedAdmissionError', 'failing'],
]);

const INIT_PROGRESS = /^Init:\d+\/\d+$/;

function failingByShape(status: string): boolean {
  return (
    status.startsWith('Init:') || // Init:N/M was handled before this is asked
    status.startsWith('Signal:') ||
    status.startsWith('ExitCode:') ||
    status.startsWith('Err') || // ErrImagePull, ErrImageNeverPull
    status.startsWith('OutOf') || // OutOfcpu, OutOfmemory admission failures
    status.endsWith('Error') || // CreateContainerConfigError, RunContainerError, StartError, …
    status.endsWith('BackOff')
  );
}

function fromPhase(pod: Pod | undefined): StatusCategory {
  switch (pod?.status?.phase) {
    case 'Failed':
      return 'failing';
    case 'Succeeded':
      return 'completed';
    case 'Running':
      return 'running';
    case 'Pending':
      return 'pending';
    default:
      return 'unknown';
  }
}

export function statusCategory(status: string, pod?: Pod): StatusCategory {
  if (status === 'Running') {
    if (!pod) return 'running';
    const { ready, total } = podReadyCounts(pod);
    return ready >= total ? 'running' : 'pending';
  }
  const exact = EXACT.get(status);
  if (exact) return exact;
  if (INIT_PROGRESS.test(status)) return 'pending';
  if (failingByShape(status)) return 'failing';
  return fromPhase(pod);
}
