// A PersistentVolumeClaim that keeps the pod from being scheduled, read from the scheduler's
// words (VolumeBinding and the volume restrictions plugins) so it works without the PVC kind:
//   persistentvolumeclaim "data" not found
//   pod has unbound immediate PersistentVolumeClaims
//   persistentvolumeclaim "data" is being deleted
//   node(s) didn't find available persistent volumes to bind
//   node(s) had volume node affinity conflict
import type { Evidence, Finding, RuleContext } from '../types.js';

function claimNames(ctx: RuleContext): string[] {
  return (ctx.pod.spec?.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim?.claimName ? [v.persistentVolumeClaim.claimName] : []));
}

function phaseOf(ctx: RuleContext, name: string): string | undefined {
  const obj = ctx.objects?.('PersistentVolumeClaim', name) as { status?: { phase?: string } } | null | undefined;
  return obj === undefined ? undefined : obj === null ? 'missing' : obj.status?.phase;
}

export function pvcFindings(ctx: RuleContext, message: string, evidence: readonly Evidence[]): Finding[] {
  const ev = [...evidence];
  const missing = /persistentvolumeclaim "([^"]+)" not found/.exec(message);
  if (missing) {
    return [
      {
        cause: 'pvc',
        headline: `PersistentVolumeClaim ${missing[1]} does not exist`,
        short: `PVC ${missing[1]} missing`,
        evidence: ev,
        fix: `create PersistentVolumeClaim ${missing[1]} in ${ctx.pod.metadata?.namespace ?? 'its namespace'} (or fix spec.volumes[].persistentVolumeClaim.claimName)`,
      },
    ];
  }
  const deleting = /persistentvolumeclaim "([^"]+)" is being deleted/.exec(message);
  if (deleting) {
    return [{ cause: 'pvc', headline: `PersistentVolumeClaim ${deleting[1]} is being deleted`, short: `PVC ${deleting[1]} deleting`, evidence: ev, fix: `recreate PersistentVolumeClaim ${deleting[1]} once it is gone, or point the pod at another claim` }];
  }
  if (message.includes('pod has unbound immediate PersistentVolumeClaims') || message.includes("didn't find available persistent volumes to bind")) {
    const claims = claimNames(ctx);
    for (const c of claims) {
      const phase = phaseOf(ctx, c);
      if (phase !== undefined) ev.push({ text: `PersistentVolumeClaim ${c}: ${phase === 'missing' ? 'not found' : `status.phase ${phase ?? '<none>'}`}` });
    }
    const names = claims.join(', ') || '?';
    const noPv = message.includes("didn't find available persistent volumes to bind");
    return [
      {
        cause: 'pvc',
        headline: `PersistentVolumeClaim ${names} is not bound${noPv ? ': no PersistentVolume fits it' : ''}`,
        short: `PVC ${claims[0] ?? ''} unbound`.replace('  ', ' '),
        evidence: ev,
        fix: noPv
          ? 'create a PersistentVolume matching the claim (size, access modes, storageClassName), or use a StorageClass with a provisioner'
          : 'the claim waits for a PersistentVolume: check its storageClassName has a provisioner (kubectl describe pvc), or create a matching PersistentVolume',
      },
    ];
  }
  if (message.includes('had volume node affinity conflict')) {
    return [{ cause: 'pvc', headline: "its volumes are bound to PersistentVolumes on nodes that cannot take the pod (volume node affinity conflict)", short: 'PV node affinity conflict', evidence: ev, fix: "schedule the pod where its volumes are (the PV's nodeAffinity), or free that node" }];
  }
  return [];
}
