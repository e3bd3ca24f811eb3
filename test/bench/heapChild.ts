// The heap bench's measuring half (heap.ts starts it with --expose-gc): live heap per pod of
// the pods as parsed from the wire (what the list kept before issue 15: every whole object),
// and of the pod list holding them (PodTable: its entries and their projections), each after
// a full GC and with nothing else alive.
import { readFileSync } from 'node:fs';
import type { Pod } from '../../src/kube/types.js';
import { PodTable } from '../../src/state/podTable.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('heapChild: run with --expose-gc');

function settledHeap(): number {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage().heapUsed;
}

const file = process.argv[2]!;
const readLines = (): string[] => readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');

/** Heap held by what `keep` returns, the lines it was made from gone; measured in a function so nothing else stays alive. */
function heldBy(keep: (lines: string[]) => unknown): { bytes: number; ms: number; kept: unknown } {
  const base = settledHeap();
  const lines = readLines();
  const t0 = performance.now();
  const kept = keep(lines);
  const ms = performance.now() - t0;
  lines.length = 0;
  return { bytes: settledHeap() - base, ms, kept };
}

const sample = readLines();
const pods = sample.length;
const jsonBytes = sample.reduce((n, l) => n + Buffer.byteLength(l), 0);
sample.length = 0;

// Whole objects, as parsed.
const whole = heldBy((lines) => lines.map((l) => JSON.parse(l) as Pod));
whole.kept = undefined;
// The pod list: parsed objects go in as one RESET (a first sync), and only the table keeps anything.
const listed = heldBy((lines) => {
  const table = new PodTable();
  table.apply([{ type: 'RESET', objects: lines.map((l) => JSON.parse(l) as Pod) }]);
  if (table.size !== pods) throw new Error(`heapChild: the table holds ${table.size} of ${pods} pods`);
  return table;
});

const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d;
process.stdout.write(
  `${JSON.stringify({
    pods,
    jsonBytesPerPod: Math.round(jsonBytes / pods),
    wholeObjectKBPerPod: round(whole.bytes / 1024 / pods),
    tableKBPerPod: round(listed.bytes / 1024 / pods),
    tableApplyMs: Math.round(listed.ms),
    rssMB: round(process.memoryUsage().rss / 1024 / 1024, 1),
  })}\n`,
);
