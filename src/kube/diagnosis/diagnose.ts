// "Why isn't it ready?": the rules in the order a person would look (the pod's end and its
// node first, then scheduling, volumes and start-up, then what running containers do), each
// a pure function of the pod, its events, the nodes and referenced objects, and the time.
// Cheap: a few passes over one pod's containers and events, for the rows on screen only.
import { podIsReady } from './ready.js';
import type { Finding, DiagnosisInput, Diagnosis, Rule, RuleContext } from './types.js';
import { containerViews } from './containers.js';
import { crashLoop } from './rules/crashLoop.js';
import { failedPod } from './rules/failed.js';
import { imagePull } from './rules/imagePull.js';
import { starting } from './rules/starting.js';
import { initWaiting } from './rules/initContainers.js';
import { mountFailed } from './rules/mount.js';
import { nodeHealth } from './rules/node.js';
import { oomKilled } from './rules/oomKilled.js';
import { liveness, readiness, startupProbe } from './rules/probes.js';
import { readinessGates } from './rules/readinessGates.js';
import { startFailure } from './rules/startFailure.js';
import { terminating } from './rules/terminating.js';
import { unschedulable } from './rules/unschedulable.js';
import { notReady } from './rules/notReady.js';

export const RULES: readonly Rule[] = [
  nodeHealth,
  terminating,
  failedPod,
  unschedulable,
  mountFailed,
  startFailure,
  imagePull,
  starting,
  crashLoop,
  oomKilled,
  liveness,
  startupProbe,
  initWaiting,
  readiness,
  readinessGates,
  // Last: says what the Ready condition says when no rule above found the cause.
  notReady,
];

export function diagnose(input: DiagnosisInput): Diagnosis {
  const containers = containerViews(input.pod, input.events);
  const found: Finding[] = [];
  const ctx: RuleContext = { ...input, containers, found };
  for (const rule of RULES) found.push(...rule(ctx));
  // A deletion under way says most about what comes next: it leads (the node rule runs first only so that it can read it).
  const t = found.findIndex((f) => f.cause === 'terminating');
  if (t > 0) found.unshift(...found.splice(t, 1));
  const ready = podIsReady(input.pod);
  const phase = input.pod.status?.phase;
  const summary = found[0]?.short ?? (phase === 'Succeeded' ? 'Completed' : ready ? 'Ready' : (phase ?? 'Unknown'));
  return { ready, summary, findings: found };
}
