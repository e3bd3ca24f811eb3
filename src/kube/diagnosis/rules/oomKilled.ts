// A container the kernel killed for memory: it reached its limit (the cgroup's), or the node
// ran out when it had none.
import { since } from '../../duration.js';
import { CRASH_LOOP_BACKOFF } from '../../kubeletBackoff.js';
import { containerLabel } from '../containers.js';
import { timeMs } from '../events.js';
import type { Finding, RuleContext } from '../types.js';

export function oomKilled(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const c of ctx.containers) {
    const s = c.status;
    const t = s?.state?.terminated?.reason === 'OOMKilled' ? s.state.terminated : s?.lastState?.terminated?.reason === 'OOMKilled' ? s.lastState.terminated : undefined;
    if (!t) continue;
    if (s?.state?.running && ctx.nowMs - timeMs(t.finishedAt ?? undefined) > CRASH_LOOP_BACKOFF.expireMs) continue;
    const limit = (c.spec.resources?.limits as Record<string, string | number | undefined> | undefined)?.memory;
    const request = (c.spec.resources?.requests as Record<string, string | number | undefined> | undefined)?.memory;
    const evidence = [
      { text: `${c.name}: ${s?.state?.terminated === t ? 'state' : 'lastState'}.terminated OOMKilled exit ${t.exitCode ?? 137}`, at: t.finishedAt ?? undefined },
      { text: `${c.name}: resources.limits.memory ${limit ?? '<none>'}${request !== undefined ? `, requests.memory ${String(request)}` : ''}` },
    ];
    out.push({
      cause: 'oom-killed',
      headline:
        limit !== undefined
          ? `${containerLabel(c)} was OOMKilled ${since(t.finishedAt ?? undefined, ctx.nowMs)} ago: it used all of its memory limit ${String(limit)}`
          : `${containerLabel(c)} was OOMKilled ${since(t.finishedAt ?? undefined, ctx.nowMs)} ago with no memory limit: the node ran out of memory`,
      short: limit !== undefined ? `OOMKilled (limit ${String(limit)})` : 'OOMKilled (node out of memory)',
      evidence,
      fix: limit !== undefined ? `raise resources.limits.memory above ${String(limit)}, or make it use less (a leak grows until the limit)` : 'set memory requests and limits so the scheduler places it where it fits',
    });
  }
  return out;
}
