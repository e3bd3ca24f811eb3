// The steps of stopping a container that no API object shows: the kubelet records `Killing`,
// runs the preStop hook, sends SIGTERM, and SIGKILL when the grace runs out. A client sees
// only the Killing event and, later, the exit. The instants in between are derived: the
// preStop hook's length is known from the spec when it is a `sleep` (the sleep action, or an
// exec hook whose command ends in `sleep N`); SIGTERM follows it, with at least 2 s before
// the SIGKILL (the kubelet's minimum), and the grace is the pod's deletion grace, else its
// terminationGracePeriodSeconds. An exit 137 at the grace's end then shows the SIGKILL.
import type { Container, Pod } from '../../kube/types.js';
import { clockText } from './clock.js';
import type { TimelineDraft } from './types.js';

/** The kubelet gives SIGTERM at least this long, whatever the preStop hook used up. */
const MIN_TERM_SECONDS = 2;

/** The preStop hook's length in seconds when the spec tells it; undefined when only running it would. */
export function preStopSeconds(c: Container): number | undefined {
  const hook = c.lifecycle?.preStop;
  if (!hook) return 0;
  if (hook.sleep) return hook.sleep.seconds;
  const cmd = hook.exec?.command;
  if (!cmd || cmd.length === 0) return undefined;
  const last = cmd[cmd.length - 1]!.trim();
  const m = /(?:^|[;&|]\s*|\s)sleep\s+(\d+)\s*;?\s*$/.exec(last);
  return m ? Number(m[1]) : undefined;
}

function hookWords(c: Container, seconds: number | undefined): string {
  const hook = c.lifecycle?.preStop;
  const kind = hook?.sleep ? 'sleep' : hook?.exec ? 'exec' : hook?.httpGet ? 'httpGet' : hook?.tcpSocket ? 'tcpSocket' : 'hook';
  return seconds === undefined ? kind : `${kind}, ${seconds}s`;
}

/** The container a `spec.containers{name}` field path names. */
export function containerOfFieldPath(fieldPath: string | undefined): string | undefined {
  return /^spec\.(?:initContainers|containers|ephemeralContainers)\{(.+)\}$/.exec(fieldPath ?? '')?.[1];
}

/** After a `Killing` event at `killMs`: the preStop hook, SIGTERM and when SIGKILL is due. */
export function stopDrafts(pod: Pod | undefined, containerName: string, killMs: number): TimelineDraft[] {
  const spec = pod?.spec;
  const c = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].find((x) => x.name === containerName);
  if (!c) return [];
  const grace = pod?.metadata?.deletionGracePeriodSeconds ?? spec?.terminationGracePeriodSeconds ?? 30;
  const hookS = preStopSeconds(c);
  const out: TimelineDraft[] = [];
  if (c.lifecycle?.preStop) {
    out.push({ atMs: killMs, exact: true, kind: 'signal', text: `${c.name}: preStop hook runs (${hookWords(c, hookS)})`, level: 'normal' });
  }
  if (hookS === undefined) {
    out.push({ atMs: killMs, exact: false, kind: 'signal', text: `${c.name}: SIGTERM when the preStop hook ends (its length is not visible to a client); SIGKILL by ${clockText(killMs + Math.max(grace, MIN_TERM_SECONDS) * 1000)} at the latest`, level: 'normal' });
    return out;
  }
  const hookMs = Math.min(hookS, grace) * 1000;
  const termMs = killMs + hookMs;
  const killDue = termMs + Math.max(grace - Math.floor(hookMs / 1000), MIN_TERM_SECONDS) * 1000;
  const after = c.lifecycle?.preStop ? ' (the preStop hook is over)' : '';
  out.push({ atMs: termMs, exact: true, kind: 'signal', text: `${c.name}: SIGTERM${after}; SIGKILL due at ${clockText(killDue)} if it is still running`, level: 'normal' });
  return out;
}
