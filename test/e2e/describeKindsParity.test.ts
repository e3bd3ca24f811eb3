// `podscope describe KIND NAME` against kubectl 1.33's `describe KIND NAME` for the kinds
// with a kubectl describer beyond pods, every object of each kind in the fixtures that hold
// one: both read the same frozen simulator (kubectl through `sim serve` over TLS, podscope
// through the headless command's own code path). Nothing is normalised.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCommand } from '../../src/cli/describeCommand.js';
import { entryOf } from '../../src/kube/catalog/index.js';
import type { Kind } from '../../src/kube/types.js';
import type { Simulator } from '../../src/sim/engine.js';
import { clockCandidates, frozenAt, KUBECTL, KUBECTL_133, kubectlTimed, simulatorEndingNow } from './helpers/parity.js';
import { serveSim, tls } from './helpers/serverHarness.js';

process.env.TZ = 'UTC';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-describe-kinds-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function podscopeDescribe(sim: Simulator, kind: Kind, namespace: string, name: string, nowMs: number): Promise<string> {
  let out = '';
  let err = '';
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {} };
  const code = await describeCommand(frozenAt(sim, nowMs), kind, namespace, name, io);
  if (code !== 0) throw new Error(`podscope describe ${kind} ${namespace}/${name} failed: ${err}`);
  return out;
}

function lineDiff(expected: string, actual: string): string[] {
  const e = expected.split('\n');
  const a = actual.split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(e.length, a.length) && out.length < 20; i++) {
    if (e[i] !== a[i]) out.push(`line ${i + 1}\n  kubectl:  ${JSON.stringify(e[i])}\n  podscope: ${JSON.stringify(a[i])}`);
  }
  return out;
}

async function compareKinds(fixture: string, kinds: readonly Kind[], settleMs: number, act?: (sim: Simulator) => void, afterMs = 0): Promise<{ objects: number; mismatches: string[] }> {
  const { sim, clock } = await simulatorEndingNow(fixture, settleMs + afterMs);
  clock.advance(settleMs);
  if (act) {
    act(sim);
    clock.advance(afterMs);
  }
  const { server, kubeconfig } = await serveSim(sim, { tls: tls(), kubeconfigAt: (port) => join(dir, `kubeconfig-${fixture}-${port}`) });
  try {
    const mismatches: string[] = [];
    let objects = 0;
    for (const kind of kinds) {
      const entry = entryOf(kind);
      for (const obj of sim.store.list(kind, {}).items) {
        const namespace = obj.metadata!.namespace ?? 'default';
        const name = obj.metadata!.name!;
        objects++;
        const args = ['describe', entry.group ? `${entry.resource}.${entry.group}` : entry.resource, name, ...(entry.namespaced ? ['-n', namespace] : [])];
        const { stdout, stderr, before, after } = await kubectlTimed(kubeconfig, dir, args);
        if (stderr) throw new Error(`kubectl ${args.join(' ')}: ${stderr}`);
        const candidates: string[] = [];
        for (const t of clockCandidates(sim, before, after)) candidates.push(await podscopeDescribe(sim, kind, namespace, name, t));
        // Go prints a map's keys in random order (ConfigMap and Secret data): such output is compared line by line as a set.
        const keyCount = Object.keys({ ...(obj as { data?: object }).data, ...(obj as { binaryData?: object }).binaryData }).length;
        if (keyCount > 1 && (kind === 'ConfigMap' || kind === 'Secret')) {
          const sorted = (t: string): string => t.split('\n').sort().join('\n');
          if (!candidates.some((c) => sorted(c) === sorted(stdout))) mismatches.push(`${kind} ${namespace}/${name}:\n${lineDiff(stdout, candidates[0]!).join('\n')}`);
          continue;
        }
        if (!candidates.includes(stdout)) mismatches.push(`${kind} ${namespace}/${name}:\n${lineDiff(stdout, candidates[0]!).join('\n')}`);
      }
    }
    return { objects, mismatches };
  } finally {
    await server.close();
    sim.stop();
  }
}

