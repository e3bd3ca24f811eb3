// ConfigMap, the kind added by one catalog entry and its printer: the real kubectl creates,
// lists, reads, edits and deletes it against `sim serve`, and both sources watch it through
// the generic ClusterSource.watch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { ConfigMap } from '../../src/kube/types.js';
import { Backoff } from '../../src/source/kube/backoff.js';
import { KubeSource } from '../../src/source/kube/kubeSource.js';
import { resolveStartup } from '../../src/source/kube/startup.js';
import { SimSource } from '../../src/source/sim.js';
import type { ClusterSource, DeltaBatch } from '../../src/source/types.js';
import { closeStartedHarnesses, Harness, kubectlAvailable, tableRows, waitFor } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();

afterEach(closeStartedHarnesses);

/** What a watch has delivered: name → data, RESET replacing everything. */
function collect(source: ClusterSource, namespace: string | undefined): { names: () => string[]; data: (name: string) => Record<string, string> | undefined; stop: () => void } {
  const seen = new Map<string, ConfigMap>();
  const sub = source.watch('ConfigMap', { namespace }, (batch: DeltaBatch<ConfigMap>) => {
    for (const d of batch) {
      if (d.type === 'RESET') {
        seen.clear();
        for (const cm of d.objects) seen.set(cm.metadata!.name!, cm);
      } else if (d.type === 'DELETED') seen.delete(d.object.metadata!.name!);
      else seen.set(d.object.metadata!.name!, d.object);
    }
  });
  return { names: () => [...seen.keys()].sort(), data: (n) => seen.get(n)?.data, stop: () => sub.stop() };
}

describe.runIf(haveKubectl).sequential('ConfigMap against sim serve', () => {
  it('kubectl creates, lists (NAME, DATA, AGE), reads, patches and deletes a ConfigMap', async () => {
    const h = await Harness.start({ scenario: 'default' });
    const created = await h.kubectl(['create', 'configmap', 'x', '--from-literal=a=b', '--from-literal=c=d']);
    expect(created.stderr).toBe('');
    expect(created.stdout).toBe('configmap/x created\n');

    const list = await h.kubectl(['get', 'cm']);
    expect(list.stderr).toBe('');
    // kube-root-ca.crt is in every namespace, as the root-ca-cert-publisher keeps it in a real cluster.
    expect(tableRows(list.stdout)).toEqual([
      ['NAME', 'DATA', 'AGE'],
      ['kube-root-ca.crt', '1', expect.stringMatching(/^\d+[sm]$/)],
      ['x', '2', '0s'],
    ]);

    const yaml = await h.kubectl(['get', 'configmap', 'x', '-o', 'yaml']);
    const obj = parseYaml(yaml.stdout) as ConfigMap;
    expect(obj.apiVersion).toBe('v1');
    expect(obj.kind).toBe('ConfigMap');
    expect(obj.data).toEqual({ a: 'b', c: 'd' });
    expect(obj.metadata?.namespace).toBe('default');
    expect(obj.metadata?.generation).toBeUndefined();

    const patched = await h.kubectl(['patch', 'cm', 'x', '-p', '{"data":{"e":"f"}}']);
    expect(patched.stderr).toBe('');
    expect(h.sim.store.get('ConfigMap', 'default', 'x')?.data).toEqual({ a: 'b', c: 'd', e: 'f' });

    // kubectl checks --from-literal keys itself; a manifest reaches the server's validation.
    const bad = await h.kubectl(['create', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bad}\ndata: {"..a": "1", ok: "2"}\nbinaryData: {ok: "Mg=="}\n');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe(
      `The ConfigMap "bad" is invalid: \n* data[..a]: Invalid value: "..a": must not start with '..'\n* data[ok]: Invalid value: "ok": duplicate of key present in binaryData\n`,
    );
    expect(h.sim.store.get('ConfigMap', 'default', 'bad')).toBeUndefined();

    const deleted = await h.kubectl(['delete', 'cm', 'x']);
    expect(deleted.stderr).toBe('');
    expect(deleted.stdout).toBe('configmap "x" deleted\n');
    const none = await h.kubectl(['get', 'cm']);
    // Only the root-ca-cert-publisher's ConfigMap is left (a real namespace is never without it).
    expect(none.stderr).toBe('');
    expect(tableRows(none.stdout).map((row) => row[0])).toEqual(['NAME', 'kube-root-ca.crt']);
  });

  it('an immutable ConfigMap refuses a data change with the apiserver 422', async () => {
    const h = await Harness.start({ scenario: 'default' });
    await h.kubectl(['create', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: frozen}\nimmutable: true\ndata: {a: b}\n');
    const r = await h.kubectl(['patch', 'cm', 'frozen', '-p', '{"data":{"a":"c"}}']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('The ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    expect(h.sim.store.get('ConfigMap', 'default', 'frozen')?.data).toEqual({ a: 'b' });
  });

  it('ClusterSource.watch follows ConfigMaps on the simulator source and on the live source', async () => {
    const h = await Harness.start({ scenario: 'default' });
    const dir = mkdtempSync(join(tmpdir(), 'podscope-cm-'));
    const choice = await resolveStartup({
      kubeconfig: h.kubeconfig,
      env: {},
      homedir: dir,
      source: { schedule: (fn) => setImmediate(fn), newBackoff: () => new Backoff({ initialMs: 20, maxMs: 200 }) },
    });
    if (choice.kind !== 'kube' || !(choice.source instanceof KubeSource)) throw new Error(`expected the kube source, got ${choice.kind}`);
    const live = choice.source;
    const sim = new SimSource(h.sim);
    const watches = [collect(sim, 'default'), collect(live, 'default')];
    try {
      await h.kubectl(['create', 'configmap', 'one', '--from-literal=k=v1']);
      await h.kubectl(['create', 'configmap', 'two', '--from-literal=k=v']);
      await h.kubectl(['patch', 'cm', 'one', '-p', '{"data":{"k":"v2"}}']);
      await h.kubectl(['delete', 'cm', 'two']);
      for (const [i, w] of watches.entries()) {
        await waitFor(`watch ${i} to converge`, () => w.names().join() === 'kube-root-ca.crt,one' && w.data('one')?.['k'] === 'v2');
      }
      // Besides kube-root-ca.crt, which the root-ca-cert-publisher keeps in every namespace.
      expect(await live.list('ConfigMap', { namespace: 'default' })).toHaveLength(2);
      expect((await sim.get('ConfigMap', 'default', 'one'))?.data).toEqual({ k: 'v2' });
      expect((await live.get('ConfigMap', 'default', 'one'))?.data).toEqual({ k: 'v2' });
      expect(await live.get('ConfigMap', 'default', 'two')).toBeUndefined();
      expect(await live.delete('ConfigMap', 'default', 'one')).toEqual({ kind: 'deleted' });
      for (const [i, w] of watches.entries()) await waitFor(`watch ${i} to see the delete`, () => w.names().join() === 'kube-root-ca.crt');
    } finally {
      for (const w of watches) w.stop();
      live.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
