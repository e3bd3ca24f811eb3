// The list item picker (src/kube/listItemPicker.ts) against JSON.parse: for each document and
// Pick, the items it hands over equal the parsed document's items pruned to the Pick, however
// the text is cut into pieces; a malformed or incomplete document is refused.
import { describe, expect, it } from 'vitest';
import { ListItemPicker, ListPickError, type Pick } from '../../../src/kube/listItemPicker.js';

/** What the picker is to hand over, computed from the whole parsed document. */
function prune(value: unknown, pick: Pick): unknown {
  if (pick === true) return value;
  if (Array.isArray(pick)) {
    if (!Array.isArray(value)) return undefined;
    return value.map((v) => prune(v, pick[0] as Pick)).filter((v) => v !== undefined);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!Object.hasOwn(pick, k)) continue;
    const p = prune(v, (pick as Record<string, Pick>)[k]!);
    if (p !== undefined) out[k] = p;
  }
  return out;
}

function expected(doc: string, pick: Pick): unknown[] {
  const items = (JSON.parse(doc) as { items?: unknown[] | null }).items;
  return Array.isArray(items) ? (prune(items, [pick]) as unknown[]) : [];
}

function pickIn(pieces: string[], pick: Pick): unknown[] {
  const out: unknown[] = [];
  const picker = new ListItemPicker(pick, (item) => out.push(item));
  for (const p of pieces) picker.write(p);
  picker.end();
  return out;
}

const METRICS_PICK: Pick = { metadata: { name: true, namespace: true }, containers: [{ usage: { cpu: true, memory: true } }] };

const podMetrics = (i: number): object => ({
  kind: 'PodMetrics',
  apiVersion: 'metrics.k8s.io/v1beta1',
  metadata: { name: `web-${i}-7d9f8c6b5-x${i}z`, namespace: `team-${i % 3}`, creationTimestamp: '2026-12-06T10:00:00Z', labels: { app: 'web', 'pod-template-hash': '7d9f8c6b5' } },
  timestamp: '2026-12-06T10:00:00Z',
  window: '15s',
  containers: [
    { name: 'app', usage: { cpu: `${1000 + i}n`, memory: `${5000 + i}Ki` } },
    { name: 'sidecar', usage: { cpu: '2m', memory: '1Mi' } },
  ],
});

const DOCS: [string, string, Pick][] = [
  ['a metrics list', JSON.stringify({ kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items: [0, 1, 2].map(podMetrics) }), METRICS_PICK],
  ['items before the other keys, spaced out', `{ "items" : [ {"metadata":{"name":"a","namespace":"n"} , "containers" : [ ] } ] ,\n\t"kind" : "PodMetricsList" , "metadata":{"x":[1,2,{"y":null}]}}`, METRICS_PICK],
  ['no items', '{"kind":"PodMetricsList","metadata":{}}', METRICS_PICK],
  ['null items', '{"kind":"PodMetricsList","items":null}', METRICS_PICK],
  ['empty items', '{"items":[]}', METRICS_PICK],
  ['escapes in kept and skipped strings', String.raw`{"items":[{"metadata":{"name":"a\"b\\c\u00e9\n-long-enough-to-be-sliced","namespace":"\u0041"},"note":"x\\\"y\\","containers":[{"usage":{"cpu":"1\"n"}}]}]}`, METRICS_PICK],
  ['non-ASCII text', '{"items":[{"metadata":{"name":"pöd-名前-🚀-long-name-here","namespace":"ns"},"containers":[]}]}', METRICS_PICK],
  ['values of another type than the Pick left out', '{"items":[{"metadata":"oops","containers":{"usage":1}},{"metadata":{"name":{"x":1},"namespace":["a"]}},7,"s",null,[1]]}', METRICS_PICK],
  ['literals taken whole', '{"items":[{"a":-1.5e+3,"b":true,"c":false,"d":null,"e":0,"f":[1,-2,3.25]},{"a":12345678901234567890}]}', { a: true, b: true, c: true, d: true, e: true, f: true }],
  ['objects and arrays taken whole', '{"items":[{"metadata":{"labels":{"a":"1","b":{"c":[true,null,"x"]}},"name":"n"},"skip":{"deep":[[[{}]]]}}]}', { metadata: true }],
  ['nested arrays picked element by element', '{"items":[{"m":[[{"a":1,"b":2}],[{"a":3}],[]]}]}', { m: [[{ a: true }]] }],
  ['a key named like a prototype key', '{"items":[{"constructor":"c","toString":"t","__proto__":{"x":1},"name":"n"}]}', { name: true }],
];