describe(`describe deployment, replicaset, statefulset, daemonset: podscope vs ${KUBECTL === KUBECTL_133 ? 'kubectl 1.33' : 'kubectl (1.33 not found)'}`, () => {
  it.each(['deployment', 'default', 'services', 'node-failure'])('every Deployment, ReplicaSet, StatefulSet and DaemonSet of the %s fixture', async (fixture) => {
    const { objects, mismatches } = await compareKinds(fixture, ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'], 60_000);
    expect(objects).toBeGreaterThan(0);
    expect(mismatches.join('\n\n')).toBe('');
  });

  it('a StatefulSet with a partitioned rolling update, its pods running', async () => {
    const { objects, mismatches } = await compareKinds(
      'deployment',
      ['StatefulSet'],
      10_000,
      (sim) => {
        sim.api.create('StatefulSet', {
          metadata: { name: 'db', namespace: 'default', labels: { app: 'db' } },
          spec: {
            serviceName: 'db',
            replicas: 2,
            selector: { matchLabels: { app: 'db' } },
            updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } },
            template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'redis:7', ports: [{ containerPort: 6379 }] }] } },
          },
        });
      },
      40_000,
    );
    expect(objects).toBe(1);
    expect(mismatches.join('\n\n')).toBe('');
  });

  it('after a rollout: old and new ReplicaSets, conditions, events', async () => {
    const { objects, mismatches } = await compareKinds(
      'deployment',
      ['Deployment', 'ReplicaSet'],
      30_000,
      (sim) => {
        const d = sim.store.get('Deployment', 'default', 'web')!;
        const spec = structuredClone(d.spec!);
        spec.template.spec!.containers[0]!.image = 'nginx:1.28';
        spec.template.metadata = { ...spec.template.metadata, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } };
        sim.api.update('Deployment', { ...d, spec });
      },
      60_000,
    );
    expect(objects).toBeGreaterThan(2);
    expect(mismatches.join('\n\n')).toBe('');
  });
});

describe(`describe service, endpointslice: podscope vs ${KUBECTL === KUBECTL_133 ? 'kubectl 1.33' : 'kubectl (1.33 not found)'}`, () => {
  it.each([
    ['services', 20_000],
    ['services', 45_000],
    ['default', 60_000],
    ['deployment', 60_000],
  ] as const)('every Service of the %s fixture at %i ms (ready, then not-ready endpoints)', async (fixture, settleMs) => {
    const { objects, mismatches } = await compareKinds(fixture, ['Service', 'EndpointSlice'], settleMs);
    expect(objects).toBeGreaterThan(0);
    expect(mismatches.join('\n\n')).toBe('');
  });
});

describe(`describe node: podscope vs ${KUBECTL === KUBECTL_133 ? 'kubectl 1.33' : 'kubectl (1.33 not found)'}`, () => {
  it.each([
    ['default', 60_000],
    ['mysql-resources', 60_000],
    ['sidecar', 60_000],
    ['node-failure', 200_000],
  ] as const)('every Node of the %s fixture at %i ms (pods, requests, lease, conditions, taints)', async (fixture, settleMs) => {
    const { objects, mismatches } = await compareKinds(fixture, ['Node'], settleMs);
    expect(objects).toBeGreaterThan(0);
    expect(mismatches.join('\n\n')).toBe('');
  });
});

describe(`describe configmap, secret, namespace, endpoints, serviceaccount: podscope vs ${KUBECTL === KUBECTL_133 ? 'kubectl 1.33' : 'kubectl (1.33 not found)'}`, () => {
  it.each([
    ['missing-config', 30_000],
    ['services', 45_000],
    ['default', 60_000],
  ] as const)('every one of the %s fixture at %i ms', async (fixture, settleMs) => {
    const { objects, mismatches } = await compareKinds(fixture, ['ConfigMap', 'Secret', 'Namespace', 'Endpoints', 'ServiceAccount'], settleMs, (sim) => {
      // A Secret of several keys with binary and multi-byte values, and a ConfigMap with binaryData.
      sim.api.create('Secret', { metadata: { name: 'creds', namespace: 'default' }, type: 'Opaque', data: { user: Buffer.from('admin').toString('base64'), pass: Buffer.from('s3cr€t').toString('base64'), blob: Buffer.from([0, 1, 2, 255]).toString('base64') } });
      sim.api.create('ConfigMap', { metadata: { name: 'bin', namespace: 'default' }, binaryData: { 'a.bin': Buffer.from([1, 2, 3]).toString('base64') } });
      // A ServiceAccount naming a pull secret, a mountable secret that exists and one that does not.
      sim.api.create('ServiceAccount', { metadata: { name: 'builder', namespace: 'default' }, imagePullSecrets: [{ name: 'regcred' }], secrets: [{ name: 'creds' }, { name: 'gone' }] });
    }, 1_000);
    expect(objects).toBeGreaterThan(3);
    expect(mismatches.join('\n\n')).toBe('');
  });
});

