// ControllerRevisions: the pure parts of pkg/controller/history table-driven, then the
// StatefulSet and DaemonSet controllers keeping them (numbering, rollback by renumbering,
// collisions, revisionHistoryLimit).
import { afterEach, describe, expect, it } from 'vitest';
import { fnv32 } from '../../../src/kube/fnv.js';
import type { ControllerRevision, DaemonSet, StatefulSet } from '../../../src/kube/types.js';
import { DaemonSetController } from '../../../src/sim/controllers/daemonSet.js';
import {
  byRevisionNumber,
  controllerRevisionName,
  goJson,
  hashControllerRevision,
  revisionRaw,
  templatePatch,
} from '../../../src/sim/controllers/history.js';
import { StatefulSetController } from '../../../src/sim/controllers/statefulSet.js';
import { createHarness, template, type Harness } from './helpers/controllerHarness.js';

describe('history helpers', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0x050c5d7e],
    ['foobar', 0x31f0b262],
  ])('fnv32 (FNV-1) of %j is %s', (text, want) => {
    expect(fnv32(new TextEncoder().encode(text))).toBe(want);
  });

  it.each([
    [{ b: 1, a: [true, null], $p: 'x' }, '{"$p":"x","a":[true,null],"b":1}'],
    [{ html: '<a & b>' }, '{"html":"\\u003ca \\u0026 b\\u003e"}'],
    [{ nested: { z: {}, y: [] } }, '{"nested":{"y":[],"z":{}}}'],
    [{ skipped: undefined, kept: 'v' }, '{"kept":"v"}'],
  ])('goJson(%j) writes Go json.Marshal bytes', (value, want) => {
    expect(goJson(value)).toBe(want);
  });

  it('templatePatch is the template to be put back whole, creationTimestamp null, keys in Go order', () => {
    const data = templatePatch({ metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'redis:7' }] } });
    const raw = goJson(data);
    expect(raw.startsWith('{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"db"}},"spec":{"containers":[{')).toBe(true);
    // Stored in that order, so the JSON a client reads is those bytes.
    expect(JSON.stringify(data)).toBe(raw);
  });

  it('hashes data with the collision count as decimal text, and names revisions prefix-hash', () => {
    const raw = '{"spec":{}}';
    expect(hashControllerRevision(raw, 0)).not.toBe(hashControllerRevision(raw, 1));
    expect(hashControllerRevision(raw, 0)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(controllerRevisionName('x'.repeat(300), 'abc')).toBe(`${'x'.repeat(223)}-abc`);
  });

  it('sorts by revision, then creation, then name', () => {
    const cr = (name: string, revision: number, at: string): ControllerRevision => ({ metadata: { name, creationTimestamp: at }, revision, data: {} });
    const list = [cr('c', 2, '2026-01-01T00:00:00Z'), cr('b', 1, '2026-01-01T00:00:01Z'), cr('a', 1, '2026-01-01T00:00:01Z'), cr('d', 1, '2026-01-01T00:00:00Z')];
    expect(list.sort(byRevisionNumber).map((r) => r.metadata!.name)).toEqual(['d', 'a', 'b', 'c']);
  });
});

let h: Harness;

const revisions = (): { name: string; revision: number; image: string }[] =>
  [...h.store.all('ControllerRevision', 'default')]
    .sort(byRevisionNumber)
    .map((cr) => ({
      name: cr.metadata!.name!,
      revision: cr.revision!,
      image: (cr.data as { spec: { template: { spec: { containers: { image: string }[] } } } }).spec.template.spec.containers[0]!.image,
    }));

function setImage<K extends 'StatefulSet' | 'DaemonSet'>(kind: K, name: string, image: string): void {
  const obj = h.api.get(kind, 'default', name) as StatefulSet | DaemonSet;
  const t = structuredClone(obj.spec!.template);
  t.spec!.containers[0]!.image = image;
  h.api.update(kind, { ...obj, metadata: { ...obj.metadata, resourceVersion: undefined }, spec: { ...obj.spec!, template: t } } as never);
  h.clock.flush();
}

function runAll(): void {
  for (let i = 0; i < 10; i++) {
    for (const p of h.pods()) if (!p.metadata!.deletionTimestamp && p.status?.phase !== 'Running') h.runPod(p);
    for (const p of h.pods()) if (p.metadata!.deletionTimestamp) h.api.delete('Pod', 'default', p.metadata!.name!, { gracePeriodSeconds: 0 });
    h.clock.flush();
  }
}

