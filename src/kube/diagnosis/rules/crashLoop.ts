// A container that keeps exiting: its last exit (code, reason, when), how often it restarted,
// and when the kubelet starts it again: finishedAt plus the back-off the CrashLoopBackOff
// message names (10 s doubling to 300 s, reset after 10 minutes without a crash).
import { since } from '../../duration.js';
import { backoffAfter, CRASH_LOOP_BACKOFF } from '../../kubeletBackoff.js';
import { backoffFromMessage, waitText } from '../backoff.js';
import { containerLabel } from '../containers.js';
import { podIsReady } from '../ready.js';
import { timeMs } from '../events.js';
import type { ContainerView, Evidence, Finding, RuleContext } from '../types.js';

function restarts(ctx: RuleContext, c: ContainerView): boolean {
  if (c.kind === 'sidecar') return true;
  const policy = c.spec.restartPolicy ?? ctx.pod.spec?.restartPolicy ?? 'Always';
  return policy === 'Always' || policy === 'OnFailure';
}

export function exitFix(code: number, reason: string | undefined, policy: string): string | undefined {
  if (reason === 'OOMKilled') return undefined;
  if (code === 0) return policy === 'Always' ? 'it exits 0 and restartPolicy Always starts it again: keep the process in the foreground, or run it as a Job' : undefined;
  if (code === 127) return 'exit 127: the command is not found in the image: fix command/args';
  if (code === 126) return 'exit 126: the command is not executable: fix command/args or the file mode';
  if (code === 137) return 'exit 137: killed with SIGKILL (a failed liveness probe, the grace period ending, or the kernel)';
  if (code === 143) return 'exit 143: it ended on SIGTERM';
  return `the program exits with ${code}: its last log lines say why (p: previous logs)`;
}

function exitText(t: { exitCode?: number; reason?: string; signal?: number }): string {
  return `exit ${t.exitCode ?? '?'}${t.reason && t.reason !== 'Error' ? `, ${t.reason}` : ''}`;
}

/** A main container that ended under restartPolicy Never (or OnFailure with exit 0): it stays down, so the pod cannot be Ready. */
function stayedDown(ctx: RuleContext, c: ContainerView): Finding[] {
  const t = c.status?.state?.terminated;
  const phase = ctx.pod.status?.phase;
  if (!t || c.kind !== 'main' || phase === 'Succeeded' || phase === 'Failed' || ctx.pod.metadata?.deletionTimestamp) return [];
  const policy = ctx.pod.spec?.restartPolicy ?? 'Always';
  return [
    {
      cause: 'exited',
      headline: `${containerLabel(c)} exited ${t.exitCode ?? '?'}${t.reason ? ` (${t.reason})` : ''} ${since(t.finishedAt ?? undefined, ctx.nowMs)} ago and restartPolicy ${policy} leaves it down, so the pod cannot be Ready`,
      short: `${c.name} exited ${t.exitCode ?? '?'}, not restarted`,
      evidence: [
        { text: `${c.name}: state.terminated ${t.reason ?? ''} exit ${t.exitCode ?? '?'}`.replace('  ', ' '), at: t.finishedAt ?? undefined },
        { text: `spec.restartPolicy ${policy}` },
      ],
      fix: t.exitCode === 0 ? 'work that finishes belongs in an init container or a Job; a container that should serve must keep running' : exitFix(t.exitCode ?? 1, t.reason, policy),
    },
  ];
}

export function crashLoop(ctx: RuleContext): Finding[] {
  if (ctx.pod.metadata?.deletionTimestamp) return [];
  const ready = podIsReady(ctx.pod);
  const out: Finding[] = [];
  for (const c of ctx.containers) {
    const s = c.status;
    if (!s) continue;
    if (!restarts(ctx, c)) {
      out.push(...stayedDown(ctx, c));
      continue;
    }
    const waiting = s.state?.waiting;
    // The newest exit: the current state when it has just ended, else the last one.
    const last = s.state?.terminated ?? s.lastState?.terminated;
    if (!last) continue;
    const looping = waiting?.reason === 'CrashLoopBackOff';
    const running = s.state?.running;
    // A container running again after recent crashes is worth a line only while the pod is not Ready.
    const recent = running && (s.restartCount ?? 0) > 0 && !ready && ctx.nowMs - timeMs(last.finishedAt ?? undefined) < CRASH_LOOP_BACKOFF.expireMs;
    // A regular init container that exited 0 is done; any container exiting non-zero (or 0 under Always) restarts.
    const exitedNow = !!s.state?.terminated && (s.state.terminated.exitCode !== 0 || (c.kind !== 'init' && (c.spec.restartPolicy ?? ctx.pod.spec?.restartPolicy ?? 'Always') === 'Always'));
    if (!looping && !recent && !exitedNow) continue;
    const count = s.restartCount ?? 0;
    const evidence: Evidence[] = [
      { text: `${c.name}: lastState.terminated ${last.reason ?? ''} exit ${last.exitCode ?? '?'}${last.signal ? ` signal ${last.signal}` : ''}${last.message ? `: ${last.message.trim()}` : ''}`.replace('  ', ' '), at: last.finishedAt ?? undefined },
      { text: `${c.name}: restartCount ${count}` },
    ];
    let next = '';
    if (looping || exitedNow) {
      const fromMessage = backoffFromMessage(waiting?.message);
      const ranMs = timeMs(last.finishedAt ?? undefined) - timeMs(last.startedAt ?? undefined);
      const delay = fromMessage ?? (ranMs > CRASH_LOOP_BACKOFF.expireMs ? backoffAfter(1) : backoffAfter(count + 1));
      evidence.push({ text: fromMessage !== undefined ? `state.waiting CrashLoopBackOff: ${waiting!.message ?? ''}` : `back-off after ${count + 1} exit${count === 0 ? '' : 's'} in a row: ${waitText(delay)} (10s doubling to 5m)` });
      const wait = timeMs(last.finishedAt ?? undefined) + delay - ctx.nowMs;
      next = Number.isNaN(wait) ? '' : waitText(wait);
    }
    const line = ctx.lastLogLine?.(c.name);
    if (line !== undefined && line !== '') evidence.push({ text: `last log line: ${line}` });
    const exit = exitText(last);
    const who = containerLabel(c);
    const headline = recent
      ? `${who} restarted ${count} time${count === 1 ? '' : 's'}; last ${exit} ${since(last.finishedAt ?? undefined, ctx.nowMs)} ago, running again`
      : `${who} is crash-looping: ${exit} ${since(last.finishedAt ?? undefined, ctx.nowMs)} ago, restarted ${count} time${count === 1 ? '' : 's'}${next ? `, next start ${next === 'now' ? 'now' : `in ${next}`}` : ''}`;
    const brief = last.reason && last.reason !== 'Error' && last.reason !== 'Completed' ? last.reason : `exit ${last.exitCode ?? '?'}`;
    const short = recent ? `restarted ${count}x (${brief})` : `crash-looping (${brief})${next ? `, next ${next === 'now' ? 'now' : `in ${next}`}` : ''}`;
    const fix = exitFix(last.exitCode ?? 1, last.reason, c.spec.restartPolicy ?? ctx.pod.spec?.restartPolicy ?? 'Always');
    out.push({ cause: 'crash-loop', headline, short, evidence, ...(fix ? { fix } : {}) });
  }
  return out;
}