describe(`describe job, cronjob: podscope vs ${KUBECTL === KUBECTL_133 ? 'kubectl 1.33' : 'kubectl (1.33 not found)'}`, () => {
  it.each(['hello-job', 'default'])('every Job and CronJob of the %s fixture, and a CronJob that has run', async (fixture) => {
    const { objects, mismatches } = await compareKinds(
      fixture,
      ['Job', 'CronJob'],
      30_000,
      (sim) => {
        sim.api.create('CronJob', {
          metadata: { name: 'tick', namespace: 'default' },
          spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'tick', image: 'busybox', command: ['sh', '-c', 'date'] }] } } } } },
        });
      },
      150_000,
    );
    expect(objects).toBeGreaterThan(1);
    expect(mismatches.join('\n\n')).toBe('');
  });
});

describe(`describe persistentvolumeclaim, persistentvolume, storageclass: podscope vs ${KUBECTL === KUBECTL_133 ? 'kubectl 1.33' : 'kubectl (1.33 not found)'}`, () => {
  it.each([
    ['storage', 5_000],
    ['storage', 60_000],
    ['default', 60_000],
  ] as const)('every one of the %s fixture at %i ms (claims Pending and Bound, used by pods, events)', async (fixture, settleMs) => {
    const { objects, mismatches } = await compareKinds(fixture, ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'], settleMs);
    expect(objects).toBeGreaterThan(0);
    expect(mismatches.join('\n\n')).toBe('');
  });

  it('a claim being deleted while a pod uses it, one a pod names twice, one a pod owns, one with a data source or conditions; CSI, local and NFS volumes with node affinity; a beta-default class with options and topologies', async () => {
    const { objects, mismatches } = await compareKinds(
      'storage',
      ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'],
      40_000,
      (sim) => {
        sim.api.create('StorageClass', {
          metadata: { name: 'zonal', annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true', note: 'zonal disks' } },
          provisioner: 'pd.csi.storage.gke.io',
          parameters: { type: 'pd-ssd', 'replication-type': 'none' },
          mountOptions: ['debug', 'noatime'],
          allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['us-east1-a', 'us-east1-b'] }] }],
          volumeBindingMode: 'WaitForFirstConsumer',
        });
        sim.api.create('PersistentVolume', {
          metadata: { name: 'csi-pv', annotations: { owner: 'ops' } },
          spec: {
            capacity: { storage: '2Gi' },
            accessModes: ['ReadWriteOncePod'],
            persistentVolumeReclaimPolicy: 'Delete',
            storageClassName: 'manual',
            volumeMode: 'Block',
            csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-0abc', fsType: 'ext4', volumeAttributes: { b: '2', a: '1' } },
            nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['kind-worker'] }, { key: 'disk', operator: 'Exists' }] }] } },
          },
        });
        sim.api.create('PersistentVolume', {
          metadata: { name: 'local-pv' },
          spec: { capacity: { storage: '1500Mi' }, accessModes: ['ReadWriteMany'], storageClassName: 'manual', local: { path: '/mnt/disks/ssd1' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [] }] } } },
        });
        sim.api.create('PersistentVolume', {
          metadata: { name: 'nfs-pv' },
          spec: { capacity: { storage: '1Ti' }, accessModes: ['ReadWriteMany'], storageClassName: 'manual', nfs: { server: '10.0.0.5', path: '/exports', readOnly: true } },
        });
        // data-db-0 is in use by db-0: deleting it leaves it Terminating behind pvc-protection.
        sim.api.delete('PersistentVolumeClaim', 'default', 'data-db-0');
        // A pod naming one claim in two volumes (kubectl lists it twice), and a claim a pod owns but does not mount.
        const owner = sim.api.create('Pod', {
          metadata: { name: 'twice', namespace: 'default' },
          spec: {
            containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }],
            volumes: [{ name: 'a', persistentVolumeClaim: { claimName: 'cache' } }, { name: 'b', persistentVolumeClaim: { claimName: 'cache', readOnly: true } }],
          },
        });
        sim.api.create('PersistentVolumeClaim', {
          metadata: { name: 'restore', namespace: 'default', ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'twice', uid: owner.metadata!.uid! }] },
          spec: { storageClassName: 'fast-ssd', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'nightly' } },
        });
        // A bound claim being resized: its conditions table.
        const archive = sim.store.get('PersistentVolumeClaim', 'default', 'archive')!;
        sim.api.setStatus('PersistentVolumeClaim', 'default', 'archive', {
          ...archive.status,
          conditions: [{ type: 'Resizing', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'Resize', message: 'waiting for the file system' }],
        });
      },
      3_000,
    );
    expect(objects).toBeGreaterThan(8);
    expect(mismatches.join('\n\n')).toBe('');
  });
});
