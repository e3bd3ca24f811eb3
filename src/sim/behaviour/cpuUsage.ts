// Simulated CPU use: `<cores>` (flat, e.g. `250m`) or `<min>-<max>` (e.g. `100m-400m`): the
// use over each metrics window is a value in the range, picked from the pod's uid, the
// container and the window's index, so a seeded scenario measures the same every run.
// Without the annotation the range comes from the spec: a tenth to a half of the request
// (else of the limit), else 1m-5m (an idle process). A limit caps the use (throttling).
import { fnv32aText } from '../../kube/fnv.js';
import { cpuMillis, QuantityError } from '../../kube/quantity.js';
import type { Container } from '../../kube/types.js';

export interface CpuRange {
  minMillis: number;
  maxMillis: number;
}

/** The metrics window: usage is constant within each (metrics-server's 15 s resolution). */
export const METRICS_WINDOW_MS = 15_000;

const IDLE: CpuRange = { minMillis: 1, maxMillis: 5 };

/** The parser; undefined for a value that is not `<cores>` or `<min>-<max>` with min ≤ max. */
export function readCpuRange(text: string): CpuRange | undefined {
  const m = /^\s*([^\s-]+)\s*(?:-\s*([^\s-]+))?\s*$/.exec(text);
  if (!m) return undefined;
  try {
    const min = cpuMillis(m[1]!);
    const max = m[2] === undefined ? min : cpuMillis(m[2]);
    if (min < 0 || max < min) return undefined;
    return { minMillis: min, maxMillis: max };
  } catch (err) {
    if (err instanceof QuantityError) return undefined;
    throw err;
  }
}

/** The range a container without the annotation uses. */
export function defaultCpuRange(c: Container): CpuRange {
  const request = c.resources?.requests?.cpu;
  const limit = c.resources?.limits?.cpu;
  const base = request !== undefined ? cpuMillis(request) : limit !== undefined ? cpuMillis(limit) : 0;
  if (base <= 0) return IDLE;
  return { minMillis: base / 10, maxMillis: base / 2 };
}

/**
 * Millicores used in the window holding `atMs`, to the microcore, never above `limitMillis`.
 * `key` tells containers apart (pod uid and container name).
 */
export function cpuMillisAt(range: CpuRange, key: string, atMs: number, limitMillis: number | undefined): number {
  const windowIndex = Math.floor(atMs / METRICS_WINDOW_MS);
  const u = fnv32aText(`${key}/${windowIndex}`) / 0x1_0000_0000;
  const value = range.minMillis + (range.maxMillis - range.minMillis) * u;
  const capped = limitMillis !== undefined && limitMillis > 0 ? Math.min(value, limitMillis) : value;
  return Math.round(capped * 1000) / 1000;
}
