// The PersistentVolume controller's binder (k/k pkg/controller/volume/persistentvolume/
// pv_controller.go), the parts podscope shows: an unbound claim is matched to the smallest
// Available volume that satisfies it (capacity, access modes, class, volume mode, selector)
// or handed to its class's provisioner (ExternalProvisioning, with the annotations that tell
// the provisioner to act); a WaitForFirstConsumer claim waits (WaitForFirstConsumer or
// WaitForPodScheduled) until the scheduler picks a node (volume.kubernetes.io/selected-node);
// a claim without a class and without a volume gets FailedBinding. Binding writes both sides
// (claimRef + phase Bound, volumeName + bind-completed + phase Bound with the volume's
// capacity and access modes). A volume whose claim is gone is Released and reclaimed by its
// policy: Retain keeps it, Delete is the provisioner's (a volume no provisioner made fails
// with VolumeFailedDelete). A bound claim whose volume vanished is Lost. Pending claims are
// re-synced every 15 s (the controller's resync period), so their events repeat as upstream's do.
// Not modelled: Recycle, volume expansion, VolumeAttributesClass, dataSource.
import { errorText } from '../../kube/errorText.js';
import { claimClass } from '../../kube/storage.js';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../../kube/types.js';
import type { Component, SimContext } from '../context.js';
import { nodeSelectorTermsMatch } from '../scheduler/nodeAffinity.js';
import type { Watch } from '../store.js';
import { compareQuantities } from '../../kube/quantity.js';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  isDelayBinding,
  podClaimNames,
  PV_CONTROLLER,
  refersToClaim,
  storageClassOf,
  volumeMismatch,
} from './volumeFacts.js';
import { WorkQueue } from './workQueue.js';

export const PV_RESYNC_MS = 15_000;

function claimKey(pvc: PersistentVolumeClaim): string {
  return `${pvc.metadata?.namespace ?? ''}/${pvc.metadata?.name ?? ''}`;
}

export class PersistentVolumeController implements Component {
  private readonly claims: WorkQueue;
  private readonly volumes: WorkQueue;
  private readonly watches: Watch[] = [];
  readonly errors: string[] = [];

  constructor(private readonly ctx: SimContext) {
    const onError = (key: string, err: unknown): void => {
      this.errors.push(`${key}: ${errorText(err)}`);
      if (this.errors.length > 20) this.errors.shift();
    };
    this.claims = new WorkQueue(ctx.clock, (key) => this.syncClaimKey(key), onError);
    this.volumes = new WorkQueue(ctx.clock, (name) => this.syncVolumeKey(name), onError);
  }

  start(): void {
    const { store } = this.ctx;
    // Volumes first: at start-up existing volumes become Available before claims look for them.
    this.watches.push(
      store.watch('PersistentVolume', {}, (ev) => {
        this.volumes.add(ev.object.metadata?.name ?? '');
        const ref = ev.object.spec?.claimRef;
        if (ref?.name) this.claims.add(`${ref.namespace ?? ''}/${ref.name}`);
        else if (ev.type !== 'DELETED') this.requeuePendingClaims();
      }),
      store.watch('PersistentVolumeClaim', {}, (ev) => {
        this.claims.add(claimKey(ev.object));
        // A claim that went away releases its volume.
        if (ev.type === 'DELETED' && ev.object.spec?.volumeName) this.volumes.add(ev.object.spec.volumeName);
      }),
      store.watch('StorageClass', {}, () => this.requeuePendingClaims()),
      // A pod that uses a waiting claim changes which of the WaitFor… events it gets.
      store.watch('Pod', { filter: (p) => (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim) }, (ev) => {
        if (ev.type !== 'ADDED') return;
        for (const name of podClaimNames(ev.object)) this.claims.add(`${ev.object.metadata?.namespace ?? ''}/${name}`);
      }),
    );
  }

  stop(): void {
    for (const w of this.watches.splice(0)) w.stop();
    this.claims.stop();
    this.volumes.stop();
  }

  private requeuePendingClaims(): void {
    for (const pvc of this.ctx.store.all('PersistentVolumeClaim')) if (pvc.status?.phase !== 'Bound') this.claims.add(claimKey(pvc));
  }

  private syncClaimKey(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const pvc = this.ctx.store.get('PersistentVolumeClaim', ns, name);
    if (!pvc) return;
    this.syncClaim(pvc);
    const now = this.ctx.store.get('PersistentVolumeClaim', ns, name);
    if (now && now.status?.phase === 'Pending' && !now.metadata?.deletionTimestamp) this.claims.addAfter(key, PV_RESYNC_MS);
  }

