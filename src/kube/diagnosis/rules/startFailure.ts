// A container the kubelet cannot create or start, in its own words (the waiting reason and
// message): a ConfigMap, Secret or key its env names is missing, runAsNonRoot cannot hold,
// the image name does not parse, the image may not be pulled, or the runtime failed to start
// the process. Referenced objects the source knows say whether the retry will now succeed.
import { lastSeen } from '../events.js';
import { containerLabel } from '../containers.js';
import type { ContainerView, Evidence, Finding, RuleContext } from '../types.js';

const START_REASONS = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'InvalidImageName', 'ErrImageNeverPull', 'PreCreateHookError', 'PreStartHookError', 'PostStartHookError']);

interface Reading {
  headline: string;
  short: string;
  fix?: string;
  cause: Finding['cause'];
}

function present(ctx: RuleContext, kind: 'ConfigMap' | 'Secret', name: string): Evidence | undefined {
  const obj = ctx.objects?.(kind, name);
  if (obj === undefined) return undefined;
  return { text: obj === null ? `${kind} ${name}: not found` : `${kind} ${name} exists now: the kubelet's next sync (within 10s) starts the container` };
}

function read(ctx: RuleContext, c: ContainerView, reason: string, message: string, evidence: Evidence[]): Reading {
  const who = containerLabel(c);
  const ns = ctx.pod.metadata?.namespace ?? 'default';
  let m = /^(configmap|secret) "([^"]+)" not found/.exec(message);
  if (m) {
    const kind = m[1] === 'configmap' ? 'ConfigMap' : 'Secret';
    const p = present(ctx, kind, m[2]!);
    if (p) evidence.push(p);
    return { cause: 'config-missing', headline: `${who} cannot start: ${kind} ${m[2]} does not exist`, short: `${kind} ${m[2]} missing`, fix: `create ${kind} ${m[2]} in ${ns}, or mark the reference optional: true` };
  }
  m = /^couldn't find key (\S+) in (ConfigMap|Secret) ([^/\s]+)\/(\S+)/.exec(message);
  if (m) {
    return { cause: 'config-missing', headline: `${who} cannot start: ${m[2]} ${m[4]} has no key ${m[1]}`, short: `key ${m[1]} missing in ${m[4]}`, fix: `add key ${m[1]} to ${m[2]} ${m[4]}, or mark the keyRef optional: true` };
  }
  if (message.startsWith('container has runAsNonRoot and image will run as root')) {
    return { cause: 'start-failed', headline: `${who} cannot start: runAsNonRoot is set but the image runs as root`, short: 'runAsNonRoot: image runs as root', fix: 'set securityContext.runAsUser to a non-zero UID, or use an image whose USER is not root' };
  }
  if (message.startsWith('container has runAsNonRoot and image has non-numeric user')) {
    return { cause: 'start-failed', headline: `${who} cannot start: runAsNonRoot is set but the image's user is a name the kubelet cannot check`, short: 'runAsNonRoot: non-numeric user', fix: 'set securityContext.runAsUser to the numeric UID of that user' };
  }
  if (message.startsWith("container's runAsUser breaks non-root policy")) {
    return { cause: 'start-failed', headline: `${who} cannot start: runAsUser 0 contradicts runAsNonRoot`, short: 'runAsUser 0 with runAsNonRoot', fix: 'set securityContext.runAsUser to a non-zero UID, or drop runAsNonRoot' };
  }
  if (reason === 'InvalidImageName') {
    return { cause: 'start-failed', headline: `${who} cannot start: image "${c.spec.image ?? ''}" is not a valid image reference`, short: 'invalid image name', fix: 'fix the image: registry/name:tag, lower case, no spaces' };
  }
  if (reason === 'ErrImageNeverPull') {
    return { cause: 'start-failed', headline: `${who} cannot start: image "${c.spec.image ?? ''}" is not on the node and imagePullPolicy is Never`, short: 'image not present (Never pull)', fix: 'load the image onto the node, or set imagePullPolicy to IfNotPresent' };
  }
  if (reason === 'RunContainerError' || reason === 'CreateContainerError') {
    const exe = /exec: "([^"]+)": executable file not found in \$PATH/.exec(message);
    if (exe) return { cause: 'start-failed', headline: `${who} cannot start: "${exe[1]}" is not in the image`, short: `${exe[1]}: not found`, fix: `fix command/args: the image has no executable "${exe[1]}" on its PATH` };
    if (/permission denied/.test(message)) return { cause: 'start-failed', headline: `${who} cannot start: its command is not executable (permission denied)`, short: 'exec: permission denied', fix: 'fix command/args, or make the file executable in the image' };
    return { cause: 'start-failed', headline: `${who} cannot start: the runtime refused it (${reason})`, short: reason };
  }
  return { cause: reason === 'CreateContainerConfigError' ? 'config-missing' : 'start-failed', headline: `${who} cannot start: ${reason}${message ? `: ${message}` : ''}`, short: reason };
}

export function startFailure(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const c of ctx.containers) {
    const w = c.status?.state?.waiting;
    if (!w?.reason || !START_REASONS.has(w.reason)) continue;
    const message = w.message ?? '';
    const evidence: Evidence[] = [{ text: `${c.name}: state.waiting.reason ${w.reason}${message ? `: ${message}` : ''}` }];
    const failed = [...c.events].reverse().find((e) => e.reason === 'Failed' && (e.message ?? '').startsWith('Error: '));
    if (failed) evidence.push({ text: `event Failed${(failed.count ?? 1) > 1 ? ` (x${failed.count})` : ''}: ${failed.message ?? ''}`, at: lastSeen(failed) });
    const last = c.status?.lastState?.terminated;
    if (last?.reason === 'StartError') evidence.push({ text: `lastState.terminated StartError (exit ${last.exitCode}): ${last.message ?? ''}`.trim(), at: last.finishedAt ?? undefined });
    const r = read(ctx, c, w.reason, message, evidence);
    out.push({ cause: r.cause, headline: r.headline, short: r.short, evidence, ...(r.fix ? { fix: r.fix } : {}) });
  }
  return out;
}
