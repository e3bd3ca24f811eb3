import { describe, expect, it } from 'vitest';
import type { DeltaLogLine } from '../../../src/cli/deltaLog.js';
import { absorbedPerSecond, lagOf, MAX_LAG_GROWTH_MS, MAX_LAG_P95_MS, percentile, type LagSummary } from '../../bench/churnLag.js';
import type { WriteRecord } from '../../bench/churnWriter.js';

const T0 = 1_000_000;

/** Writes 1..n sent every `everyMs` from T0, all taken by the server. */
function writes(n: number, everyMs: number): WriteRecord[] {
  return Array.from({ length: n }, (_, i) => ({ seq: i + 1, sentMs: T0 + i * everyMs, ackMs: T0 + i * everyMs + 1 }));
}

/** One frame per write, `lag(i)` after it, counting one delta each. */
function drawn(ws: WriteRecord[], lag: (i: number) => number): DeltaLogLine[] {
  return ws.map((w, i) => ({ t: w.sentMs + lag(i), deltas: 1, seqs: [w.seq] }));
}

describe('lagOf', () => {
  const ten = writes(10, 100); // 1 s of writes, 10 a second
  it.each<{ name: string; lines: DeltaLogLine[]; want: Partial<LagSummary> }>([
    {
      name: 'a steady 50 ms behind: bounded',
      lines: drawn(ten, () => 50),
      want: { acked: 10, ackedPerSecond: 10, unseen: 0, ackP50Ms: 1, ackP95Ms: 1, p50Ms: 50, p95Ms: 50, maxMs: 50, firstThirdP50Ms: 50, lastThirdP50Ms: 50, deltasPerSecond: 10, bounded: true },
    },
    {
      name: 'a lag growing 100 ms a write: falling behind, not bounded',
      lines: drawn(ten, (i) => 10 + i * 100),
      want: { p50Ms: 410, maxMs: 910, firstThirdP50Ms: 110, lastThirdP50Ms: 810, bounded: false },
    },
    {
      name: 'steady but further behind than the p95 limit: not bounded',
      lines: drawn(ten, () => MAX_LAG_P95_MS + 1),
      want: { p95Ms: MAX_LAG_P95_MS + 1, bounded: false },
    },
    {
      name: 'growth within the allowance: bounded',
      lines: drawn(ten, (i) => 100 + (i >= 7 ? MAX_LAG_GROWTH_MS : 0)),
      want: { firstThirdP50Ms: 100, lastThirdP50Ms: 100 + MAX_LAG_GROWTH_MS, bounded: true },
    },
    {
      name: 'a write never drawn: unseen, not bounded',
      lines: drawn(ten, () => 50).filter((l) => !l.seqs.includes(5)),
      want: { unseen: 1, bounded: false },
    },
    {
      name: 'one frame drawing every write: each lag from its own send time',
      lines: [{ t: T0 + 1_000, deltas: 10, seqs: ten.map((w) => w.seq) }],
      want: { p50Ms: 500, maxMs: 1_000, p95Ms: 1_000, bounded: true },
    },
    {
      name: 'a write drawn twice counts its first frame',
      lines: [...drawn(ten, () => 20), { t: T0 + 5_000, deltas: 1, seqs: [3] }],
      want: { maxMs: 20, deltasPerSecond: 10 },
    },
  ])('$name', ({ lines, want }) => {
    expect(lagOf(ten, lines, T0, T0 + 1_000)).toMatchObject(want);
  });

  it('counts writes the server refused as failed, and their stamps are never waited for', () => {
    const ws: WriteRecord[] = [...writes(2, 100), { seq: 3, sentMs: T0 + 200, failed: 'HTTP 409' }];
    expect(lagOf(ws, drawn(ws.slice(0, 2), () => 30), T0, T0 + 300)).toMatchObject({ acked: 2, failed: 1, unseen: 0, bounded: true });
  });

  it('counts every pod delta applied in the step, stamped or not, and none outside it', () => {
    const lines: DeltaLogLine[] = [
      { t: T0 - 1, deltas: 500, seqs: [] },
      { t: T0 + 100, deltas: 40, seqs: [1] },
      { t: T0 + 1_999, deltas: 60, seqs: [] },
      { t: T0 + 2_000, deltas: 700, seqs: [] },
    ];
    expect(lagOf(writes(1, 0), lines, T0, T0 + 2_000).deltasPerSecond).toBe(50);
  });

  it('is not bounded when nothing was taken', () => {
    expect(lagOf([{ seq: 1, sentMs: T0, failed: 'ECONNRESET' }], [], T0, T0 + 1_000)).toMatchObject({ acked: 0, bounded: false });
  });
});

describe('absorbedPerSecond', () => {
  const step = (ackedPerSecond: number, bounded: boolean): LagSummary => ({ ...lagOf([], [], T0, T0 + 1), ackedPerSecond, bounded });
  it.each([
    { steps: [step(500, true), step(1_000, true), step(2_000, false)], want: 1_000 },
    { steps: [step(500, true), step(1_000, false), step(1_200, true)], want: 1_200 },
    { steps: [step(500, false)], want: 0 },
    { steps: [], want: 0 },
  ])('$want', ({ steps, want }) => {
    expect(absorbedPerSecond(steps)).toBe(want);
  });
});

describe('percentile', () => {
  it.each([
    { values: [], p: 0.5, want: NaN },
    { values: [7], p: 0.95, want: 7 },
    { values: [3, 1, 2], p: 0.5, want: 2 },
    { values: [1, 2, 3, 4], p: 0.5, want: 2 },
    { values: Array.from({ length: 100 }, (_, i) => i + 1), p: 0.95, want: 95 },
  ])('p$p of $values.length values', ({ values, p, want }) => {
    expect(percentile(values, p)).toBe(want);
  });
});
