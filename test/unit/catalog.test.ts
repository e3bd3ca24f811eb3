// The resource catalog and what derives from it: every entry is consistent with itself, and
// discovery, routes, the store's scope and the generic source all answer from it.
import { describe, expect, it } from 'vitest';
import { CATALOG, entryOf, isKind, kindAtPath, kindNamed, KINDS } from '../../src/kube/catalog/index.js';
import type { Kind } from '../../src/kube/types.js';
import { ManualClock } from '../../src/sim/clock.js';
import { Simulator } from '../../src/sim/engine.js';
import { resourceList } from '../../src/sim/server/discovery.js';
import { parseRoute } from '../../src/sim/server/routes.js';
import { CLUSTER_SCOPED } from '../../src/sim/store.js';
import { SimSource } from '../../src/source/sim.js';
import type { DeltaBatch } from '../../src/source/types.js';

interface Discovered {
  name: string;
  namespaced: boolean;
  kind: string;
  shortNames?: string[];
}

describe('catalog entries', () => {
  it.each(KINDS)('%s: key, names and capabilities agree', (kind) => {
    const e = entryOf(kind);
    expect(e.kind).toBe(kind);
    expect(e.listKind).toBe(`${kind}List`);
    expect(e.singular).toBe(kind.toLowerCase());
    expect(e.printer.columns.length).toBeGreaterThan(0);
    // Only namespaced kinds are scalable here, and a scalable kind has a status subresource.
    if (e.subresources.scale) expect([e.namespaced, e.subresources.status]).toEqual([true, true]);
    for (const word of [e.resource, e.singular, ...e.shortNames]) expect(kindNamed(word)).toBe(kind);
    expect(kindAtPath(e.group, e.version, e.resource)).toBe(kind);
    expect(CLUSTER_SCOPED.has(kind)).toBe(!e.namespaced);
  });

  it('names no resource word twice', () => {
    // A kind may repeat its own word (Endpoints' singular is "endpoints", as discovery says); no two kinds share one.
    const words = KINDS.flatMap((k) => [...new Set([CATALOG[k].resource, CATALOG[k].singular, ...CATALOG[k].shortNames])]);
    expect(new Set(words).size).toBe(words.length);
    expect(isKind('ConfigMap')).toBe(true);
    expect(isKind('Widget')).toBe(false);
    expect(kindNamed('widget')).toBeUndefined();
  });
});

describe('derived from the catalog', () => {
  it('discovery lists every kind of a group version with its subresources', () => {
    for (const [group, version] of [['', 'v1'], ['apps', 'v1'], ['batch', 'v1']] as const) {
      const list = resourceList(group, version) as { resources: Discovered[] };
      const expected = KINDS.filter((k) => CATALOG[k].group === group).flatMap((k) => {
        const e = CATALOG[k];
        return [e.resource, ...(e.subresources.scale ? [`${e.resource}/scale`] : []), ...(e.subresources.status ? [`${e.resource}/status`] : []), ...(e.subresources.log ? [`${e.resource}/log`] : []), ...(e.subresources.eviction ? [`${e.resource}/eviction`] : []), ...(e.subresources.streams ? ['attach', 'exec', 'portforward'].map((s) => `${e.resource}/${s}`) : [])];
      });
      expect(list.resources.map((r) => r.name)).toEqual(expected);
    }
    expect(resourceList('policy', 'v1')).toBeUndefined();
    // Reviews are discovered in their own groups, create-only.
    expect((resourceList('authorization.k8s.io', 'v1') as { resources: Discovered[] }).resources.map((r) => r.name)).toEqual(['selfsubjectaccessreviews']);
    expect((resourceList('authentication.k8s.io', 'v1') as { resources: Discovered[] }).resources.map((r) => r.name)).toEqual(['selfsubjectreviews']);
  });

  it.each<[string, Kind | undefined, string | undefined]>([
    ['/api/v1/namespaces/shop/configmaps/settings', 'ConfigMap', undefined],
    ['/apis/apps/v1/namespaces/shop/statefulsets/db/scale', 'StatefulSet', 'scale'],
    ['/apis/apps/v1/namespaces/shop/daemonsets/agent/scale', undefined, undefined],
    ['/api/v1/namespaces/shop/configmaps/settings/status', undefined, undefined],
    ['/api/v1/namespaces/shop/events/e1/status', undefined, undefined],
    ['/api/v1/nodes/n1/status', 'Node', 'status'],
  ])('route %s → %s %s', (path, kind, subresource) => {
    const route = parseRoute(path);
    if (kind === undefined) expect(route.type).toBe('notFound');
    else expect(route).toMatchObject({ type: 'resource', kind, ...(subresource ? { subresource } : {}) });
  });
});

describe('the generic source on the simulator', () => {
  it('watches, lists with selectors, gets and deletes any kind', async () => {
    const sim = new Simulator({ clock: new ManualClock(), freezeObjects: true });
    sim.start();
    for (const name of ['shop', 'default']) sim.api.create('Namespace', { metadata: { name } });
    const source = new SimSource(sim, { schedule: (fn) => fn() });
    const seen: string[] = [];
    const sub = source.watch('ConfigMap', { namespace: 'shop' }, (batch: DeltaBatch<{ metadata?: { name?: string } }>) => {
      for (const d of batch) seen.push(d.type === 'RESET' ? `RESET ${d.objects.length}` : `${d.type} ${d.object.metadata?.name}`);
    });
    sim.api.create('ConfigMap', { metadata: { name: 'a', namespace: 'shop', labels: { tier: 'web' } }, data: { k: 'v' } });
    sim.api.create('ConfigMap', { metadata: { name: 'b', namespace: 'shop' } });
    sim.api.create('ConfigMap', { metadata: { name: 'c', namespace: 'default' } });
    expect((await source.list('ConfigMap', { namespace: 'shop', labelSelector: 'tier=web' })).map((c) => c.metadata?.name)).toEqual(['a']);
    expect((await source.list('ConfigMap', { namespace: undefined, fieldSelector: 'metadata.name=c' })).map((c) => c.metadata?.namespace)).toEqual(['default']);
    await expect(source.list('ConfigMap', { namespace: 'shop', fieldSelector: 'data.k=v' })).rejects.toThrow(
      '"data.k" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect((await source.get('ConfigMap', 'shop', 'a'))?.data).toEqual({ k: 'v' });
    expect(await source.get('ConfigMap', 'shop', 'zzz')).toBeUndefined();
    expect(await source.delete('ConfigMap', 'shop', 'b')).toEqual({ kind: 'deleted' });
    expect(await source.delete('ConfigMap', 'shop', 'b')).toEqual({ kind: 'notFound', message: 'configmaps "b" not found' });
    expect((await source.list('Namespace', { namespace: undefined })).map((n) => n.metadata?.name)).toContain('shop');
    sub.stop();
    sim.stop();
    // The one ConfigMap the namespace starts with is kube-root-ca.crt (the root-ca-cert-publisher's).
    expect(seen).toEqual(['RESET 1', 'ADDED a', 'ADDED b', 'DELETED b']);
  });
});
