// A pod being deleted: the grace left, a preStop hook still running, finalizers that hold it,
// or a node that cannot confirm its containers stopped.
import { since } from '../../duration.js';
import { waitText } from '../backoff.js';
import { lastSeen, newest, timeMs } from '../events.js';
import type { Evidence, Finding, RuleContext } from '../types.js';

/** `sleep 5` in a preStop exec: how long it runs, in seconds (other hooks: unknown). */
function preStopSeconds(command: readonly string[] | undefined): number | undefined {
  const m = /(?:^|\s|;)sleep\s+(\d+)\s*$/.exec((command ?? []).join(' '));
  return m ? Number(m[1]) : undefined;
}

export function terminating(ctx: RuleContext): Finding[] {
  const meta = ctx.pod.metadata ?? {};
  if (!meta.deletionTimestamp) return [];
  const deadline = timeMs(meta.deletionTimestamp);
  const grace = meta.deletionGracePeriodSeconds ?? ctx.pod.spec?.terminationGracePeriodSeconds ?? 30;
  const left = deadline - ctx.nowMs;
  const evidence: Evidence[] = [{ text: `metadata.deletionTimestamp ${meta.deletionTimestamp} (grace ${grace}s)`, at: meta.deletionTimestamp }];
  const running = ctx.containers.filter((c) => c.status?.state?.running);
  const killing = newest(ctx.pod.metadata?.deletionTimestamp ? ctx.events : [], (e) => e.reason === 'Killing');
  if (killing) evidence.push({ text: `event Killing: ${killing.message ?? ''}`.trim(), at: lastSeen(killing) });
  let preStop = '';
  if (killing && running.length > 0) {
    for (const c of running) {
      const hook = c.spec.lifecycle?.preStop;
      if (!hook) continue;
      const secs = hook.exec ? preStopSeconds(hook.exec.command) : hook.sleep ? hook.sleep.seconds : undefined;
      const started = timeMs(lastSeen(killing));
      const endMs = secs === undefined ? undefined : started + secs * 1000;
      if (endMs !== undefined && endMs <= ctx.nowMs) continue;
      preStop = `preStop hook of ${c.name} running${endMs === undefined ? '' : `, ends in ${waitText(endMs - ctx.nowMs)}`}`;
      evidence.push({ text: `${c.name}: lifecycle.preStop ${hook.exec ? `exec ${(hook.exec.command ?? []).join(' ')}` : hook.sleep ? `sleep ${hook.sleep.seconds}s` : hook.httpGet ? `httpGet ${hook.httpGet.path ?? '/'}` : ''}`.trim() });
      break;
    }
  }
  const finalizers = meta.finalizers ?? [];
  const nodeLost = ctx.found.some((f) => f.cause === 'node-not-ready' || f.cause === 'node-missing');
  if (finalizers.length > 0) evidence.push({ text: `metadata.finalizers: ${finalizers.join(', ')}` });
  if (running.length > 0) evidence.push({ text: `still running: ${running.map((c) => c.name).join(', ')}` });

  let headline: string;
  let short: string;
  let fix: string | undefined;
  if (left > 0) {
    headline = `terminating: ${waitText(left)} of its ${grace}s grace period left${preStop ? `; ${preStop}` : ''}`;
    short = preStop ? `terminating, preStop (${waitText(left)} left)` : `terminating, ${waitText(left)} left`;
    if (nodeLost) fix = 'its node is unreachable: no kubelet will confirm the containers stopped, so it stays Terminating until the node is back or deleted (or kubectl delete --force --grace-period=0)';
  } else if (nodeLost) {
    headline = `terminating for ${since(meta.deletionTimestamp, ctx.nowMs)} past its grace: its node cannot confirm the containers stopped`;
    short = 'terminating on a lost node';
    fix = 'bring the node back, delete the Node object (PodGC then removes the pod), or kubectl delete pod --force --grace-period=0';
  } else if (finalizers.length > 0 && running.length === 0) {
    headline = `terminating: held by finalizer${finalizers.length > 1 ? 's' : ''} ${finalizers.join(', ')}`;
    short = `terminating, finalizer ${finalizers[0]}`;
    fix = `the controller that owns ${finalizers[0]} removes it when done; if none will, remove it (kubectl patch --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]')`;
  } else {
    headline = `terminating: its ${grace}s grace period ended ${since(meta.deletionTimestamp, ctx.nowMs)} ago; the kubelet kills what is left`;
    short = 'terminating, grace over';
  }
  return [{ cause: 'terminating', headline, short, evidence, ...(fix ? { fix } : {}) }];
}
