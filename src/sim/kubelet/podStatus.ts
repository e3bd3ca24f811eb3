// generateAPIPodStatus plus the status manager's merge: the whole status the kubelet
// writes, built from its container records. Unchanged container statuses and conditions
// are the same objects as last time.
import type { ContainerStatus, Pod, PodStatus } from '../../kube/types.js';
import { podConditions } from './conditions.js';
import type { ContainerRecord } from './containerRecord.js';
import { getPhase, type PodPhase } from './phase.js';

export interface PodStatusSource {
  readonly init: readonly ContainerRecord[];
  readonly main: readonly ContainerRecord[];
  readonly sandboxReady: boolean;
  readonly podIP: string;
  readonly hostIP: string;
  /** status.startTime (RFC 3339), the same string on every write. */
  readonly startTime: string;
  readonly qosClass: string;
  /** Set by the active deadline: phase Failed with this reason and message. */
  readonly forced: { reason: string; message: string } | undefined;
  /** The phase last written; a terminal phase is never left. */
  readonly writtenPhase: PodPhase | undefined;
}

const UNKNOWN_MESSAGE = 'The container could not be located when the pod was terminated';

/** The status manager's TerminatePod: a container with no terminated state is reported as lost. */
function asTerminated(s: ContainerStatus): ContainerStatus {
  if (s.state?.terminated) return s;
  return {
    ...s,
    state: { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: UNKNOWN_MESSAGE } },
    ready: false,
    started: false,
  };
}

function isTerminal(phase: string | undefined): phase is 'Succeeded' | 'Failed' {
  return phase === 'Succeeded' || phase === 'Failed';
}

/** `final`: the pod's containers are all stopped for good (podIsTerminal). */
export function buildPodStatus(src: PodStatusSource, current: Pod, nowMs: number, final: boolean): PodStatus {
  const spec = current.spec!;
  const generatedInit = src.init.map((r) => r.status());
  const generatedMain = src.main.map((r) => r.status());
  let phase: PodPhase = getPhase(spec, generatedInit, generatedMain, final);
  if (src.forced) phase = 'Failed';
  if (final && !isTerminal(phase)) phase = 'Failed';
  if (isTerminal(src.writtenPhase)) phase = src.writtenPhase;

  const status: PodStatus = { phase };
  // Conditions come from the generated status; TerminatePod only rewrites container states.
  status.conditions = podConditions({
    spec,
    init: generatedInit,
    main: generatedMain,
    phase,
    sandboxReady: src.sandboxReady && !final,
    current: current.status?.conditions ?? [],
    nowMs,
  });
  const init = final ? generatedInit.map((s, i) => (src.init[i]!.everCreated ? asTerminated(s) : s)) : generatedInit;
  const main = final ? generatedMain.map(asTerminated) : generatedMain;
  const previous = current.status;
  if (src.forced) {
    status.message = src.forced.message;
    status.reason = src.forced.reason;
  } else if (previous?.reason && previous.phase === phase) {
    if (previous.message) status.message = previous.message;
    status.reason = previous.reason;
  }
  if (previous?.nominatedNodeName) status.nominatedNodeName = previous.nominatedNodeName;
  if (src.hostIP) {
    status.hostIP = src.hostIP;
    status.hostIPs = [{ ip: src.hostIP }];
  }
  if (src.podIP) {
    status.podIP = src.podIP;
    status.podIPs = [{ ip: src.podIP }];
  }
  status.startTime = src.startTime;
  if (spec.initContainers && spec.initContainers.length > 0) status.initContainerStatuses = init;
  status.containerStatuses = main;
  status.qosClass = src.qosClass;
  return status;
}
