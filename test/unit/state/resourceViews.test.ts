// The pure parts of the resource views: which pods belong to an object, owners, the
// resource table (restriction, filter, faulty, sort), the confirm dialog's field, CSV,
// OSC 52, dump names and kubectl rollout restart's patch.
import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../../../src/kube/types.js';
import { eraseDigit, moveFocus, typeDigit, type ConfirmDialog } from '../../../src/state/confirmDialog.js';
import { isFaultySummary } from '../../../src/state/faulty.js';
import { ownerOf, podScopeOf } from '../../../src/state/relations.js';
import { restartPatch } from '../../../src/state/resourceActions.js';
import { ResourceTable } from '../../../src/state/resourceTable.js';
import { csvField, toCsv } from '../../../src/state/tableCsv.js';
import { osc52 } from '../../../src/ui/clipboard.js';
import { dumpDir, dumpName } from '../../../src/ui/saveTable.js';

const pod = (name: string, labels: Record<string, string>, extra: Partial<Pod> = {}): Pod => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, labels, creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: { containers: [{ name: 'c', image: 'i' }], nodeName: 'n1' },
  ...extra,
});

describe('podScopeOf', () => {
  const cases: [string, string, KubeObject, Pod, boolean | string][] = [
    ['deployment matchLabels', 'Deployment', { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } } } } as KubeObject, pod('a', { app: 'web' }), true],
    ['deployment other labels', 'Deployment', { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } } } } as KubeObject, pod('a', { app: 'db' }), false],
    ['job matchExpressions', 'Job', { metadata: { name: 'j', namespace: 'default' }, spec: { selector: { matchExpressions: [{ key: 'batch', operator: 'Exists' }] } } } as KubeObject, pod('a', { batch: '1' }), true],
    ['service map', 'Service', { metadata: { name: 's', namespace: 'default' }, spec: { selector: { app: 'web' } } } as KubeObject, pod('a', { app: 'web' }), true],
    ['service without selector', 'Service', { metadata: { name: 's', namespace: 'default' }, spec: {} } as KubeObject, pod('a', {}), 'service s has no selector: its endpoints are managed by hand'],
    ['node by nodeName', 'Node', { metadata: { name: 'n1' } }, pod('a', {}), true],
    ['other node', 'Node', { metadata: { name: 'n2' } }, pod('a', {}), false],
    ['empty selector', 'ReplicaSet', { metadata: { name: 'r', namespace: 'default' }, spec: { selector: {} } } as KubeObject, pod('a', {}), 'replicaset r has an empty selector'],
  ];
  it.each(cases)('%s', (_, kind, obj, p, want) => {
    const scope = podScopeOf(kind, obj);
    if (typeof want === 'string') expect(scope).toBe(want);
    else {
      expect(typeof scope).toBe('object');
      expect((scope as Exclude<typeof scope, string>).matches(p)).toBe(want);
    }
  });
  it('a node covers every namespace; a workload its own', () => {
    expect((podScopeOf('Node', { metadata: { name: 'n1' } }) as { namespace: unknown }).namespace).toBeUndefined();
    expect((podScopeOf('Deployment', { metadata: { name: 'w', namespace: 'shop' }, spec: { selector: { matchLabels: { a: 'b' } } } } as KubeObject) as { namespace: unknown }).namespace).toBe('shop');
  });
});

describe('ownerOf', () => {
  it.each([
    ['controller wins', [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: '1' }, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: '2', controller: true }], 'ReplicaSet/rs'],
    ['first owner without a controller', [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: '1' }], 'X/x'],
    ['none', [], undefined],
  ] as const)('%s', (_, refs, want) => {
    const o = ownerOf({ metadata: { name: 'p', namespace: 'default', ownerReferences: [...refs] } });
    expect(o ? `${o.kind}/${o.name}` : undefined).toBe(want);
  });
});

