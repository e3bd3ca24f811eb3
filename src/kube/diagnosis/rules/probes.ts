// Probes that fail, from the kubelet's Unhealthy events ("Readiness probe failed: …", counted
// and first/last seen) and its Killing events ("Container app failed liveness probe, will be
// restarted"): readiness keeps a running container out of Ready, liveness restarts it, and a
// startup probe holds everything (and, on a sidecar, the containers after it) until it passes.
import { since } from '../../duration.js';
import { containerLabel, probeText } from '../containers.js';
import { tally, timeMs, type Tally } from '../events.js';
import { podIsReady } from '../ready.js';
import type { ContainerView, Evidence, Finding, RuleContext } from '../types.js';

type ProbeKind = 'Liveness' | 'Readiness' | 'Startup';

function failures(c: ContainerView, kind: ProbeKind, fromMs: number): Tally {
  return tally(c.events, (e) => e.reason === 'Unhealthy' && (e.message ?? '').startsWith(`${kind} probe failed`) && timeMs(e.lastTimestamp ?? e.eventTime ?? undefined) >= fromMs - 1000);
}

function failureEvidence(t: Tally, kind: ProbeKind): Evidence[] {
  if (!t.newest) return [];
  return [{ text: `event Unhealthy (x${t.count}, since ${t.first ?? '?'}): ${t.newest.message ?? ''}`.replace(`${kind} probe failed`, `${kind} probe failed`), at: t.last }];
}

const probeFix = 'fix what the probe checks in the app, or the probe itself (path, port, timeoutSeconds, initialDelaySeconds, failureThreshold)';

export function liveness(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const c of ctx.containers) {
    const probe = c.spec.livenessProbe;
    if (!probe || ctx.pod.metadata?.deletionTimestamp) continue;
    const kills = tally(c.events, (e) => e.reason === 'Killing' && (e.message ?? '').includes('failed liveness probe'));
    const startedMs = timeMs(c.status?.state?.running?.startedAt ?? undefined);
    const now = failures(c, 'Liveness', Number.isNaN(startedMs) ? 0 : startedMs);
    if (kills.count === 0 && now.count === 0) continue;
    const threshold = probe.failureThreshold ?? 3;
    // Correlated events count across runs: failing "again" means an Unhealthy newer than the last kill.
    const failingNow = now.count > 0 && c.status?.state?.running !== undefined && (kills.last === undefined || timeMs(now.last) > timeMs(kills.last));
    // Past restarts of a pod that is Ready now are history, not a reason.
    if (!failingNow && podIsReady(ctx.pod)) continue;
    const evidence: Evidence[] = [{ text: `${c.name}: livenessProbe ${probeText(probe)}` }, ...failureEvidence(now.count > 0 ? now : failures(c, 'Liveness', 0), 'Liveness')];
    if (kills.newest) evidence.push({ text: `event Killing (x${kills.count}): ${kills.newest.message ?? ''}`, at: kills.last });
    out.push({
      cause: 'liveness',
      headline: `${containerLabel(c)} fails its liveness probe${kills.count > 0 ? `: restarted ${kills.count} time${kills.count === 1 ? '' : 's'} for it` : ''}${failingNow ? `; failing again (${threshold} failures in a row restart it)` : ''}`,
      short: kills.count > 0 ? `liveness failing, ${kills.count} restart${kills.count === 1 ? '' : 's'}` : 'liveness failing',
      evidence,
      fix: probeFix,
    });
  }
  return out;
}

export function readiness(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const c of ctx.containers) {
    const s = c.status;
    if (!s?.state?.running || s.ready || c.kind === 'init') continue;
    if (c.spec.startupProbe && s.started === false) continue; // startupProbe() says so
    const probe = c.spec.readinessProbe;
    if (!probe) continue;
    const startedMs = timeMs(s.state.running.startedAt ?? undefined);
    const t = failures(c, 'Readiness', Number.isNaN(startedMs) ? 0 : startedMs);
    const evidence: Evidence[] = [{ text: `${c.name}: readinessProbe ${probeText(probe)}` }, { text: `${c.name}: ready false, running since ${s.state.running.startedAt ?? '?'}`, at: s.state.running.startedAt ?? undefined }, ...failureEvidence(t, 'Readiness')];
    if (t.count === 0) {
      const delay = probe.initialDelaySeconds ?? 0;
      out.push({
        cause: 'readiness',
        headline: `${containerLabel(c)} has not passed its readiness probe yet (running ${since(s.state.running.startedAt ?? undefined, ctx.nowMs)}${delay ? `, first probe after ${delay}s` : ''})`,
        short: 'readiness not passed yet',
        evidence,
      });
      continue;
    }
    out.push({
      cause: 'readiness',
      headline: `${containerLabel(c)} fails its readiness probe: ${t.count} failure${t.count === 1 ? '' : 's'} since ${since(t.first, ctx.nowMs)} ago, the last ${since(t.last, ctx.nowMs)} ago`,
      short: `readiness failing (${t.count}x)`,
      evidence,
      fix: `${probeFix}; while it fails, Services send it no traffic`,
    });
  }
  return out;
}

export function startupProbe(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const c of ctx.containers) {
    const s = c.status;
    const probe = c.spec.startupProbe;
    if (!probe || !s?.state?.running || s.started !== false || c.kind === 'init') continue;
    const startedMs = timeMs(s.state.running.startedAt ?? undefined);
    const t = failures(c, 'Startup', Number.isNaN(startedMs) ? 0 : startedMs);
    const allowed = (probe.failureThreshold ?? 3) * (probe.periodSeconds ?? 10);
    const waiting = c.kind === 'sidecar' ? ctx.containers.filter((x) => x.kind === 'main' || (x.kind !== 'sidecar' && x !== c)).map((x) => x.name) : [];
    out.push({
      cause: c.kind === 'sidecar' ? 'sidecar-startup' : 'startup-probe',
      headline: `${containerLabel(c)} has not passed its startup probe (running ${since(s.state.running.startedAt ?? undefined, ctx.nowMs)}, up to ${allowed}s allowed)${waiting.length > 0 && c.kind === 'sidecar' ? `; the containers after it wait` : ''}${t.count > 0 ? `; ${t.count} failure${t.count === 1 ? '' : 's'}` : ''}`,
      short: c.kind === 'sidecar' ? `sidecar ${c.name} starting` : `startup probe (${t.count} fails)`,
      evidence: [{ text: `${c.name}: startupProbe ${probeText(probe)}` }, { text: `${c.name}: started false`, at: s.state.running.startedAt ?? undefined }, ...failureEvidence(t, 'Startup')],
      ...(t.count > 0 ? { fix: probeFix } : {}),
    });
  }
  return out;
}
