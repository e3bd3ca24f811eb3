// A simulated external provisioner (sig-storage-lib-external-provisioner's controller, as
// rancher.io/local-path and k8s.io/minikube-hostpath run it): it acts on claims the PV
// controller annotated with its name (volume.kubernetes.io/storage-provisioner), waits for
// the scheduler's node when the class binds WaitForFirstConsumer, then says `Provisioning`,
// creates the volume `pvc-<claim uid>` pre-bound to the claim (the claim's request and
// access modes, the class's reclaim policy, a hostPath on the selected node), and says
// `ProvisioningSucceeded`; the PV controller binds the two. A Released volume it made with
// reclaim policy Delete is deleted. Provisioners not in PROVISIONERS are "not running":
// their claims stay Pending with the PV controller's ExternalProvisioning events, as on a
// cluster where that driver is missing.
import { errorText } from '../../kube/errorText.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../kube/types.js';
import type { Component, SimContext } from '../context.js';
import type { Watch } from '../store.js';
import { ANN_PROVISIONED_BY, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, storageClassOf } from './volumeFacts.js';
import { WorkQueue } from './workQueue.js';

/** How long a provisioner takes to create a volume (local-path runs a helper pod). */
export const PROVISION_DELAY_MS = 1_000;

interface ProvisionerKind {
  /** The host directory of a claim's volume. */
  path(pvc: PersistentVolumeClaim, volumeName: string): string;
  /** Whether the volume lives on one node (hostPath under local-path): node affinity and WaitForFirstConsumer required. */
  local: boolean;
  /** The provisioner pod's name, in the events' source (`<provisioner>_<pod>_<uuid>`). */
  host: string;
}

export const PROVISIONERS: Readonly<Record<string, ProvisionerKind>> = {
  'rancher.io/local-path': {
    path: (pvc, volumeName) => `/var/local-path-provisioner/${volumeName}_${pvc.metadata?.namespace}_${pvc.metadata?.name}`,
    local: true,
    host: 'local-path-provisioner-7577fdbbfb-bqzhs',
  },
  'k8s.io/minikube-hostpath': {
    path: (pvc) => `/tmp/hostpath-provisioner/${pvc.metadata?.namespace}/${pvc.metadata?.name}`,
    local: false,
    host: 'minikube',
  },
};

export class VolumeProvisioner implements Component {
  private readonly queue: WorkQueue;
  private readonly watches: Watch[] = [];
  private readonly identity: string;
  readonly errors: string[] = [];

  constructor(private readonly ctx: SimContext) {
    this.identity = ctx.random.uuid();
    this.queue = new WorkQueue(ctx.clock, (key) => this.sync(key), (key, err) => {
      this.errors.push(`${key}: ${errorText(err)}`);
      if (this.errors.length > 20) this.errors.shift();
    });
  }

  start(): void {
    this.watches.push(
      this.ctx.store.watch('PersistentVolumeClaim', { filter: (pvc) => PROVISIONERS[pvc.metadata?.annotations?.[ANN_STORAGE_PROVISIONER] ?? ''] !== undefined }, (ev) => {
        if (ev.type === 'DELETED' || ev.object.spec?.volumeName) return;
        this.queue.addAfter(`claim/${ev.object.metadata?.namespace}/${ev.object.metadata?.name}`, PROVISION_DELAY_MS);
      }),
      this.ctx.store.watch('PersistentVolume', { filter: (pv) => PROVISIONERS[pv.metadata?.annotations?.[ANN_PROVISIONED_BY] ?? ''] !== undefined }, (ev) => {
        if (ev.type !== 'DELETED' && ev.object.status?.phase === 'Released') this.queue.add(`volume/${ev.object.metadata?.name}`);
      }),
    );
  }

  stop(): void {
    for (const w of this.watches.splice(0)) w.stop();
    this.queue.stop();
  }

  private source(provisioner: string): string {
    return `${provisioner}_${PROVISIONERS[provisioner]!.host}_${this.identity}`;
  }

  private sync(key: string): void {
    const [what, ...rest] = key.split('/');
    if (what === 'volume') return this.reclaim(rest.join('/'));
    const [ns, name] = rest as [string, string];
    const pvc = this.ctx.store.get('PersistentVolumeClaim', ns, name);
    if (!pvc || pvc.spec?.volumeName || pvc.metadata?.deletionTimestamp) return;
    const provisioner = pvc.metadata?.annotations?.[ANN_STORAGE_PROVISIONER] ?? '';
    const kind = PROVISIONERS[provisioner];
    const sc = storageClassOf(this.ctx.store, pvc);
    if (!kind || !sc || sc.provisioner !== provisioner) return;
    const volumeName = `pvc-${pvc.metadata?.uid}`;
    if (this.ctx.store.get('PersistentVolume', undefined, volumeName)) return;
    const node = pvc.metadata?.annotations?.[ANN_SELECTED_NODE];
    const component = this.source(provisioner);
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !node) return;
    this.ctx.recorder.event(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${name}"`, { component });
    if (kind.local && !node) {
      this.ctx.recorder.event(pvc, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${sc.metadata?.name}": configuration error, no node was specified`, { component });
      return;
    }
    this.ctx.api.create('PersistentVolume', this.volumeFor(pvc, sc, volumeName, provisioner, kind, node));
    this.ctx.recorder.event(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${volumeName}`, { component });
  }

  private volumeFor(pvc: PersistentVolumeClaim, sc: StorageClass, volumeName: string, provisioner: string, kind: ProvisionerKind, node: string | undefined): PersistentVolume {
    const annotations: Record<string, string> = { [ANN_PROVISIONED_BY]: provisioner };
    if (kind.local && node) annotations['local.path.provisioner/selected-node'] = node;
    return {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: volumeName, annotations },
      spec: {
        accessModes: pvc.spec?.accessModes,
        capacity: { storage: pvc.spec?.resources?.requests?.['storage'] ?? '0' },
        claimRef: {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          name: pvc.metadata?.name,
          namespace: pvc.metadata?.namespace,
          resourceVersion: pvc.metadata?.resourceVersion,
          uid: pvc.metadata?.uid,
        },
        hostPath: { path: kind.path(pvc, volumeName), type: kind.local ? 'DirectoryOrCreate' : '' },
        ...(kind.local && node
          ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } }
          : {}),
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata?.name,
        volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
      },
    };
  }

  /** A Released volume with reclaim policy Delete is deleted by the provisioner that made it. */
  private reclaim(name: string): void {
    const pv = this.ctx.store.get('PersistentVolume', undefined, name);
    if (!pv || pv.status?.phase !== 'Released' || pv.spec?.persistentVolumeReclaimPolicy !== 'Delete' || pv.metadata?.deletionTimestamp) return;
    this.ctx.api.delete('PersistentVolume', undefined, name);
  }
}
