// The heap bench's measuring half (heap.ts starts it with --expose-gc): live heap per pod of
// the pods as parsed from the wire (what the list kept before issue 15: every whole object),
// and of the pod list holding them (PodTable: its entries and their projections), each after
// a full GC and with nothing else alive; then the same for the cluster's Events (as parsed, and
// held by the EventTable the WHY column, the pod view and the events view read).
import { readFileSync } from 'node:fs';
import type { Event, Pod } from '../../src/kube/types.js';
import { EventTable } from '../../src/state/eventTable.js';
import { PodTable } from '../../src/state/podTable.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('heapChild: run with --expose-gc');

function settledHeap(): number {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage().heapUsed;
}

const file = process.argv[2]!;
const eventFile = process.argv[3]!;
const readLines = (from = file): string[] => readFileSync(from, 'utf8').split('\n').filter((l) => l !== '');

/** Heap held by what `keep` returns, the lines it was made from gone; measured in a function so nothing else stays alive. */
function heldBy(keep: (lines: string[]) => unknown, from = file): { bytes: number; ms: number; kept: unknown } {
  const base = settledHeap();
  const lines = readLines(from);
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

listed.kept = undefined;

const eventSample = readLines(eventFile);
const events = eventSample.length;
const eventJsonBytes = eventSample.reduce((n, l) => n + Buffer.byteLength(l), 0);
eventSample.length = 0;
const wholeEvents = heldBy((lines) => lines.map((l) => JSON.parse(l) as Event), eventFile);
wholeEvents.kept = undefined;
// The event table keeping every event (the events view open), filled as a first sync fills it: one RESET of the parsed events.
const eventTable = heldBy((lines) => {
  const table = new EventTable();
  table.setFull(true);
  table.apply([{ type: 'RESET', objects: lines.map((l) => JSON.parse(l) as Event) }]);
  if (table.size !== events) throw new Error(`heapChild: the event table holds ${table.size} of ${events} events`);
  return table;
}, eventFile);

eventTable.kept = undefined;
// The background store as the TUI keeps it: Warnings, the diagnosis' reasons, each container's newest step, the newest EVENT_TAIL.
let boundedEvents = 0;
const boundedTable = heldBy((lines) => {
  const table = new EventTable();
  table.apply([{ type: 'RESET', objects: lines.map((l) => JSON.parse(l) as Event) }]);
  boundedEvents = table.size;
  return table;
}, eventFile);

const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d;
process.stdout.write(
  `${JSON.stringify({
    pods,
    jsonBytesPerPod: Math.round(jsonBytes / pods),
    wholeObjectKBPerPod: round(whole.bytes / 1024 / pods),
    tableKBPerPod: round(listed.bytes / 1024 / pods),
    tableApplyMs: Math.round(listed.ms),
    events,
    eventJsonBytes: Math.round(eventJsonBytes / events),
    wholeEventKB: round(wholeEvents.bytes / 1024 / events, 3),
    eventTableKB: round(eventTable.bytes / 1024 / events, 3),
    wholeEventsKBPerPod: round(wholeEvents.bytes / 1024 / pods),
    eventTableKBPerPod: round(eventTable.bytes / 1024 / pods),
    eventTableApplyMs: Math.round(eventTable.ms),
    boundedEvents,
    boundedEventTableKBPerPod: round(boundedTable.bytes / 1024 / pods),
    boundedEventTableApplyMs: Math.round(boundedTable.ms),
    rssMB: round(process.memoryUsage().rss / 1024 / 1024, 1),
  })}\n`,
);
