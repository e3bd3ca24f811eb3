// Retained sizes by owner in a V8 heap snapshot (what memoryProbe.ts --snapshot writes): the
// dominator tree of the snapshot's graph, then, for each object of the named classes (the
// app's state and its tables, the informers, the projector), what each of its fields
// retains — bytes held only through that field — and the largest retainers overall.
//
//   node dist/test/bench/heapOwners.js FILE.heapsnapshot [--classes=AppState,PodTable,…] [--top=40]
//     [--breakdown=TableModel,Informer] (what each named class's objects hold, by kind and field)
// One JSON document on stdout. Not part of `npm run bench`: a tool to look with.
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] }; node_count: number };
  nodes: number[];
  edges: number[];
  strings: string[];
}

const DEFAULT_CLASSES = [
  'AppState',
  'PodTable',
  'TableModel',
  'Informer',
  'KubeSource',
  'ClusterMetrics',
  'EventTable',
  'PodProjector',
  'Interner',
  'TimelineRecorder',
  'DeltaBuffer',
  'FilterFill',
];

export interface Owners {
  totalKB: number;
  top: { name: string; via: string; retainedKB: number; selfB: number }[];
  classes: Record<string, { count: number; retainedKB: number; fields: Record<string, number> }>;
  byType: Record<string, { count: number; selfKB: number }>;
  /** For each class asked to break down: what its dominated objects are, by kind and the field that holds them. */
  breakdown: Record<string, Record<string, { count: number; selfKB: number }>>;
}

