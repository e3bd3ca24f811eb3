// Injects one fault into the simulator: what the operator asked for happens through the same
// paths the cluster uses (the kubelet's crash seam, the node-state annotation, a delete through
// the API), and a FaultInjected Event on the object says what was done, so a timeline shows
// the cause before its effects.
import { rfc3339 } from '../../kube/duration.js';
import { formatGoDuration } from '../../kube/goDuration.js';
import type { Fault, NodeFaultAction } from '../../kube/simControl.js';
import type { Node, Pod } from '../../kube/types.js';
import { errorText } from '../../kube/errorText.js';
import type { SimApi } from '../api.js';
import type { Clock } from '../clock.js';
import type { EventRecorder } from '../context.js';
import type { KubeletFleet } from '../kubelet/fleet.js';
import type { FaultOutcome } from '../kubelet/crash.js';
import { NODE_STATE_ANNOTATION, nodeStateOf, type NodeState } from '../nodeState.js';
import type { Store } from '../store.js';

export const FAULT_REASON = 'FaultInjected';
export const FAULT_COMPONENT = 'podscope-rehearse';

/** The parts of a Simulator a fault reaches (engine.ts's Simulator has them). */
export interface RehearsalTarget {
  readonly store: Store;
  readonly api: SimApi;
  readonly clock: Clock;
  readonly recorder: EventRecorder;
  readonly kubelets: KubeletFleet;
}

/** A refusal says whether the object was missing (a served answer is then 404, else 409). */
export type FaultResult = { ok: true; message: string } | { ok: false; message: string; notFound?: boolean };

const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** kubectl's default container: the annotation's, else the first of spec.containers. */
function defaultContainer(pod: Pod): string | undefined {
  const named = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (named && pod.spec?.containers?.some((c) => c.name === named)) return named;
  return pod.spec?.containers?.[0]?.name;
}

function fieldPathOf(pod: Pod, container: string): string {
  const init = pod.spec?.initContainers?.some((c) => c.name === container);
  return init ? `spec.initContainers{${container}}` : `spec.containers{${container}}`;
}

function clockText(ms: number): string {
  return rfc3339(ms).slice(11, 19);
}

export function injectFault(target: RehearsalTarget, fault: Fault): FaultResult {
  if ('node' in fault) return nodeFault(target, fault.action, fault.node);
  const pod = target.store.get('Pod', fault.namespace, fault.pod);
  if (!pod) return { ok: false, message: `pods "${fault.pod}" not found in namespace ${fault.namespace}`, notFound: true };
  const container = fault.container ?? defaultContainer(pod);
  if (container === undefined) return { ok: false, message: `pod ${fault.pod} has no containers` };
  const precheck = target.kubelets.checkContainer(fault.namespace, fault.pod, container, fault.action === 'crash' || fault.action === 'oom');
  if (precheck !== undefined) return { ok: false, message: precheck };
  const now = target.clock.now();
  const until = now + (fault.forMs ?? 0);
  const forText = fault.forMs !== undefined ? `for ${formatGoDuration(fault.forMs)} (until ${clockText(until)})` : '';
  let message: string;
  let act: () => FaultOutcome;
  const k = target.kubelets;
  switch (fault.action) {
    case 'crash': {
      const code = fault.exitCode ?? 1;
      message = `Crashed container ${container} with exit code ${code}`;
      act = () => k.crashContainer(fault.namespace, fault.pod, container, code);
      break;
    }
    case 'oom': {
      const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === container);
      const limit = spec?.resources?.limits?.memory;
      message = `Pushed the memory of container ${container} over ${limit ? `its limit of ${limit}` : "the node's memory (it has no limit)"}: OOMKilled, exit code 137`;
      act = () => k.crashContainer(fault.namespace, fault.pod, container, 137, 'OOMKilled');
      break;
    }
    case 'fail-liveness':
    case 'fail-readiness': {
      const type = fault.action === 'fail-liveness' ? 'liveness' : 'readiness';
      const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === container);
      if (!(type === 'liveness' ? spec?.livenessProbe : spec?.readinessProbe)) return { ok: false, message: `container ${container} has no ${type} probe` };
      message = `Made the ${type} probe of container ${container} fail ${forText}`;
      act = () => k.failProbe(fault.namespace, fault.pod, container, type, until);
      break;
    }
    case 'fail-pulls':
      message = `Made image pulls of container ${container} fail ${forText}; the node forgot the image, so its next start pulls`;
      act = () => k.failPulls(fault.namespace, fault.pod, container, until);
      break;
  }
  // The event first: the effects (an exit, a restart, Unhealthy) follow it in the same instant.
  target.recorder.event(pod, 'Warning', FAULT_REASON, message, { component: FAULT_COMPONENT, fieldPath: fieldPathOf(pod, container) });
  const outcome = act();
  if (!outcome.ok) return { ok: false, message: outcome.message };
  return { ok: true, message: `${fault.namespace}/${fault.pod}: ${message}` };
}

function nodeFault(target: RehearsalTarget, action: NodeFaultAction, name: string): FaultResult {
  const node = target.store.get('Node', undefined, name);
  if (!node) return { ok: false, message: `nodes "${name}" not found`, notFound: true };
  const event = (message: string) => target.recorder.event(node, 'Warning', FAULT_REASON, message, { component: FAULT_COMPONENT });
  try {
    if (action === 'delete-node') {
      const message = `Deleted node ${name}`;
      event(message);
      target.api.delete('Node', undefined, name);
      return { ok: true, message };
    }
    const want: NodeState = action === 'stop-node' ? 'stopped' : 'running';
    if (nodeStateOf(node) === want) return { ok: false, message: `node ${name} is already ${want}` };
    const message =
      want === 'stopped'
        ? `Stopped node ${name}: its kubelet renews no lease and acts on no pod (NotReady/Unknown after 40s)`
        : `Started node ${name}: its kubelet renews its lease and takes up its pods again`;
    event(message);
    setNodeState(target.api, node, want);
    return { ok: true, message };
  } catch (err) {
    return { ok: false, message: errorText(err) };
  }
}

function setNodeState(api: SimApi, node: Node, state: NodeState): void {
  api.update('Node', { ...node, metadata: { ...node.metadata, annotations: { ...node.metadata?.annotations, [NODE_STATE_ANNOTATION]: state } } });
}
