// The kubelet and missing configuration: env from a ConfigMap or Secret that is missing (or
// lacks the key) is CreateContainerConfigError until the object appears; configMap, secret
// and projected volumes that cannot be set up keep the pod ContainerCreating with FailedMount
// on the volume manager's retry cadence, until the object appears. Manual clock, through the store.
import { describe, expect, test } from 'vitest';
import type { Container, PodSpec } from '../../../src/kube/types.js';
import { containerEnv } from '../../../src/sim/kubelet/containerEnv.js';
import type { ConfigSources } from '../../../src/sim/kubelet/configSources.js';
import { volumeSetUpError } from '../../../src/sim/kubelet/volumeSetUp.js';
import { container, KubeletHarness } from './helpers/kubeletHarness.js';

const sources = (cms: Record<string, Record<string, string>>, secrets: Record<string, Record<string, string>> = {}): ConfigSources => ({
  configMap: (_ns, name) => (cms[name] ? { metadata: { name }, data: cms[name] } : undefined),
  secret: (_ns, name) => (secrets[name] ? { metadata: { name }, data: secrets[name] } : undefined),
});

describe('makeEnvironmentVariables failures', () => {
  const c = (extra: Partial<Container>): Container => ({ name: 'app', ...extra });
  test.each<[string, Partial<Container>, string | undefined]>([
    ['a missing ConfigMap', { env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'x', key: 'k' } } }] }, 'configmap "x" not found'],
    ['a missing key', { env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'nope' } } }] }, "couldn't find key nope in ConfigMap shop/cfg"],
    ['a missing Secret', { env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'db', key: 'k' } } }] }, 'secret "db" not found'],
    ['a missing secret key', { env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'creds', key: 'nope' } } }] }, "couldn't find key nope in Secret shop/creds"],
    ['envFrom a missing ConfigMap', { envFrom: [{ configMapRef: { name: 'x' } }] }, 'configmap "x" not found'],
    ['envFrom a missing Secret', { envFrom: [{ secretRef: { name: 'y' } }] }, 'secret "y" not found'],
    ['envFrom first, then env', { env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'db', key: 'k' } } }], envFrom: [{ configMapRef: { name: 'x' } }] }, 'configmap "x" not found'],
    ['optional objects and keys', {
      env: [
        { name: 'A', valueFrom: { configMapKeyRef: { name: 'x', key: 'k', optional: true } } },
        { name: 'B', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'nope', optional: true } } },
        { name: 'C', valueFrom: { secretKeyRef: { name: 'db', key: 'k', optional: true } } },
      ],
      envFrom: [{ configMapRef: { name: 'x', optional: true } }, { secretRef: { name: 'y', optional: true } }],
    }, undefined],
  ])('%s', (_what, extra, error) => {
    expect(containerEnv('shop', c(extra), sources({ cfg: { mode: 'fast' } }, { creds: { user: 'YWRtaW4=' } })).error).toBe(error);
  });

  test('the values it reads: literals, ConfigMap keys, decoded Secret keys, envFrom with its prefix', () => {
    const r = containerEnv(
      'shop',
      c({
        envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'CFG_' }],
        env: [
          { name: 'LIT', value: 'x' },
          { name: 'USER', valueFrom: { secretKeyRef: { name: 'creds', key: 'user' } } },
        ],
      }),
      sources({ cfg: { mode: 'fast' } }, { creds: { user: 'YWRtaW4=' } }),
    );
    expect(r.error).toBeUndefined();
    expect(r.error === undefined ? Object.fromEntries(r.env) : {}).toEqual({ CFG_mode: 'fast', LIT: 'x', USER: 'admin' });
  });
});

describe('volume SetUp failures', () => {
  type Volume = NonNullable<PodSpec['volumes']>[number];
  test.each<[string, Volume, string | undefined]>([
    ['a missing ConfigMap', { name: 'v', configMap: { name: 'x' } }, 'configmap "x" not found'],
    ['an optional missing ConfigMap', { name: 'v', configMap: { name: 'x', optional: true, items: [{ key: 'k', path: 'k' }] } }, undefined],
    ['an item with no such key', { name: 'v', configMap: { name: 'cfg', items: [{ key: 'nope', path: 'p' }] } }, 'configmap references non-existent config key: nope'],
    ['a missing Secret', { name: 'v', secret: { secretName: 'db' } }, 'secret "db" not found'],
    ['a secret item with no such key', { name: 'v', secret: { secretName: 'creds', items: [{ key: 'nope', path: 'p' }] } }, 'references non-existent secret key: nope'],
    ['a projected volume with one missing source', { name: 'v', projected: { sources: [{ configMap: { name: 'cfg' } }, { secret: { name: 'db' } }] } }, 'secret "db" not found'],
    ['a projected volume with two', { name: 'v', projected: { sources: [{ configMap: { name: 'x' } }, { secret: { name: 'db' } }] } }, '[configmap "x" not found, secret "db" not found]'],
    ['an emptyDir', { name: 'v', emptyDir: {} }, undefined],
  ])('%s', (_what, volume, error) => {
    expect(volumeSetUpError('shop', volume, sources({ cfg: { mode: 'fast' } }, { creds: { user: 'YWRtaW4=' } }))).toBe(error);
  });
});