  private syncClaim(pvc: PersistentVolumeClaim): void {
    if (pvc.metadata?.annotations?.[ANN_BIND_COMPLETED] !== 'yes' || !pvc.spec?.volumeName) {
      this.syncUnboundClaim(pvc);
      return;
    }
    const pv = this.ctx.store.get('PersistentVolume', undefined, pvc.spec.volumeName);
    if (!pv) {
      if (pvc.status?.phase !== 'Lost') {
        this.setClaimPhase(pvc, 'Lost');
        this.event(pvc, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
      }
      return;
    }
    if (!pv.spec?.claimRef) {
      this.bindVolumeToClaim(pv, pvc);
      return;
    }
    if (refersToClaim(pv, pvc)) {
      if (pvc.status?.phase !== 'Bound') this.setClaimBound(pvc, pv);
      return;
    }
    if (pvc.status?.phase !== 'Lost') {
      this.setClaimPhase(pvc, 'Lost');
      this.event(pvc, 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
    }
  }

  private syncUnboundClaim(pvc: PersistentVolumeClaim): void {
    if (pvc.spec?.volumeName) {
      // The user asked for a particular volume.
      const pv = this.ctx.store.get('PersistentVolume', undefined, pvc.spec.volumeName);
      if (!pv) return this.setClaimPhase(pvc, 'Pending');
      if (!pv.spec?.claimRef) {
        const mismatch = volumeMismatch(pv, pvc);
        if (mismatch) {
          this.event(pvc, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${pv.metadata?.name}": ${mismatch}`);
          return this.setClaimPhase(pvc, 'Pending');
        }
        return this.bind(pv, pvc, false);
      }
      if (refersToClaim(pv, pvc)) return this.bind(pv, pvc, false);
      this.event(pvc, 'Warning', 'FailedBinding', 'volume "' + (pv.metadata?.name ?? '') + '" already bound to a different claim.');
      return this.setClaimPhase(pvc, 'Pending');
    }
    const delay = isDelayBinding(this.ctx.store, pvc);
    const pv = this.findBestMatch(pvc, delay);
    if (pv) return this.bind(pv, pvc, true);
    const selectedNode = pvc.metadata?.annotations?.[ANN_SELECTED_NODE];
    if (delay && !selectedNode) {
      this.emitWaitingForConsumer(pvc);
    } else if (claimClass(pvc) !== '') {
      this.provisionClaim(pvc);
    } else {
      this.event(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    }
    const latest = this.ctx.store.get('PersistentVolumeClaim', pvc.metadata?.namespace, pvc.metadata?.name ?? '');
    if (latest && latest.status?.phase !== 'Pending') this.setClaimPhase(latest, 'Pending');
  }

  /** emitEventForUnboundDelayBindingClaim: who the claim waits for. */
  private emitWaitingForConsumer(pvc: PersistentVolumeClaim): void {
    const name = pvc.metadata?.name ?? '';
    const waiting: string[] = [];
    for (const pod of this.ctx.store.all('Pod', pvc.metadata?.namespace)) {
      if (pod.spec?.nodeName || pod.metadata?.deletionTimestamp) continue;
      if (podClaimNames(pod).includes(name)) waiting.push(`${pod.metadata?.namespace}/${pod.metadata?.name}`);
    }
    if (waiting.length === 0) {
      this.event(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    } else if (waiting.length === 1) {
      this.event(pvc, 'Normal', 'WaitForPodScheduled', `waiting for pod ${waiting[0]} to be scheduled`);
    } else {
      this.event(pvc, 'Normal', 'WaitForPodScheduled', `waiting for pods ${waiting.join(',')} to be scheduled`);
    }
  }

  /** provisionClaimOperationExternal: annotate the claim for its class's provisioner and say so. */
  private provisionClaim(pvc: PersistentVolumeClaim): void {
    const sc = storageClassOf(this.ctx.store, pvc);
    if (!sc) {
      this.event(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${claimClass(pvc)}" not found`);
      return;
    }
    const provisioner = sc.provisioner;
    const ann = pvc.metadata?.annotations ?? {};
    if (ann[ANN_STORAGE_PROVISIONER] !== provisioner || ann[ANN_BETA_STORAGE_PROVISIONER] !== provisioner) {
      this.ctx.api.update('PersistentVolumeClaim', {
        ...pvc,
        metadata: { ...pvc.metadata, annotations: { ...ann, [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner } },
      });
    }
    this.event(
      pvc,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
  }

  /** findBestMatchForClaim: a volume pre-bound to the claim, else the smallest Available one that fits. */
  private findBestMatch(pvc: PersistentVolumeClaim, delay: boolean): PersistentVolume | undefined {
    const selectedNode = pvc.metadata?.annotations?.[ANN_SELECTED_NODE];
    const node = selectedNode ? this.ctx.store.get('Node', undefined, selectedNode) : undefined;
    let best: PersistentVolume | undefined;
    for (const pv of this.ctx.store.all('PersistentVolume')) {
      if (pv.metadata?.deletionTimestamp) continue;
      if (pv.spec?.claimRef) {
        if (refersToClaim(pv, pvc) && !volumeMismatch(pv, pvc)) return pv;
        continue;
      }
      if (pv.status?.phase !== 'Available') continue;
      if (volumeMismatch(pv, pvc)) continue;
      if (delay) {
        // The scheduler's node decides: only a volume reachable from it will do.
        if (!node) continue;
        const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
        if (terms && !nodeSelectorTermsMatch(terms, node)) continue;
      }
      const cap = pv.spec?.capacity?.['storage'] ?? 0;
      if (!best || compareQuantities(cap, best.spec?.capacity?.['storage'] ?? 0) < 0) best = pv;
    }
    return best;
  }

  /** bind: the volume's claimRef and phase, then the claim's volumeName, annotations and status. */
  private bind(pv: PersistentVolume, pvc: PersistentVolumeClaim, byController: boolean): void {
    const bound = this.bindVolumeToClaim(pv, pvc);
    const claim = this.ctx.store.get('PersistentVolumeClaim', pvc.metadata?.namespace, pvc.metadata?.name ?? '') ?? pvc;
    const ann: Record<string, string> = { ...claim.metadata?.annotations, [ANN_BIND_COMPLETED]: 'yes' };
    if (byController && !claim.spec?.volumeName) ann[ANN_BOUND_BY_CONTROLLER] = 'yes';
    const updated = this.ctx.api.update('PersistentVolumeClaim', {
      ...claim,
      metadata: { ...claim.metadata, annotations: ann },
      spec: { ...claim.spec, volumeName: bound.metadata?.name },
    });
    this.setClaimBound(updated, bound);
  }

  private bindVolumeToClaim(pv: PersistentVolume, pvc: PersistentVolumeClaim): PersistentVolume {
    let current = pv;
    if (!refersToClaim(pv, pvc) || !pv.spec?.claimRef?.uid) {
      const ann = { ...pv.metadata?.annotations };
      if (!pv.spec?.claimRef) ann[ANN_BOUND_BY_CONTROLLER] = 'yes';
      current = this.ctx.api.update('PersistentVolume', {
        ...pv,
        metadata: { ...pv.metadata, annotations: ann },
        spec: {
          ...pv.spec,
          claimRef: {
            kind: 'PersistentVolumeClaim',
            namespace: pvc.metadata?.namespace,
            name: pvc.metadata?.name,
            uid: pvc.metadata?.uid,
            apiVersion: 'v1',
            resourceVersion: pvc.metadata?.resourceVersion,
          },
        },
      });
    }
    if (current.status?.phase !== 'Bound') current = this.ctx.api.setStatus('PersistentVolume', undefined, current.metadata?.name ?? '', { ...current.status, phase: 'Bound' });
    return current;
  }

  private setClaimBound(pvc: PersistentVolumeClaim, pv: PersistentVolume): void {
    this.ctx.api.setStatus('PersistentVolumeClaim', pvc.metadata?.namespace, pvc.metadata?.name ?? '', {
      ...pvc.status,
      phase: 'Bound',
      accessModes: pv.spec?.accessModes,
      capacity: pv.spec?.capacity,
    });
  }

  private setClaimPhase(pvc: PersistentVolumeClaim, phase: string): void {
    if (pvc.status?.phase === phase) return;
    this.ctx.api.setStatus('PersistentVolumeClaim', pvc.metadata?.namespace, pvc.metadata?.name ?? '', { ...pvc.status, phase });
  }

  private syncVolumeKey(name: string): void {
    const pv = this.ctx.store.get('PersistentVolume', undefined, name);
    if (!pv) return;
    const ref = pv.spec?.claimRef;
    if (!ref) {
      this.setVolumePhase(pv, 'Available');
      return;
    }
    const pvc = ref.name ? this.ctx.store.get('PersistentVolumeClaim', ref.namespace ?? '', ref.name) : undefined;
    if (!ref.uid) {
      // Pre-bound by the admin to a claim that may not exist yet: it waits for it.
      this.setVolumePhase(pv, pvc && pvc.spec?.volumeName === name ? 'Bound' : 'Available');
      return;
    }
    if (pvc && pvc.metadata?.uid === ref.uid) {
      if (pvc.spec?.volumeName === name) this.setVolumePhase(pv, 'Bound');
      else if (!pvc.spec?.volumeName) this.claims.add(claimKey(pvc));
      return;
    }
    // The claim is gone: the volume is released and reclaimed by its policy.
    if (pv.status?.phase === 'Released' || pv.status?.phase === 'Failed') return;
    const released = this.setVolumePhase(pv, 'Released');
    if (pv.spec?.persistentVolumeReclaimPolicy === 'Delete' && !pv.metadata?.annotations?.[ANN_PROVISIONED_BY]) {
      const message = `error getting deleter volume plugin for volume "${name}": no deletable volume plugin matched`;
      this.ctx.api.setStatus('PersistentVolume', undefined, name, { ...released.status, phase: 'Failed', message });
      this.event(pv, 'Warning', 'VolumeFailedDelete', message);
    }
  }

  private setVolumePhase(pv: PersistentVolume, phase: string): PersistentVolume {
    if (pv.status?.phase === phase) return pv;
    return this.ctx.api.setStatus('PersistentVolume', undefined, pv.metadata?.name ?? '', { ...pv.status, phase });
  }

  private event(obj: PersistentVolumeClaim | PersistentVolume | Pod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.event(obj, type, reason, message, { component: PV_CONTROLLER });
  }
}
