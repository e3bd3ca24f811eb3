// Stuck in ContainerCreating because a volume cannot be set up: the kubelet's FailedMount
// events (`MountVolume.SetUp failed for volume "conf" : configmap "nginx-conf" not found`,
// `Unable to attach or mount volumes: unmounted volumes=[…]…`) name the volume and the object.
import { lastSeen, tally } from '../events.js';
import type { Evidence, Finding, RuleContext } from '../types.js';

const SETUP = /^MountVolume\.SetUp failed for volume "([^"]+)" : (.*)$/s;

export function mountFailed(ctx: RuleContext): Finding[] {
  const creating = ctx.containers.some((c) => {
    const reason = c.status?.state?.waiting?.reason;
    return reason === 'ContainerCreating' || reason === 'PodInitializing' || c.status === undefined;
  });
  const started = ctx.containers.some((c) => c.status?.state?.running || c.status?.state?.terminated || c.status?.lastState?.terminated);
  if (!creating || started || ctx.pod.metadata?.deletionTimestamp) return [];
  const failing = ctx.events.filter((e) => e.reason === 'FailedMount');
  if (failing.length === 0) return [];
  const byVolume = new Map<string, { error: string; evidence: Evidence[] }>();
  for (const e of failing) {
    const m = SETUP.exec(e.message ?? '');
    if (!m) continue;
    const t = tally(failing, (x) => x.message === e.message);
    byVolume.set(m[1]!, { error: m[2]!, evidence: [{ text: `event FailedMount (x${t.count}, since ${t.first ?? '?'}): ${e.message ?? ''}`, at: t.last }] });
  }
  const out: Finding[] = [];
  const ns = ctx.pod.metadata?.namespace ?? 'default';
  for (const [volume, { error, evidence }] of byVolume) {
    const obj = /^(configmap|secret|persistentvolumeclaim) "([^"]+)" not found/.exec(error) ?? /^(?:couldn't get )?(configmap|secret)s? "([^"]+)" not found/.exec(error);
    if (obj) {
      const kind = obj[1] === 'configmap' ? 'ConfigMap' : obj[1] === 'secret' ? 'Secret' : 'PersistentVolumeClaim';
      const known = kind === 'PersistentVolumeClaim' ? undefined : ctx.objects?.(kind, obj[2]!);
      if (known) evidence.push({ text: `${kind} ${obj[2]} exists now: the volume manager's next try mounts it` });
      out.push({
        cause: 'mount-failed',
        headline: `stuck creating: volume ${volume} cannot be mounted, ${kind} ${obj[2]} does not exist`,
        short: `volume ${volume}: ${kind} ${obj[2]} missing`,
        evidence,
        fix: `create ${kind} ${obj[2]} in ${ns}${kind === 'PersistentVolumeClaim' ? '' : ', or mark the volume optional: true'}`,
      });
    } else {
      out.push({ cause: 'mount-failed', headline: `stuck creating: volume ${volume} cannot be mounted: ${error}`, short: `volume ${volume} not mounted`, evidence });
    }
  }
  if (out.length === 0) {
    const e = failing[failing.length - 1]!;
    out.push({ cause: 'mount-failed', headline: `stuck creating: volumes cannot be mounted`, short: 'volumes not mounted', evidence: [{ text: `event FailedMount: ${e.message ?? ''}`, at: lastSeen(e) }] });
  }
  return out;
}
