// How a simulated node is stopped and started: annotations on the Node object, so the real
// kubectl can do it (`kubectl annotate node X sim.podscope.dev/node-state=stopped --overwrite`)
// and a scenario can schedule it. Validated at admission (see nodeStateErrors).
import { parseGoDuration } from '../kube/goDuration.js';
import type { Node } from '../kube/types.js';

/** `running` (the default when absent) or `stopped`: a stopped node's kubelet renews nothing and acts on no pod. */
export const NODE_STATE_ANNOTATION = 'sim.podscope.dev/node-state';
/** A Go duration after the node's creation at which the simulator sets node-state=stopped. */
export const STOP_AFTER_ANNOTATION = 'sim.podscope.dev/stop-after';
/** A Go duration after the node's creation at which the simulator sets node-state=running again. */
export const START_AFTER_ANNOTATION = 'sim.podscope.dev/start-after';

export const NODE_STATES = ['running', 'stopped'] as const;
export type NodeState = (typeof NODE_STATES)[number];

export function nodeStateOf(node: Node): NodeState {
  return node.metadata?.annotations?.[NODE_STATE_ANNOTATION] === 'stopped' ? 'stopped' : 'running';
}

export interface NodeSchedule {
  stopAtMs?: number;
  startAtMs?: number;
}

/** The instants a node's schedule annotations name, from its creationTimestamp. */
export function nodeScheduleOf(node: Node): NodeSchedule {
  const created = Date.parse(node.metadata?.creationTimestamp ?? '');
  const annotations = node.metadata?.annotations ?? {};
  const at = (key: string): number | undefined => {
    const text = annotations[key];
    if (text === undefined || !Number.isFinite(created)) return undefined;
    const ms = parseGoDuration(text);
    return ms === undefined ? undefined : created + ms;
  };
  return { stopAtMs: at(STOP_AFTER_ANNOTATION), startAtMs: at(START_AFTER_ANNOTATION) };
}

/** The admission errors for bad node-state values or schedule durations: [field, value, detail]. */
export function nodeStateErrors(node: Node): { field: string; value: string; detail: string; supported?: readonly string[] }[] {
  const annotations = node.metadata?.annotations ?? {};
  const errs: { field: string; value: string; detail: string; supported?: readonly string[] }[] = [];
  const state = annotations[NODE_STATE_ANNOTATION];
  if (state !== undefined && !(NODE_STATES as readonly string[]).includes(state)) {
    errs.push({ field: `metadata.annotations[${NODE_STATE_ANNOTATION}]`, value: state, detail: '', supported: NODE_STATES });
  }
  for (const key of [STOP_AFTER_ANNOTATION, START_AFTER_ANNOTATION]) {
    const text = annotations[key];
    if (text === undefined) continue;
    const ms = parseGoDuration(text);
    if (ms === undefined || ms < 0) errs.push({ field: `metadata.annotations[${key}]`, value: text, detail: 'must be a non-negative Go duration such as 90s or 5m' });
  }
  return errs;
}
