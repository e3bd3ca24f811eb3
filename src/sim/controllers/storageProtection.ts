// The pvc-protection and pv-protection controllers (k/k pkg/controller/volume/
// pvcprotection, pvprotection). The StorageObjectInUseProtection admission plugin puts
// kubernetes.io/pvc-protection on every claim and kubernetes.io/pv-protection on every
// volume; a deleted claim keeps its finalizer (and shows Terminating) while a pod that is
// not finished still uses it, and a deleted volume keeps its finalizer while it is Bound.
import { errorText } from '../../kube/errorText.js';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../../kube/types.js';
import type { Component, SimContext } from '../context.js';
import type { Watch } from '../store.js';
import { podClaimNames, PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER } from './volumeFacts.js';
import { WorkQueue } from './workQueue.js';

function podFinished(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Whether a pod that is not finished uses the claim (podUsesPVC over the namespace's pods). */
export function claimInUse(pods: Iterable<Pod>, claimName: string): boolean {
  for (const pod of pods) if (!podFinished(pod) && podClaimNames(pod).includes(claimName)) return true;
  return false;
}

export class StorageProtectionController implements Component {
  private readonly queue: WorkQueue;
  private readonly watches: Watch[] = [];
  readonly errors: string[] = [];

  constructor(private readonly ctx: SimContext) {
    this.queue = new WorkQueue(ctx.clock, (key) => this.sync(key), (key, err) => {
      this.errors.push(`${key}: ${errorText(err)}`);
      if (this.errors.length > 20) this.errors.shift();
    });
  }

  start(): void {
    const deleting = (o: PersistentVolumeClaim | PersistentVolume): boolean => Boolean(o.metadata?.deletionTimestamp);
    this.watches.push(
      this.ctx.store.watch('PersistentVolumeClaim', { filter: deleting }, (ev) => {
        if (ev.type !== 'DELETED') this.queue.add(`pvc/${ev.object.metadata?.namespace}/${ev.object.metadata?.name}`);
      }),
      this.ctx.store.watch('PersistentVolume', { filter: deleting }, (ev) => {
        if (ev.type !== 'DELETED') this.queue.add(`pv/${ev.object.metadata?.name}`);
      }),
      // A pod that finished or went away may release a terminating claim.
      this.ctx.store.watch('Pod', { filter: (p) => (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim) }, (ev) => {
        if (ev.type !== 'DELETED' && !podFinished(ev.object)) return;
        for (const name of podClaimNames(ev.object)) this.queue.add(`pvc/${ev.object.metadata?.namespace}/${name}`);
      }),
    );
  }

  stop(): void {
    for (const w of this.watches.splice(0)) w.stop();
    this.queue.stop();
  }

  private sync(key: string): void {
    const [what, a, b] = key.split('/') as [string, string, string | undefined];
    if (what === 'pvc') {
      const pvc = this.ctx.store.get('PersistentVolumeClaim', a, b ?? '');
      if (!pvc?.metadata?.deletionTimestamp || !pvc.metadata.finalizers?.includes(PVC_PROTECTION_FINALIZER)) return;
      if (claimInUse(this.ctx.store.all('Pod', a), pvc.metadata.name ?? '')) return;
      this.ctx.api.update('PersistentVolumeClaim', { ...pvc, metadata: { ...pvc.metadata, finalizers: pvc.metadata.finalizers.filter((f) => f !== PVC_PROTECTION_FINALIZER) } });
      return;
    }
    const pv = this.ctx.store.get('PersistentVolume', undefined, a);
    if (!pv?.metadata?.deletionTimestamp || !pv.metadata.finalizers?.includes(PV_PROTECTION_FINALIZER)) return;
    if (pv.status?.phase === 'Bound') return;
    this.ctx.api.update('PersistentVolume', { ...pv, metadata: { ...pv.metadata, finalizers: pv.metadata.finalizers.filter((f) => f !== PV_PROTECTION_FINALIZER) } });
  }
}
