// Storage end to end on the manual clock, through the store: the storage fixture's claims
// (provisioned per StatefulSet ordinal on the scheduler's node, waiting for a consumer,
// waiting on a provisioner that is not running, bound to an administrator's volume), the
// scheduler's PreFilter texts, recovery when a missing claim appears, a replacement pod
// reconnecting to its claim, protection finalizers and reclaim policies.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/kube/apiError.js';
import type { Event, PersistentVolumeClaim, Pod } from '../../../../src/kube/types.js';
import type { ManualClock } from '../../../../src/sim/clock.js';
import type { Simulator } from '../../../../src/sim/engine.js';
import { parseScenario } from '../../../../src/sim/scenario/index.js';
import { createTestSimulator } from '../../../ui/testSimulator.js';

type Sim = Simulator & { clock: ManualClock };
let sim: Sim | undefined;
afterEach(() => {
  sim?.stop();
  sim = undefined;
});

const S = 1000;
function start(): Sim {
  sim = createTestSimulator(parseScenario(readFileSync('fixtures/storage.yaml', 'utf8'), 'fixtures/storage.yaml'));
  return sim;
}

const claim = (s: Sim, name: string): PersistentVolumeClaim | undefined => s.store.get('PersistentVolumeClaim', 'default', name);
const pod = (s: Sim, name: string): Pod | undefined => s.store.get('Pod', 'default', name);
const events = (s: Sim, kind: string, name: string): Event[] => [...s.store.all('Event')].filter((e) => e.involvedObject?.kind === kind && e.involvedObject.name === name);
const lines = (s: Sim, kind: string, name: string): string[] => events(s, kind, name).map((e) => `${e.type} ${e.reason} ${e.source?.component ?? e.reportingComponent}: ${e.message}`);
const podScheduledMessage = (p: Pod | undefined): string | undefined => p?.status?.conditions?.find((c) => c.type === 'PodScheduled')?.message;
const PROVISIONER_SOURCE = /^rancher\.io\/local-path_local-path-provisioner-7577fdbbfb-bqzhs_[0-9a-f-]{36}$/;

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('storage fixture', () => {
  it('each StatefulSet ordinal gets its claim, provisioned on the node its pod was scheduled to, with upstream event texts', () => {
    const s = start();
    expect(s.clock.runUntil(() => ['db-0', 'db-1', 'db-2'].every((n) => pod(s, n)?.status?.phase === 'Running'), 120 * S)).toBe(true);
    for (const ord of [0, 1, 2]) {
      const pvc = claim(s, `data-db-${ord}`)!;
      const p = pod(s, `db-${ord}`)!;
      expect(pvc.status?.phase).toBe('Bound');
      expect(pvc.metadata?.labels).toEqual({ app: 'db' });
      expect(pvc.metadata?.ownerReferences).toBeUndefined();
      expect(pvc.metadata?.finalizers).toEqual(['kubernetes.io/pvc-protection']);
      expect(pvc.spec?.storageClassName).toBe('standard');
      expect(pvc.spec?.volumeName).toBe(`pvc-${pvc.metadata?.uid}`);
      expect(pvc.metadata?.annotations).toMatchObject({
        'pv.kubernetes.io/bind-completed': 'yes',
        'pv.kubernetes.io/bound-by-controller': 'yes',
        'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
        'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
        'volume.kubernetes.io/selected-node': p.spec?.nodeName,
      });
      expect(pvc.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
      expect(p.spec?.volumes?.[0]).toEqual({ name: 'data', persistentVolumeClaim: { claimName: `data-db-${ord}` } });
      const pv = s.store.get('PersistentVolume', undefined, pvc.spec!.volumeName!)!;
      expect(pv.status?.phase).toBe('Bound');
      expect(pv.metadata?.finalizers).toEqual(['kubernetes.io/pv-protection']);
      expect(pv.spec?.persistentVolumeReclaimPolicy).toBe('Delete');
      expect(pv.spec?.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: `data-db-${ord}`, uid: pvc.metadata?.uid });
      expect(pv.spec?.nodeAffinity?.required?.nodeSelectorTerms).toEqual([{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [p.spec?.nodeName] }] }]);
      expect(pv.spec?.hostPath?.path).toBe(`/var/local-path-provisioner/${pv.metadata?.name}_default_data-db-${ord}`);
    }
    expect(lines(s, 'StatefulSet', 'db').slice(0, 2)).toEqual([
      'Normal SuccessfulCreate statefulset-controller: create Claim data-db-0 Pod db-0 in StatefulSet db success',
      'Normal SuccessfulCreate statefulset-controller: create Pod db-0 in StatefulSet db successful',
    ]);
    const ev = events(s, 'PersistentVolumeClaim', 'data-db-0');
    expect(ev.map((e) => e.reason)).toEqual(['WaitForPodScheduled', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
    expect(ev[0]!.message).toBe('waiting for pod default/db-0 to be scheduled');
    expect(ev[1]!.message).toBe(
      "Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    expect(ev[2]!.message).toBe('External provisioner is provisioning volume for claim "default/data-db-0"');
    expect(ev[2]!.source?.component).toMatch(PROVISIONER_SOURCE);
    expect(ev[3]!.message).toBe(`Successfully provisioned volume ${claim(s, 'data-db-0')!.spec!.volumeName}`);
  });

  it('claims that wait: for a first consumer, on a provisioner that is not running; an administrator volume binds by selector', () => {
    const s = start();
    s.clock.advance(61 * S);
    expect(claim(s, 'scratch')?.status?.phase).toBe('Pending');
    const wait = events(s, 'PersistentVolumeClaim', 'scratch');
    expect(wait.map((e) => `${e.type} ${e.reason} ${e.source?.component}: ${e.message}`)).toEqual([
      'Normal WaitForFirstConsumer persistentvolume-controller: waiting for first consumer to be created before binding',
    ]);
    // Re-synced every 15 s, as the controller's resync period repeats it.
    expect(wait[0]!.count).toBe(5);
    const cache = events(s, 'PersistentVolumeClaim', 'cache');
    expect(cache.map((e) => e.reason)).toEqual(['ExternalProvisioning']);
    expect(cache[0]!.message).toContain("external provisioner 'ebs.csi.aws.com'");
    expect(claim(s, 'cache')?.metadata?.annotations?.['volume.kubernetes.io/storage-provisioner']).toBe('ebs.csi.aws.com');
    const archive = claim(s, 'archive')!;
    expect(archive.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], capacity: { storage: '5Gi' } });
    expect(archive.spec?.volumeName).toBe('archive-pv');
    expect(events(s, 'PersistentVolumeClaim', 'archive')).toEqual([]);
    expect(s.store.get('PersistentVolume', undefined, 'archive-pv')?.metadata?.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
  });

  it('the scheduler rejects pods whose claims are missing or unbound with its PreFilter texts, and schedules one when its claim appears', () => {
    const s = start();
    s.clock.advance(5 * S);
    expect(podScheduledMessage(pod(s, 'reports'))).toBe(
      '0/3 nodes are available: persistentvolumeclaim "reports-data" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(podScheduledMessage(pod(s, 'cache-warmer'))).toBe(
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    s.api.create('PersistentVolumeClaim', { metadata: { name: 'reports-data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1G' } } } });
    expect(s.clock.runUntil(() => pod(s, 'reports')?.status?.phase === 'Running', 60 * S)).toBe(true);
    const pvc = claim(s, 'reports-data')!;
    expect(pvc.spec?.storageClassName).toBe('standard');
    expect(pvc.status?.capacity).toEqual({ storage: '1G' });
    expect(pvc.metadata?.annotations?.['volume.kubernetes.io/selected-node']).toBe(pod(s, 'reports')?.spec?.nodeName);
  });

  it('a replacement StatefulSet pod reconnects to the same claim and volume', () => {
    const s = start();
    expect(s.clock.runUntil(() => ['db-0', 'db-1', 'db-2'].every((n) => pod(s, n)?.status?.phase === 'Running'), 120 * S)).toBe(true);
    const before = pod(s, 'db-1')!;
    const volume = claim(s, 'data-db-1')!.spec!.volumeName;
    const pvCount = [...s.store.all('PersistentVolume')].length;
    s.api.delete('Pod', 'default', 'db-1', { gracePeriodSeconds: 0 });
    expect(s.clock.runUntil(() => pod(s, 'db-1')?.metadata?.uid !== before.metadata?.uid && pod(s, 'db-1')?.status?.phase === 'Running', 120 * S)).toBe(true);
    const after = pod(s, 'db-1')!;
    expect(after.spec?.volumes?.[0]?.persistentVolumeClaim?.claimName).toBe('data-db-1');
    expect(after.spec?.nodeName).toBe(before.spec?.nodeName);
    expect(claim(s, 'data-db-1')!.spec!.volumeName).toBe(volume);
    expect([...s.store.all('PersistentVolume')]).toHaveLength(pvCount);
    expect(lines(s, 'StatefulSet', 'db').filter((l) => l.includes('Claim data-db-1'))).toHaveLength(1);
  });

  it('a claim in use stays Terminating until its pod is gone; then its volume is reclaimed: Delete removes it, Retain keeps it Released', () => {
    const s = start();
    expect(s.clock.runUntil(() => pod(s, 'db-0')?.status?.phase === 'Running', 60 * S)).toBe(true);
    s.api.create('Pod', {
      metadata: { name: 'reader', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }], volumes: [{ name: 'a', persistentVolumeClaim: { claimName: 'archive', readOnly: true } }] },
    });
    expect(s.clock.runUntil(() => pod(s, 'reader')?.status?.phase === 'Running', 60 * S)).toBe(true);
    s.api.delete('PersistentVolumeClaim', 'default', 'archive');
    s.clock.advance(30 * S);
    expect(claim(s, 'archive')?.metadata?.deletionTimestamp).toBeDefined();
    expect(claim(s, 'archive')?.metadata?.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    s.api.delete('Pod', 'default', 'reader', { gracePeriodSeconds: 0 });
    expect(s.clock.runUntil(() => claim(s, 'archive') === undefined, 60 * S)).toBe(true);
    s.clock.advance(1 * S);
    const archive = s.store.get('PersistentVolume', undefined, 'archive-pv')!;
    expect(archive.status?.phase).toBe('Released');
    expect(archive.spec?.claimRef?.name).toBe('archive');

    // Scaled down, db-2's claim stays (Retain); deleting it releases the provisioned volume, which its provisioner deletes.
    const volume = claim(s, 'data-db-2')?.spec?.volumeName;
    expect(s.clock.runUntil(() => pod(s, 'db-2')?.status?.phase === 'Running', 120 * S)).toBe(true);
    const sts = s.store.get('StatefulSet', 'default', 'db')!;
    s.api.update('StatefulSet', { ...sts, spec: { ...sts.spec!, replicas: 2 } });
    expect(s.clock.runUntil(() => pod(s, 'db-2') === undefined, 120 * S)).toBe(true);
    expect(claim(s, 'data-db-2')?.status?.phase).toBe('Bound');
    s.api.delete('PersistentVolumeClaim', 'default', 'data-db-2');
    expect(s.clock.runUntil(() => s.store.get('PersistentVolume', undefined, volume!) === undefined, 60 * S)).toBe(true);
  });

  it('a pod placed on a node directly with an unbound claim: FailedMount from the volume manager until the claim binds', () => {
    const s = start();
    s.clock.advance(2 * S);
    s.api.create('Pod', {
      metadata: { name: 'direct', namespace: 'default' },
      spec: { nodeName: 'sim-node-1', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'cache' } }] },
    });
    s.clock.advance(1 * S);
    expect(lines(s, 'Pod', 'direct')).toEqual([
      'Warning FailedMount kubelet: Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/cache: PVC is not bound',
    ]);
    expect(pod(s, 'direct')?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
  });
});