describe('ResourceTable', () => {
  const objs = [pod('web-1', { app: 'web' }), pod('web-2', { app: 'web' }), pod('db-1', { app: 'db' })];
  it('keeps only what the restriction accepts; a modified object that stops matching leaves', () => {
    const t = new ResourceTable('Pod', (o) => o.metadata?.labels?.['app'] === 'web');
    t.apply([{ type: 'RESET', objects: objs }]);
    expect(t.all().map((r) => r.name)).toEqual(['web-1', 'web-2']);
    t.apply([{ type: 'MODIFIED', object: pod('web-2', { app: 'other' }) }]);
    expect(t.all().map((r) => r.name)).toEqual(['web-1']);
  });
  it('filters with the pod list language and sorts by name or age', () => {
    const t = new ResourceTable('Pod');
    t.apply([{ type: 'RESET', objects: objs }]);
    t.setFilter('-l app=web');
    expect(t.all().map((r) => r.name)).toEqual(['web-1', 'web-2']);
    t.setFilter('!web');
    expect(t.all().map((r) => r.name)).toEqual(['db-1']);
    t.setFilter('');
    t.toggleSort('name');
    expect(t.all().map((r) => r.name)).toEqual(['web-2', 'web-1', 'db-1']);
  });
  it('cells are the printer columns; wide adds the priority-1 ones', () => {
    const t = new ResourceTable('Pod');
    t.apply([{ type: 'RESET', objects: objs }]);
    expect(t.columns(false).map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    expect(t.columns(true).map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    const [row] = t.cells([t.all()[0]!], Date.parse('2026-01-01T00:01:00Z'), false);
    expect(row).toEqual(['db-1', '0/1', '', '0', '60s']); // no status yet: the printer's phase is empty, as kubectl prints it
  });
  it('ctrl-z keeps faulty pods only', () => {
    const t = new ResourceTable('Pod');
    const running = pod('ok', {}, { status: { phase: 'Running', containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: true, restartCount: 0, state: { running: {} } }] } });
    t.apply([{ type: 'RESET', objects: [running, pod('pending', {})] }]);
    t.setFaulty(true);
    expect(t.all().map((r) => r.name)).toEqual(['pending']);
  });
});

describe('isFaultySummary', () => {
  it.each([
    ['Running', 1, 1, false],
    ['Running', 0, 1, true],
    ['Completed', 0, 1, false],
    ['CrashLoopBackOff', 0, 1, true],
    ['Pending', 0, 1, true],
  ] as const)('%s %d/%d → %s', (status, ready, total, want) => {
    expect(isFaultySummary({ status, ready, total, restarts: 0, lastRestartMs: NaN })).toBe(want);
  });
});

describe('confirm dialog', () => {
  const d: ConfirmDialog = { title: 't', lines: [], field: { label: 'Replicas', text: '3', edited: false }, focus: 'field', run: () => undefined };
  it('the first digit replaces the prefilled value; later ones append; leading zeros go', () => {
    expect(typeDigit(d, '5').field!.text).toBe('5');
    expect(typeDigit(typeDigit(d, '1'), '2').field!.text).toBe('12');
    expect(typeDigit(typeDigit(d, '0'), '7').field!.text).toBe('7');
    expect(eraseDigit(d).field!.text).toBe('');
  });
  it('focus cycles field → OK → Cancel', () => {
    expect(moveFocus(d, 1).focus).toBe('ok');
    expect(moveFocus(moveFocus(d, 1), 1).focus).toBe('cancel');
    expect(moveFocus(d, -1).focus).toBe('cancel');
  });
});

describe('CSV, OSC 52, dumps, restart patch', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
  ])('csvField(%j)', (v, want) => expect(csvField(v)).toBe(want));
  it('rows end in CRLF', () => expect(toCsv([['A', 'B'], ['1', '2']])).toBe('A,B\r\n1,2\r\n'));
  it('OSC 52 carries base64', () => expect(osc52('web-1')).toBe('\u001b]52;c;d2ViLTE=\u0007'));
  it('dump files go to PODSCOPE_DUMP_DIR, else the XDG state dir', () => {
    expect(dumpDir({ PODSCOPE_DUMP_DIR: '/d' })).toBe('/d');
    expect(dumpDir({ XDG_STATE_HOME: '/s' })).toBe('/s/podscope/dumps');
    expect(dumpName('kind-dev/x', 'pods', new Date('2026-01-02T03:04:05.678Z'))).toBe('kind-dev_x-pods-20260102T030405.csv');
  });
  it('restart sets the template annotation kubectl rollout restart sets', () => {
    expect(restartPatch(Date.parse('2026-01-02T03:04:05.678Z'))).toEqual({
      spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-02T03:04:05Z' } } } },
    });
  });
});