describe('the kubelet waits for configuration', () => {
  test('env from a missing ConfigMap: CreateContainerConfigError every sync (10 s), Running once it is created', () => {
    const h = new KubeletHarness();
    h.createPod('web', { containers: [container('app', 'nginx:1.25', { env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } }] })] }, { 'sim.podscope.dev/pull': '1s' });
    h.at(5);
    const waiting = () => h.must('web').status!.containerStatuses![0]!.state?.waiting;
    expect(waiting()).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "settings" not found' });
    expect(h.status('web')).toBe('CreateContainerConfigError');
    h.at(25);
    expect(h.events('web', (e) => e.reason === 'Failed')).toEqual([
      '2s Warning Failed Error: configmap "settings" not found',
      '12s Warning Failed Error: configmap "settings" not found',
      '22s Warning Failed Error: configmap "settings" not found',
    ]);
    expect(h.events('web', (e) => e.reason === 'Pulled').length).toBe(3);
    // The ConfigMap without the key: the message changes at the next sync.
    h.api.create('ConfigMap', { metadata: { name: 'settings', namespace: 'default' }, data: { other: '1' } });
    h.at(33);
    expect(waiting()).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key mode in ConfigMap default/settings" });
    const cm = h.store.get('ConfigMap', 'default', 'settings')!;
    h.api.update('ConfigMap', { ...cm, data: { mode: 'fast' } });
    h.at(43);
    expect(h.status('web')).toBe('Running');
    expect(h.must('web').status!.containerStatuses![0]!.restartCount).toBe(0);
    expect(h.events('web', (e) => e.t > 33_000).map((l) => l.split(' ').slice(1, 3).join(' '))).toEqual(['Normal Pulled', 'Normal Created', 'Normal Started']);
  });

  test('a Secret key, optional refs start at once', () => {
    const h = new KubeletHarness();
    h.api.create('Secret', { metadata: { name: 'db', namespace: 'default' }, stringData: { user: 'admin' } });
    h.createPod('a', { containers: [container('app', 'nginx:1.25', { env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] })] });
    h.createPod('b', { containers: [container('app', 'nginx:1.25', { envFrom: [{ secretRef: { name: 'nope', optional: true } }] })] });
    h.at(20);
    expect(h.must('a').status!.containerStatuses![0]!.state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key password in Secret default/db" });
    expect(h.status('b')).toBe('Running');
  });

  test('a configMap volume that is missing: ContainerCreating, no IP, FailedMount at 0.5, 1.5, 3.5 … s; mounted and Running once created', () => {
    const h = new KubeletHarness();
    h.createPod('web', {
      containers: [container('app', 'nginx:1.25', { volumeMounts: [{ name: 'config', mountPath: '/etc/app' }] })],
      volumes: [{ name: 'config', configMap: { name: 'app-config' } }],
    }, { 'sim.podscope.dev/pull': '1s' });
    h.at(130);
    expect(h.status('web')).toBe('ContainerCreating');
    expect(h.must('web').status!.podIP).toBeUndefined();
    const mounts = h.events('web', (e) => e.reason === 'FailedMount');
    expect(mounts.map((l) => l.split(' ')[0])).toEqual(['0s', '0.5s', '1.5s', '3.5s', '7.5s', '15.5s', '31.5s', '63.5s', '123s', '127.5s']);
    expect(mounts[0]).toBe('0s Warning FailedMount MountVolume.SetUp failed for volume "config" : configmap "app-config" not found');
    expect(mounts[8]).toBe(
      '123s Warning FailedMount Unable to attach or mount volumes: unmounted volumes=[config], unattached volumes=[], failed to process volumes=[]: context deadline exceeded',
    );
    h.api.create('ConfigMap', { metadata: { name: 'app-config', namespace: 'default' }, data: { 'app.conf': 'x' } });
    h.at(250);
    expect(h.status('web')).toBe('ContainerCreating');
    h.at(255);
    // The next retry (127.5 + 122 s) mounts it; the sandbox follows 1 s later, then the pull.
    expect(h.events('web', (e) => e.t > 130_000).map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual(['250.5s Normal Pulling', '251.5s Normal Pulled', '251.5s Normal Created', '251.5s Normal Started']);
    expect(h.status('web')).toBe('Running');
  });

  test('a deleted pod that waits for its mounts goes away without retrying', () => {
    const h = new KubeletHarness();
    h.createPod('web', { containers: [container('app', 'nginx:1.25')], volumes: [{ name: 's', secret: { secretName: 'nope' } }] });
    h.at(2);
    h.api.delete('Pod', 'default', 'web');
    h.at(10);
    expect(h.pod('web')).toBeUndefined();
    expect(h.events('web', (e) => e.reason === 'FailedMount').length).toBe(3);
  });
});