describe('claim admission', () => {
  it('refuses a claim without access modes or storage request, and spec changes after creation except growing a bound request', () => {
    const s = start();
    const missing = apiError(() => s.api.create('PersistentVolumeClaim', { metadata: { name: 'bad', namespace: 'default' }, spec: {} }));
    expect(missing.message).toBe(
      'PersistentVolumeClaim "bad" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]',
    );
    const mode = apiError(() =>
      s.api.create('PersistentVolumeClaim', { metadata: { name: 'bad', namespace: 'default' }, spec: { accessModes: ['ReadWriteSometimes'], resources: { requests: { storage: '1Gi' } } } }),
    );
    expect(mode.message).toBe(
      'PersistentVolumeClaim "bad" is invalid: spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    );
    expect(s.clock.runUntil(() => claim(s, 'data-db-0')?.status?.phase === 'Bound', 60 * S)).toBe(true);
    const bound = claim(s, 'data-db-0')!;
    const changed = apiError(() => s.api.update('PersistentVolumeClaim', { ...bound, spec: { ...bound.spec, accessModes: ['ReadWriteMany'] } }));
    expect(changed.message).toContain('PersistentVolumeClaim "data-db-0" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n  core.PersistentVolumeClaimSpec{\n');
    const shrunk = apiError(() => s.api.update('PersistentVolumeClaim', { ...bound, spec: { ...bound.spec, resources: { requests: { storage: '500Mi' } } } }));
    expect(shrunk.message).toBe('PersistentVolumeClaim "data-db-0" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than previous value');
    const grown = s.api.update('PersistentVolumeClaim', { ...bound, spec: { ...bound.spec, resources: { requests: { storage: '2048Mi' } } } });
    expect(grown.spec?.resources?.requests).toEqual({ storage: '2Gi' });
  });
});