/** Every way to cut the text in two and in three (the small documents), or into pieces of each size from 1 to 64. */
function cuttings(doc: string): string[][] {
  const out: string[][] = [[doc]];
  if (doc.length <= 400) {
    for (let i = 0; i <= doc.length; i++) {
      out.push([doc.slice(0, i), doc.slice(i)]);
      for (let j = i; j <= doc.length; j += 7) out.push([doc.slice(0, i), doc.slice(i, j), doc.slice(j)]);
    }
  }
  for (let size = 1; size <= 64; size++) {
    const pieces: string[] = [];
    for (let i = 0; i < doc.length; i += size) pieces.push(doc.slice(i, i + size));
    out.push(pieces);
  }
  return out;
}

describe('ListItemPicker', () => {
  it.each(DOCS)('%s: the items JSON.parse would give, pruned to the Pick, however the text is cut', (_name, doc, pick) => {
    const want = expected(doc, pick);
    for (const pieces of cuttings(doc)) expect(pickIn(pieces, pick)).toEqual(want);
  });

  it('hands each item over as it completes, before the document ends', () => {
    const seen: unknown[] = [];
    const picker = new ListItemPicker({ n: true }, (item) => seen.push(item));
    picker.write('{"items":[{"n":1},{"n":');
    expect(seen).toEqual([{ n: 1 }]);
    picker.write('2}]');
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    picker.write('}');
    picker.end();
  });

  it('a long metrics list: the same items as JSON.parse, in 64 KiB pieces', () => {
    const doc = JSON.stringify({ kind: 'PodMetricsList', items: Array.from({ length: 5000 }, (_, i) => podMetrics(i)) });
    const pieces: string[] = [];
    for (let i = 0; i < doc.length; i += 65_536) pieces.push(doc.slice(i, i + 65_536));
    expect(pickIn(pieces, METRICS_PICK)).toEqual(expected(doc, METRICS_PICK));
  });

  it.each([
    ['an array for a document', '[{"items":[]}]'],
    ['a string for a document', '"items"'],
    ['a missing colon', '{"items" []}'],
    ['a missing comma', '{"items":[{"a":1} {"a":2}]}'],
    ['a wrong closing bracket', '{"items":[{"a":1}}}'],
    ['a key that is not a string', '{items:[]}'],
    ['a bad literal in a kept value', '{"items":[{"a":tru}]}'],
    ['a bad escape in a kept string', String.raw`{"items":[{"a":"\q"}]}`],
    ['text after the document', '{"items":[]} x'],
    ['no value', '{"items":[{"a":}]}'],
  ])('refuses %s', (_name, doc) => {
    expect(() => pickIn([doc], { a: true })).toThrow(ListPickError);
  });

  it.each([
    ['the middle of an item', '{"items":[{"a":1'],
    ['the middle of a string', '{"items":[{"a":"x'],
    ['an escape', '{"items":[{"a":"x\\'],
    ['the middle of a literal', '{"items":[{"a":12'],
    ['before the outer object closes', '{"items":[]'],
    ['nothing', ''],
  ])('refuses a document that ends in %s', (_name, doc) => {
    expect(() => pickIn([doc], { a: true })).toThrow(/ends early/);
  });
});
