// What "why isn't it ready?" answers with: findings in plain words, each with the fields and
// events that say so (and when), and what would fix it where the cause is clear.
import type { Event, KubeObject, Node, Pod } from '../types.js';

export type Cause =
  | 'terminating'
  | 'node-not-ready'
  | 'node-missing'
  | 'unschedulable'
  | 'pvc'
  | 'init-waiting'
  | 'sidecar-startup'
  | 'mount-failed'
  | 'config-missing'
  | 'start-failed'
  | 'image-pull'
  | 'pulling'
  | 'starting'
  | 'crash-loop'
  | 'exited'
  | 'oom-killed'
  | 'liveness'
  | 'startup-probe'
  | 'readiness'
  | 'readiness-gate'
  | 'failed'
  | 'not-ready';

export interface Evidence {
  /** Which field or event says so, and what it says. */
  text: string;
  /** When, as the object has it (RFC 3339). */
  at?: string;
}

export interface Finding {
  cause: Cause;
  /** One line in plain words. */
  headline: string;
  /** A few words for the pod list's WHY column. */
  short: string;
  evidence: Evidence[];
  /** What would fix it, where the cause is clear. */
  fix?: string;
}

export interface Diagnosis {
  /** The pod's Ready condition is True. */
  ready: boolean;
  /** `Ready`, `Completed`, or the first finding's short text. */
  summary: string;
  findings: Finding[];
}

/** A referenced object as the source knows it: the object, null when known to be missing, undefined when not looked up. */
export type ObjectLookup = (kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim', name: string) => KubeObject | null | undefined;

export interface DiagnosisInput {
  pod: Pod;
  /** This pod's events (any order). */
  events: readonly Event[];
  nowMs: number;
  /** Every node the source knows; undefined when they were not looked up. */
  nodes?: readonly Node[];
  /** The objects the pod references, in its namespace. */
  objects?: ObjectLookup;
  /** The last log line of a container's last terminated instance, when logs are at hand. */
  lastLogLine?: (container: string) => string | undefined;
}

/** What each rule reads: the input plus the pod's containers and events, indexed once. */
export interface RuleContext extends DiagnosisInput {
  containers: readonly ContainerView[];
  /** Findings of earlier rules (a later rule can stay quiet when an earlier one said it). */
  found: readonly Finding[];
}

export type ContainerKind = 'init' | 'sidecar' | 'main';

export interface ContainerView {
  kind: ContainerKind;
  name: string;
  spec: import('../types.js').Container;
  status: import('../types.js').ContainerStatus | undefined;
  /** Its events (fieldPath names it), oldest first. */
  events: readonly Event[];
}

export type Rule = (ctx: RuleContext) => Finding[];
