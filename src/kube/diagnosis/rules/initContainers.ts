// Waiting for an init container: the first regular one that has not completed (its state and
// command), since the ones after it and the app wait for it.
import { since } from '../../duration.js';
import type { Finding, RuleContext } from '../types.js';

export function initWaiting(ctx: RuleContext): Finding[] {
  if (ctx.pod.metadata?.deletionTimestamp) return [];
  const phase = ctx.pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return [];
  const inits = ctx.containers.filter((c) => c.kind === 'init');
  const regularInits = ctx.containers.filter((c) => c.kind !== 'main');
  const at = inits.findIndex((c) => c.status?.state?.terminated?.exitCode !== 0);
  if (at < 0) return [];
  const c = inits[at]!;
  const s = c.status;
  // Crash loops, pulls and start errors of the init container are their own findings.
  if (ctx.found.some((f) => f.evidence.some((e) => e.text.startsWith(`${c.name}:`)))) return [];
  const state = s?.state?.running
    ? `running for ${since(s.state.running.startedAt ?? undefined, ctx.nowMs)}`
    : s?.state?.terminated
      ? `exited ${s.state.terminated.exitCode} (${s.state.terminated.reason ?? ''})`
      : `waiting${s?.state?.waiting?.reason ? ` (${s.state.waiting.reason})` : ''}`;
  const command = [...(c.spec.command ?? []), ...(c.spec.args ?? [])].join(' ');
  const evidence = [
    { text: `${c.name}: ${state}`, at: s?.state?.running?.startedAt ?? undefined },
    ...(command ? [{ text: `${c.name}: command ${command.length > 100 ? `${command.slice(0, 99)}…` : command}` }] : []),
  ];
  const cond = ctx.pod.status?.conditions?.find((x) => x.type === 'Initialized' && x.status === 'False');
  if (cond) evidence.push({ text: `condition Initialized=False ${cond.reason ?? ''}: ${cond.message ?? ''}`.trim(), at: cond.lastTransitionTime ?? undefined });
  const n = regularInits.indexOf(c) + 1;
  return [
    {
      cause: 'init-waiting',
      headline: `waiting for init container ${c.name} (${n} of ${regularInits.length}): ${state}`,
      short: `init ${c.name} ${s?.state?.running ? 'running' : 'waiting'} (${n}/${regularInits.length})`,
      evidence,
      ...(s?.state?.running ? { fix: `it must exit 0 for the pod to go on: see what it waits for (its command, its logs: l then ${c.name})` } : {}),
    },
  ];
}
