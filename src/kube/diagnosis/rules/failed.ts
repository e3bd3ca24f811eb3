// A pod that has ended badly (phase Failed): evicted, past its deadline, or its containers
// exited non-zero under restartPolicy Never/OnFailure.
import { since } from '../../duration.js';
import type { Evidence, Finding, RuleContext } from '../types.js';

export function failedPod(ctx: RuleContext): Finding[] {
  const st = ctx.pod.status;
  if (st?.phase !== 'Failed') return [];
  const evidence: Evidence[] = [{ text: `status.phase Failed${st.reason ? `, reason ${st.reason}` : ''}${st.message ? `: ${st.message}` : ''}` }];
  const exited = ctx.containers.filter((c) => c.status?.state?.terminated && c.status.state.terminated.exitCode !== 0);
  for (const c of exited) {
    const t = c.status!.state!.terminated!;
    evidence.push({ text: `${c.name}: state.terminated ${t.reason ?? ''} exit ${t.exitCode}`.replace('  ', ' '), at: t.finishedAt ?? undefined });
  }
  const first = exited[0]?.status?.state?.terminated;
  const headline = st.reason
    ? `failed: ${st.reason}${st.message ? ` (${st.message})` : ''}`
    : first
      ? `failed: ${exited[0]!.name} exited ${first.exitCode}${first.reason ? ` (${first.reason})` : ''} ${since(first.finishedAt ?? undefined, ctx.nowMs)} ago and is not restarted (restartPolicy ${ctx.pod.spec?.restartPolicy ?? 'Always'})`
      : 'failed';
  const fix = st.reason === 'Evicted' ? 'the kubelet evicted it for node pressure: give it requests that match its use, or free the node' : st.reason === 'DeadlineExceeded' ? 'it ran past activeDeadlineSeconds: raise it, or make the work shorter' : undefined;
  return [{ cause: 'failed', headline, short: st.reason ? `failed: ${st.reason}` : first ? `failed (exit ${first.exitCode})` : 'failed', evidence, ...(fix ? { fix } : {}) }];
}