describe('StatefulSet revisions', () => {
  afterEach(() => h.stop());
  function makeSts(spec: Partial<NonNullable<StatefulSet['spec']>> = {}): void {
    h.api.create('StatefulSet', {
      metadata: { name: 'web', namespace: 'default', annotations: { 'kubernetes.io/change-cause': 'first' } },
      spec: { replicas: 2, serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }), ...spec },
    });
    h.clock.flush();
    runAll();
  }
  const status = () => h.api.get('StatefulSet', 'default', 'web').status!;

  it('records each template once, labels pods with the revision name, and rolls back by renumbering', () => {
    h = createHarness();
    h.start(new StatefulSetController(h.ctx));
    makeSts();
    const [first] = revisions();
    expect(first).toMatchObject({ revision: 1, image: 'nginx:1.27' });
    const cr = h.api.get('ControllerRevision', 'default', first!.name);
    expect(cr.metadata!.labels).toEqual({ app: 'web', 'controller.kubernetes.io/hash': first!.name.slice('web-'.length) });
    expect(cr.metadata!.annotations).toEqual({ 'kubernetes.io/change-cause': 'first' });
    expect(cr.metadata!.ownerReferences![0]).toMatchObject({ kind: 'StatefulSet', name: 'web', controller: true });
    expect(first!.name).toBe(`web-${hashControllerRevision(revisionRaw(cr), 0)}`);
    expect(status()).toMatchObject({ currentRevision: first!.name, updateRevision: first!.name, collisionCount: 0 });

    setImage('StatefulSet', 'web', 'nginx:1.26');
    runAll();
    const second = revisions()[1]!;
    expect(second).toMatchObject({ revision: 2, image: 'nginx:1.26' });
    expect(h.pods().map((p) => p.metadata!.labels!['controller-revision-hash'])).toEqual([second.name, second.name]);
    expect(status()).toMatchObject({ currentRevision: second.name, updateRevision: second.name });

    // Back to the first template: no new revision, the first one becomes revision 3.
    setImage('StatefulSet', 'web', 'nginx:1.27');
    runAll();
    expect(revisions()).toEqual([
      { ...second, revision: 2 },
      { ...first, revision: 3 },
    ]);
    expect(h.pods().map((p) => p.metadata!.labels!['controller-revision-hash'])).toEqual([first!.name, first!.name]);
  });

  it('keeps revisionHistoryLimit revisions that no pod runs', () => {
    h = createHarness();
    h.start(new StatefulSetController(h.ctx));
    makeSts({ revisionHistoryLimit: 1 });
    for (const image of ['nginx:1', 'nginx:2', 'nginx:3']) {
      setImage('StatefulSet', 'web', image);
      runAll();
    }
    expect(revisions().map((r) => [r.revision, r.image])).toEqual([
      [3, 'nginx:2'],
      [4, 'nginx:3'],
    ]);
  });

  it('a name taken by other data bumps the collision count and takes another name', () => {
    h = createHarness();
    const data = templatePatch(template({ app: 'web' }));
    const taken = `web-${hashControllerRevision(goJson(data), 0)}`;
    h.api.create('ControllerRevision', { metadata: { name: taken, namespace: 'default' }, data: { other: true }, revision: 1 });
    h.start(new StatefulSetController(h.ctx));
    makeSts();
    const own = h.store.all('ControllerRevision', 'default');
    const mine = [...own].find((cr) => cr.metadata!.ownerReferences !== undefined)!;
    expect(mine.metadata!.name).toBe(`web-${hashControllerRevision(goJson(data), 1)}`);
    expect(status().collisionCount).toBe(1);
    expect(status().updateRevision).toBe(mine.metadata!.name);
  });
});

describe('DaemonSet revisions', () => {
  afterEach(() => h.stop());
  function makeDs(spec: Partial<NonNullable<DaemonSet['spec']>> = {}): void {
    h.api.create('Node', { metadata: { name: 'worker-1', labels: { 'kubernetes.io/hostname': 'worker-1' } } });
    h.api.create('DaemonSet', {
      metadata: { name: 'agent', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: template({ app: 'agent' }), ...spec },
    });
    h.clock.flush();
    runAll();
  }

  it('names revisions <ds>-<pod template hash>, labels pods with that hash, and rolls back by renumbering', () => {
    h = createHarness();
    h.start(new DaemonSetController(h.ctx));
    makeDs();
    const [first] = revisions();
    expect(first).toMatchObject({ revision: 1, image: 'nginx:1.27' });
    const hash = first!.name.slice('agent-'.length);
    expect(h.api.get('ControllerRevision', 'default', first!.name).metadata!.labels).toEqual({ app: 'agent', 'controller-revision-hash': hash });
    expect(h.pods().map((p) => p.metadata!.labels!['controller-revision-hash'])).toEqual([hash]);

    setImage('DaemonSet', 'agent', 'nginx:1.26');
    runAll();
    const second = revisions()[1]!;
    expect(second).toMatchObject({ revision: 2, image: 'nginx:1.26' });
    setImage('DaemonSet', 'agent', 'nginx:1.27');
    runAll();
    expect(revisions()).toEqual([
      { ...second, revision: 2 },
      { ...first, revision: 3 },
    ]);
    expect(h.pods().map((p) => p.metadata!.labels!['controller-revision-hash'])).toEqual([hash]);
  });

  it('trims old revisions beyond revisionHistoryLimit', () => {
    h = createHarness();
    h.start(new DaemonSetController(h.ctx));
    makeDs({ revisionHistoryLimit: 1 });
    for (const image of ['nginx:1', 'nginx:2', 'nginx:3']) {
      setImage('DaemonSet', 'agent', image);
      runAll();
    }
    expect(revisions().map((r) => [r.revision, r.image])).toEqual([
      [3, 'nginx:2'],
      [4, 'nginx:3'],
    ]);
  });
});
