// Readiness gates: the pod's containers are ready, but a condition another controller owns
// (spec.readinessGates) is missing or not True (the kubelet's ReadinessGatesNotReady).
import type { Finding, RuleContext } from '../types.js';

export function readinessGates(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const conditions = ctx.pod.status?.conditions ?? [];
  const ready = conditions.find((c) => c.type === 'Ready');
  if (ready?.status === 'True') return [];
  for (const gate of ctx.pod.spec?.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (c?.status === 'True') continue;
    out.push({
      cause: 'readiness-gate',
      headline: c ? `readiness gate ${gate.conditionType} is ${c.status}` : `readiness gate ${gate.conditionType} has no condition yet`,
      short: `gate ${gate.conditionType} ${c ? c.status : 'unset'}`,
      evidence: [
        { text: `spec.readinessGates: ${gate.conditionType}` },
        ...(ready?.reason === 'ReadinessGatesNotReady' ? [{ text: `condition Ready=False ReadinessGatesNotReady: ${ready.message ?? ''}`, at: ready.lastTransitionTime ?? undefined }] : []),
        ...(c ? [{ text: `condition ${c.type}=${c.status}${c.reason ? ` ${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}`, at: c.lastTransitionTime ?? undefined }] : []),
      ],
      fix: `the controller that owns ${gate.conditionType} must set it True in status.conditions (kubectl patch --subresource=status)`,
    });
  }
  return out;
}
