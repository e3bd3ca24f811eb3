// Simulated memory use: `<start>` or `<start> +<rate>/s` (e.g. `64Mi +8Mi/s`).
import { memoryBytes, QuantityError } from '../../kube/quantity.js';

export interface MemorySchedule {
  startBytes: number;
  bytesPerSecond: number;
}

/** Why a memory value was refused. */
export type MemoryProblem = { kind: 'syntax' } | { kind: 'negative' } | { kind: 'quantity'; message: string };

export const DEFAULT_MEMORY: MemorySchedule = { startBytes: 16 * 1024 * 1024, bytesPerSecond: 0 };

/** The parser (spaces around `+` and `/s` optional); a refused value comes back as a MemoryProblem. */
export function readMemorySchedule(text: string): MemorySchedule | MemoryProblem {
  const m = /^\s*([^\s+]+)\s*(?:\+\s*([^\s/]+)\s*\/\s*s)?\s*$/.exec(text);
  if (!m) return { kind: 'syntax' };
  try {
    const startBytes = memoryBytes(m[1]!);
    const bytesPerSecond = m[2] === undefined ? 0 : memoryBytes(m[2]);
    if (startBytes < 0 || bytesPerSecond < 0) return { kind: 'negative' };
    return { startBytes, bytesPerSecond };
  } catch (err) {
    if (err instanceof QuantityError) return { kind: 'quantity', message: err.message };
    throw err;
  }
}

export function isMemoryProblem(value: MemorySchedule | MemoryProblem): value is MemoryProblem {
  return 'kind' in value;
}

/** The kubelet's words for a refused value (they follow the quoted value). */
export function memoryProblemText(problem: MemoryProblem): string {
  switch (problem.kind) {
    case 'syntax':
      return 'is not "<start>" or "<start> +<rate>/s"';
    case 'negative':
      return 'must not be negative';
    case 'quantity':
      return `is not a quantity: ${problem.message}`;
  }
}

/** Parses the annotation value; returns the kubelet's error text on a malformed value. */
export function parseMemorySchedule(text: string): MemorySchedule | string {
  const read = readMemorySchedule(text);
  return isMemoryProblem(read) ? memoryProblemText(read) : read;
}

/**
 * Milliseconds after start at which use reaches `limitBytes` and beyond (the OOM kill),
 * or undefined when it never does. Use above the limit from the start kills at once.
 */
export function oomAfterMs(schedule: MemorySchedule, limitBytes: number | undefined): number | undefined {
  if (limitBytes === undefined || limitBytes <= 0) return undefined;
  if (schedule.startBytes > limitBytes) return 0;
  if (schedule.bytesPerSecond <= 0) return undefined;
  return Math.ceil(((limitBytes - schedule.startBytes) / schedule.bytesPerSecond) * 1000);
}

/** Bytes in use `elapsedMs` after start, in whole 4 KiB pages (as the kernel counts a working set), never past the limit. */
export function memoryBytesAt(schedule: MemorySchedule, elapsedMs: number, limitBytes: number | undefined): number {
  const grown = schedule.startBytes + (schedule.bytesPerSecond * Math.max(0, elapsedMs)) / 1000;
  const capped = limitBytes !== undefined && limitBytes > 0 ? Math.min(grown, limitBytes) : grown;
  return Math.floor(capped / 4096) * 4096;
}
