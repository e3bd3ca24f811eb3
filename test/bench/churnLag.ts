// How far behind the screen is: the churn writer's records (when each stamped write was sent,
// whether the server took it) against the TUI's delta log (src/cli/deltaLog.ts: when each
// frame was drawn and which stamps it was the first to show). Pure, so it is tested on its own.
import type { DeltaLogLine } from '../../src/cli/deltaLog.js';
import type { WriteRecord } from './churnWriter.js';

/** Lag may grow this much from a step's first third to its last and still count as bounded. */
export const MAX_LAG_GROWTH_MS = 250;
/** A screen further behind than this (p95) is not live, however steady. */
export const MAX_LAG_P95_MS = 1_000;

export interface LagSummary {
  /** Writes the server took, and the rate it took them at (per second of the step). */
  acked: number;
  ackedPerSecond: number;
  /** Writes the server refused or never answered. */
  failed: number;
  /** Taken writes that never reached the screen. */
  unseen: number;
  /** The server's answer time (ack − send) of every taken write: the part of the lag spent before the write was stored. */
  ackP50Ms: number;
  ackP95Ms: number;
  /** Screen time − send time of every taken write that was drawn. */
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Median lag of the writes sent in the step's first and last third: growth means falling behind. */
  firstThirdP50Ms: number;
  lastThirdP50Ms: number;
  /** Pod deltas (any, not only stamped) the state applied per second over the step. */
  deltasPerSecond: number;
  /** Every taken write drawn, lag not growing past MAX_LAG_GROWTH_MS, p95 within MAX_LAG_P95_MS. */
  bounded: boolean;
}

/** The lag of one step: `writes` sent between `fromMs` and `toMs` (epoch ms), `lines` the whole delta log. */
export function lagOf(writes: readonly WriteRecord[], lines: readonly DeltaLogLine[], fromMs: number, toMs: number): LagSummary {
  const drawnAt = new Map<number, number>();
  for (const line of lines) for (const seq of line.seqs) if (!drawnAt.has(seq)) drawnAt.set(seq, line.t);
  const acked = writes.filter((w) => w.ackMs !== undefined);
  const lags: number[] = [];
  const firstThird: number[] = [];
  const lastThird: number[] = [];
  const third = (toMs - fromMs) / 3;
  let unseen = 0;
  for (const w of acked) {
    const at = drawnAt.get(w.seq);
    if (at === undefined) {
      unseen++;
      continue;
    }
    const lag = at - w.sentMs;
    lags.push(lag);
    if (w.sentMs < fromMs + third) firstThird.push(lag);
    else if (w.sentMs >= toMs - third) lastThird.push(lag);
  }
  const acks = acked.map((w) => w.ackMs! - w.sentMs);
  const seconds = (toMs - fromMs) / 1000;
  let deltas = 0;
  for (const line of lines) if (line.t >= fromMs && line.t < toMs) deltas += line.deltas;
  const p95 = percentile(lags, 0.95);
  const first = percentile(firstThird, 0.5);
  const last = percentile(lastThird, 0.5);
  return {
    acked: acked.length,
    ackedPerSecond: round(seconds > 0 ? acked.length / seconds : 0, 0),
    failed: writes.length - acked.length,
    unseen,
    ackP50Ms: round(percentile(acks, 0.5), 1),
    ackP95Ms: round(percentile(acks, 0.95), 1),
    p50Ms: round(percentile(lags, 0.5), 1),
    p95Ms: round(p95, 1),
    maxMs: round(lags.length === 0 ? NaN : lags.reduce((a, b) => Math.max(a, b)), 1),
    firstThirdP50Ms: round(first, 1),
    lastThirdP50Ms: round(last, 1),
    deltasPerSecond: round(seconds > 0 ? deltas / seconds : 0, 0),
    bounded: acked.length > 0 && unseen === 0 && p95 <= MAX_LAG_P95_MS && !(last - first > MAX_LAG_GROWTH_MS),
  };
}

/** The highest rate the server took at which the screen kept up; 0 when it kept up at none. */
export function absorbedPerSecond(steps: readonly LagSummary[]): number {
  return steps.filter((s) => s.bounded).reduce((best, s) => Math.max(best, s.ackedPerSecond), 0);
}

/** Nearest-rank percentile; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
