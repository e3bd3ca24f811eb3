// heapOwners reads a V8 heap snapshot's graph: what each object alone keeps alive (its
// dominator subtree), by field and by kind. A hand-made snapshot whose answer is known.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heapOwners } from '../../bench/heapOwners.js';

const NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'];
const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape'];
const EDGE_FIELDS = ['type', 'name_or_index', 'to_node'];
const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];

interface Node {
  type: string;
  name: string;
  self: number;
  edges: [type: string, name: string | number, to: number][];
}

/** A snapshot file of these nodes (node 0 is the root). */
function snapshotOf(nodes: Node[]): string {
  const strings: string[] = [];
  const str = (s: string): number => {
    const i = strings.indexOf(s);
    return i >= 0 ? i : strings.push(s) - 1;
  };
  const flatNodes: number[] = [];
  const flatEdges: number[] = [];
  nodes.forEach((n, i) => {
    flatNodes.push(NODE_TYPES.indexOf(n.type), str(n.name), i + 1, n.self, n.edges.length, 0, 0);
    for (const [type, name, to] of n.edges) flatEdges.push(EDGE_TYPES.indexOf(type), type === 'element' ? (name as number) : str(String(name)), to * NODE_FIELDS.length);
  });
  return JSON.stringify({
    snapshot: { meta: { node_fields: NODE_FIELDS, node_types: [NODE_TYPES], edge_fields: EDGE_FIELDS, edge_types: [EDGE_TYPES] }, node_count: nodes.length },
    nodes: flatNodes,
    edges: flatEdges,
    strings,
  });
}

/** Sizes in KB, so each shows in the KB figures. */
const K = 1024;

const dir = mkdtempSync(join(tmpdir(), 'podscope-heapowners-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('heapOwners', () => {
  // root -> Table; Table.rows -> Map -> [entry A, entry B]; Table.cache -> Informer-like Map -> [entry B];
  // root -> Informer -> cache -> that same map. Entry B is reachable two ways: neither owner alone holds it.
  const file = join(dir, 'small.heapsnapshot');
  writeFileSync(
    file,
    snapshotOf([
      /* 0 */ { type: 'synthetic', name: '', self: 0 * K, edges: [['element', 1, 1], ['element', 2, 6]] },
      /* 1 */ { type: 'object', name: 'Table', self: 40 * K, edges: [['property', 'rows', 2], ['property', 'note', 5]] },
      /* 2 */ { type: 'object', name: 'Map', self: 32 * K, edges: [['internal', 'table', 3]] },
      /* 3 */ { type: 'array', name: '', self: 100 * K, edges: [['internal', '1', 4], ['internal', '2', 8]] },
      /* 4 */ { type: 'object', name: 'Entry', self: 96 * K, edges: [['property', 'name', 7]] },
      /* 5 */ { type: 'string', name: 'a note', self: 24 * K, edges: [] },
      /* 6 */ { type: 'object', name: 'Informer', self: 50 * K, edges: [['property', 'cache', 9], ['weak', 'seen', 4]] },
      /* 7 */ { type: 'string', name: 'pod-a', self: 40 * K, edges: [] },
      /* 8 */ { type: 'object', name: 'Entry', self: 96 * K, edges: [] },
      /* 9 */ { type: 'object', name: 'Map', self: 32 * K, edges: [['internal', 'table', 10]] },
      /* 10 */ { type: 'array', name: '', self: 60 * K, edges: [['internal', '1', 8]] },
    ]),
  );
  const owners = heapOwners(file, ['Table', 'Informer'], 3, ['Table']);

  it('counts what an owner alone keeps, not what it shares or holds weakly', () => {
    // Table: itself, its Map and table, entry A and its name, the note; not entry B (the Informer holds it too).
    expect(owners.classes.Table!.retainedKB).toBe(40 + 32 + 100 + 96 + 40 + 24);
    // The Informer's weak edge to entry A does not make it an owner of A.
    expect(owners.classes.Informer!.retainedKB).toBe(50 + 32 + 60);
    expect(owners.totalKB).toBe(40 + 32 + 100 + 96 + 24 + 50 + 40 + 96 + 32 + 60);
  });

  it('breaks an owner down by field, and by kind and the field that holds each object', () => {
    expect(owners.classes.Table!.fields).toEqual({ rows: 32 + 100 + 96 + 40, note: 24 });
    expect(owners.classes.Informer!.fields).toEqual({ cache: 32 + 60 });
    expect(owners.top.map((t) => t.name)).toEqual(['object:Table', 'object:Map', 'array:']);
    expect(owners.top[1]!.via).toBe('object:Table.rows');
    expect(owners.breakdown.Table).toEqual({
      'array <- Map.table': { count: 1, selfKB: 100 },
      'object:Entry <- array.[]': { count: 1, selfKB: 96 },
      'string <- Entry.name': { count: 1, selfKB: 40 },
      'object:Map <- Table.rows': { count: 1, selfKB: 32 },
      'string <- Table.note': { count: 1, selfKB: 24 },
    });
  });
});
