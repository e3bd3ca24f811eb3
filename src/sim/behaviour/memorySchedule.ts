// Simulated memory use: `<start>` or `<start> +<rate>/s` (e.g. `64Mi +8Mi/s`).
import { memoryBytes } from '../../kube/quantity.js';

export interface MemorySchedule {
  startBytes: number;
  bytesPerSecond: number;
}

export const DEFAULT_MEMORY: MemorySchedule = { startBytes: 16 * 1024 * 1024, bytesPerSecond: 0 };

export function parseMemorySchedule(text: string): MemorySchedule | string {
  // Same syntax as the scenario loader's check (spaces around `+` and `/s` optional).
  const m = /^\s*([^\s+]+)\s*(?:\+\s*([^\s/]+)\s*\/\s*s)?\s*$/.exec(text);
  if (!m) return 'is not "<start>" or "<start> +<rate>/s"';
  try {
    const startBytes = memoryBytes(m[1]!);
    const bytesPerSecond = m[2] === undefined ? 0 : memoryBytes(m[2]);
    if (startBytes < 0 || bytesPerSecond < 0) return 'must not be negative';
    return { startBytes, bytesPerSecond };
  } catch (err) {
    return `is not a quantity: ${(err as Error).message}`;
  }
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
