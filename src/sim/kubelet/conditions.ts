// The kubelet's pod conditions (k/k pkg/kubelet/status/generate.go), in the order
// generateAPIPodStatus writes them, with the status manager's lastTransitionTime rule:
// the time changes only when the condition's status does.
import { rfc3339 } from '../../kube/duration.js';
import type { ContainerStatus, PodCondition, PodSpec } from '../../kube/types.js';
import { anyRegularContainerStarted, isSidecar, type PodPhase } from './phase.js';

/** Condition types the kubelet owns; the status manager keeps every other condition as it was. */
export const KUBELET_CONDITIONS: ReadonlySet<string> = new Set([
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
]);

interface Verdict {
  status: 'True' | 'False';
  reason?: string;
  message?: string;
}

function byName(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  for (const s of statuses) if (s.name === name) return s;
  return undefined;
}

function goList(names: string[]): string {
  return `[${names.join(' ')}]`;
}

function initialized(spec: PodSpec, init: readonly ContainerStatus[], main: readonly ContainerStatus[], phase: PodPhase): Verdict {
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of spec.initContainers ?? []) {
    const s = byName(init, c.name);
    if (!s) unknown.push(c.name);
    else if (isSidecar(c) ? !s.started : !s.ready) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { status: 'True', reason: 'PodCompleted' };
  if (anyRegularContainerStarted(spec, main)) return { status: 'True' };
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length > 0) messages.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (messages.length > 0) return { status: 'False', reason: 'ContainersNotInitialized', message: messages.join(', ') };
  return { status: 'True' };
}

function containersReady(spec: PodSpec, init: readonly ContainerStatus[], main: readonly ContainerStatus[], phase: PodPhase): Verdict {
  const unknown: string[] = [];
  const unready: string[] = [];
  for (const c of spec.initContainers ?? []) {
    if (!isSidecar(c)) continue;
    const s = byName(init, c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  for (const c of spec.containers ?? []) {
    const s = byName(main, c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { status: 'False', reason: 'PodFailed' };
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length > 0) messages.push(`containers with unready status: ${goList(unready)}`);
  if (messages.length > 0) return { status: 'False', reason: 'ContainersNotReady', message: messages.join(', ') };
  return { status: 'True' };
}

function ready(spec: PodSpec, containers: Verdict, current: readonly PodCondition[]): Verdict {
  if (containers.status !== 'True') return { status: 'False', reason: containers.reason, message: containers.message };
  const messages: string[] = [];
  for (const gate of spec.readinessGates ?? []) {
    const c = current.find((x) => x.type === gate.conditionType);
    if (!c) messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') messages.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (messages.length > 0) return { status: 'False', reason: 'ReadinessGatesNotReady', message: messages.join(', ') };
  return { status: 'True' };
}

export interface ConditionInputs {
  spec: PodSpec;
  init: readonly ContainerStatus[];
  main: readonly ContainerStatus[];
  phase: PodPhase;
  sandboxReady: boolean;
  /** The pod's conditions as stored now (the scheduler's PodScheduled, readiness gates, …). */
  current: readonly PodCondition[];
  nowMs: number;
}

function build(type: string, v: Verdict, previous: PodCondition | undefined, nowMs: number): PodCondition {
  if (previous && previous.status === v.status && previous.reason === v.reason && previous.message === v.message) return previous;
  const lastTransitionTime = previous && previous.status === v.status ? previous.lastTransitionTime : rfc3339(nowMs);
  const c: PodCondition = { type, status: v.status, lastTransitionTime };
  if (v.reason) c.reason = v.reason;
  if (v.message) c.message = v.message;
  return c;
}

/** Other writers' conditions first (kept as they are), then the kubelet's five. */
export function podConditions(input: ConditionInputs): PodCondition[] {
  const out: PodCondition[] = [];
  for (const c of input.current) if (!KUBELET_CONDITIONS.has(c.type)) out.push(c);
  const containers = containersReady(input.spec, input.init, input.main, input.phase);
  const now = input.nowMs;
  const previous = (type: string) => lastOfType(input.current, type);
  out.push(build('PodReadyToStartContainers', { status: input.sandboxReady ? 'True' : 'False' }, previous('PodReadyToStartContainers'), now));
  out.push(build('Initialized', initialized(input.spec, input.init, input.main, input.phase), previous('Initialized'), now));
  out.push(build('Ready', ready(input.spec, containers, input.current), previous('Ready'), now));
  out.push(build('ContainersReady', containers, previous('ContainersReady'), now));
  out.push(build('PodScheduled', { status: 'True' }, previous('PodScheduled'), now));
  return out;
}

/** The last condition of a type (a handful of conditions: a scan beats building a map per write). */
function lastOfType(conditions: readonly PodCondition[], type: string): PodCondition | undefined {
  for (let i = conditions.length - 1; i >= 0; i--) if (conditions[i]!.type === type) return conditions[i];
  return undefined;
}