export function heapOwners(file: string, classes = DEFAULT_CLASSES, topN = 40, breakdownOf: readonly string[] = []): Owners {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const meta = snap.snapshot.meta;
  const NF = meta.node_fields.length;
  const EF = meta.edge_fields.length;
  const nType = meta.node_fields.indexOf('type');
  const nName = meta.node_fields.indexOf('name');
  const nSelf = meta.node_fields.indexOf('self_size');
  const nEdges = meta.node_fields.indexOf('edge_count');
  const eType = meta.edge_fields.indexOf('type');
  const eName = meta.edge_fields.indexOf('name_or_index');
  const eTo = meta.edge_fields.indexOf('to_node');
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const { nodes, edges, strings } = snap;
  const n = nodes.length / NF;
  const firstEdge = new Uint32Array(n + 1);
  for (let i = 0, e = 0; i < n; i++) {
    firstEdge[i] = e;
    e += nodes[i * NF + nEdges]! * EF;
    firstEdge[i + 1] = e;
  }
  const weak = edgeTypes.indexOf('weak');
  const shortcut = edgeTypes.indexOf('shortcut');
  const followed = (e: number): boolean => {
    const t = edges[e + eType]!;
    return t !== weak && t !== shortcut;
  };
  const target = (e: number): number => edges[e + eTo]! / NF;
  const edgeName = (e: number): string => {
    const t = edgeTypes[edges[e + eType]!];
    const v = edges[e + eName]!;
    return t === 'element' || t === 'hidden' ? `[${v}]` : strings[v]!;
  };
  const nodeName = (i: number): string => `${nodeTypes[nodes[i * NF + nType]!]}:${strings[nodes[i * NF + nName]!]!.slice(0, 60)}`;

  // Depth-first post-order from the root (node 0), iteratively.
  const order = new Int32Array(n).fill(-1); // post-order number
  const byOrder = new Uint32Array(n);
  const stackNode = new Uint32Array(n);
  const stackEdge = new Uint32Array(n);
  const seen = new Uint8Array(n);
  let sp = 0;
  let count = 0;
  stackNode[0] = 0;
  stackEdge[0] = firstEdge[0]!;
  seen[0] = 1;
  sp = 1;
  while (sp > 0) {
    const v = stackNode[sp - 1]!;
    const e = stackEdge[sp - 1]!;
    if (e < firstEdge[v + 1]!) {
      stackEdge[sp - 1] = e + EF;
      if (!followed(e)) continue;
      const w = target(e);
      if (seen[w]) continue;
      seen[w] = 1;
      stackNode[sp] = w;
      stackEdge[sp] = firstEdge[w]!;
      sp++;
    } else {
      order[v] = count;
      byOrder[count++] = v;
      sp--;
    }
  }
  // Predecessors (reachable only), for the iterative dominator algorithm (Cooper, Harvey, Kennedy).
  const predCount = new Uint32Array(n + 1);
  for (let v = 0; v < n; v++) {
    if (!seen[v]) continue;
    for (let e = firstEdge[v]!; e < firstEdge[v + 1]!; e += EF) if (followed(e)) predCount[target(e) + 1]!++;
  }
  for (let i = 0; i < n; i++) predCount[i + 1]! += predCount[i]!;
  const preds = new Uint32Array(predCount[n]!);
  const fill = predCount.slice(0, n);
  for (let v = 0; v < n; v++) {
    if (!seen[v]) continue;
    for (let e = firstEdge[v]!; e < firstEdge[v + 1]!; e += EF) if (followed(e)) preds[fill[target(e)]!++] = v;
  }
  const idom = new Int32Array(n).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (order[a]! < order[b]!) a = idom[a]!;
      while (order[b]! < order[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = count - 1; k >= 0; k--) {
      const v = byOrder[k]!;
      if (v === 0) continue;
      let d = -1;
      for (let p = predCount[v]!; p < predCount[v + 1]!; p++) {
        const u = preds[p]!;
        if (idom[u] === -1) continue;
        d = d === -1 ? u : intersect(u, d);
      }
      if (d !== idom[v]) {
        idom[v] = d;
        changed = true;
      }
    }
  }
  // Retained sizes: children before parents (post-order).
  const retained = new Float64Array(n);
  for (let k = 0; k < count; k++) {
    const v = byOrder[k]!;
    retained[v]! += nodes[v * NF + nSelf]!;
    if (v !== 0) retained[idom[v]!]! += retained[v]!;
  }
  const KB = (b: number): number => Math.round(b / 102.4) / 10;

  const byType: Owners['byType'] = {};
  for (let k = 0; k < count; k++) {
    const v = byOrder[k]!;
    const t = nodeTypes[nodes[v * NF + nType]!]!;
    const key = t === 'object' || t === 'native' ? `${t}:${strings[nodes[v * NF + nName]!]!.slice(0, 40)}` : t;
    const s = (byType[key] ??= { count: 0, selfKB: 0 });
    s.count++;
    s.selfKB += nodes[v * NF + nSelf]! / 1024;
  }
  for (const k of Object.keys(byType)) {
    byType[k]!.selfKB = Math.round(byType[k]!.selfKB * 10) / 10;
    if (byType[k]!.selfKB < 200) delete byType[k];
  }

  // The edge through which each node's dominator reaches it, for naming the top retainers.
  const via = (v: number): string => {
    const d = idom[v]!;
    for (let e = firstEdge[d]!; e < firstEdge[d + 1]!; e += EF) if (target(e) === v) return `${nodeName(d)}.${edgeName(e)}`;
    return nodeName(d);
  };
  const candidates: number[] = [];
  for (let k = 0; k < count; k++) {
    const v = byOrder[k]!;
    const t = nodeTypes[nodes[v * NF + nType]!];
    if (t === 'synthetic') continue;
    candidates.push(v);
  }
  candidates.sort((a, b) => retained[b]! - retained[a]!);
  const top: Owners['top'] = [];
  for (const v of candidates) {
    if (top.length >= topN) break;
    top.push({ name: nodeName(v), via: via(v), retainedKB: KB(retained[v]!), selfB: nodes[v * NF + nSelf]! });
  }

  const wanted = new Set(classes);
  const out: Owners['classes'] = {};
  for (let v = 0; v < n; v++) {
    if (!seen[v] || nodeTypes[nodes[v * NF + nType]!] !== 'object') continue;
    const name = strings[nodes[v * NF + nName]!]!;
    if (!wanted.has(name)) continue;
    const c = (out[name] ??= { count: 0, retainedKB: 0, fields: {} });
    c.count++;
    c.retainedKB += KB(retained[v]!);
    for (let e = firstEdge[v]!; e < firstEdge[v + 1]!; e += EF) {
      if (!followed(e)) continue;
      const w = target(e);
      if (idom[w] !== v) continue;
      const f = edgeName(e);
      c.fields[f] = Math.round(((c.fields[f] ?? 0) + KB(retained[w]!)) * 10) / 10;
    }
  }
  for (const c of Object.values(out)) {
    c.retainedKB = Math.round(c.retainedKB * 10) / 10;
    c.fields = Object.fromEntries(Object.entries(c.fields).filter(([, kb]) => kb >= 1).sort((a, b) => b[1] - a[1]));
  }
  // Break down: every node in the dominator subtree of a class's objects, labelled by what it is
  // and the field of its dominator that holds it (a string's role shows in that field's name).
  const breakdown: Owners['breakdown'] = {};
  const children = new Map<number, number[]>();
  if (breakdownOf.length > 0) {
    for (let k = 0; k < count; k++) {
      const v = byOrder[k]!;
      if (v === 0) continue;
      const d = idom[v]!;
      let list = children.get(d);
      if (!list) children.set(d, (list = []));
      list.push(v);
    }
  }
  const label = (v: number): string => {
    const t = nodeTypes[nodes[v * NF + nType]!]!;
    const d = idom[v]!;
    let field = '?';
    for (let e = firstEdge[d]!; e < firstEdge[d + 1]!; e += EF) {
      if (target(e) === v) {
        field = edgeName(e);
        break;
      }
    }
    if (/^\[?\d+\]?$/.test(field)) field = '[]';
    const dn = nodeTypes[nodes[d * NF + nType]!] === 'object' ? strings[nodes[d * NF + nName]!]!.slice(0, 30) : nodeTypes[nodes[d * NF + nType]!]!;
    const what = t === 'object' || t === 'closure' ? `${t}:${strings[nodes[v * NF + nName]!]!.slice(0, 30)}` : t;
    return `${what} <- ${dn}.${field}`;
  };
  for (const cls of breakdownOf) {
    const groups: Record<string, { count: number; selfKB: number }> = {};
    const stack: number[] = [];
    for (let v = 0; v < n; v++) if (seen[v] && nodeTypes[nodes[v * NF + nType]!] === 'object' && strings[nodes[v * NF + nName]!] === cls) stack.push(v);
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const w of children.get(v) ?? []) {
        const g = (groups[label(w)] ??= { count: 0, selfKB: 0 });
        g.count++;
        g.selfKB += nodes[w * NF + nSelf]! / 1024;
        stack.push(w);
      }
    }
    breakdown[cls] = Object.fromEntries(
      Object.entries(groups)
        .map(([k, g]) => [k, { count: g.count, selfKB: Math.round(g.selfKB * 10) / 10 }] as const)
        .filter(([, g]) => g.selfKB >= 20)
        .sort((a, b) => b[1].selfKB - a[1].selfKB),
    );
  }
  return { totalKB: KB(retained[0]!), top, classes: out, byType, breakdown };
}

if (process.argv[1]?.endsWith('heapOwners.js')) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: node dist/test/bench/heapOwners.js FILE.heapsnapshot [--classes=A,B] [--top=40]\n');
    process.exit(2);
  }
  const classesArg = args.find((a) => a.startsWith('--classes='))?.slice('--classes='.length);
  const topArg = args.find((a) => a.startsWith('--top='))?.slice('--top='.length);
  const breakdownArg = args.find((a) => a.startsWith('--breakdown='))?.slice('--breakdown='.length);
  const result = heapOwners(file, classesArg ? classesArg.split(',') : DEFAULT_CLASSES, topArg ? Number(topArg) : 40, breakdownArg ? breakdownArg.split(',') : []);
  process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
}
