// Reading an instance's lines: the newest within the rotation bound, `tailLines`, `since`, and a
// cursor that a follower advances as time passes. Only the lines asked for are materialised.
import type { LineSource } from './lineSource.js';
import { criBytes, isCut, MAX_LOG_BYTES_PER_INSTANCE, type LogInstance, type LogLine } from './instance.js';

export interface ReadOptions {
  /** The newest N lines only. */
  tailLines?: number;
  /** Lines written at or after this instant (epoch ms) only. */
  sinceMs?: number;
}

/** Per source, how many of its lines have been read. */
export type LogCursor = number[];

/** Lines a follower takes at most per step (the rest come on the next one). */
export const FOLLOW_BATCH_LINES = 50_000;

function lineOf(inst: LogInstance, source: LineSource, k: number): LogLine {
  const line: LogLine = { atMs: inst.startMs + source.atMs(k), stream: source.stream, text: source.text(k, inst.ctx) };
  if (isCut(source)) line.partial = true;
  return line;
}

/**
 * What the instance has written by `nowMs`, newest last: at most the newest
 * MAX_LOG_BYTES_PER_INSTANCE bytes (counted as the CRI file counts them), then `tailLines`,
 * then `sinceMs`, as the kubelet applies them. The cursor points just past the last line.
 */
export function readInstance(inst: LogInstance, nowMs: number, options: ReadOptions = {}): { lines: LogLine[]; cursor: LogCursor } {
  const sources = inst.sources();
  const hi = inst.horizon(nowMs);
  const cursor = sources.map((s) => s.countThrough(hi));
  const next = [...cursor];
  const tail = options.tailLines ?? Infinity;
  const since = options.sinceMs ?? -Infinity;
  const out: LogLine[] = [];
  let bytes = 0;
  while (out.length < tail) {
    let best = -1;
    let bestAt = -Infinity;
    // Newest first; of lines written at one instant, the later source's is the later line.
    for (let i = 0; i < sources.length; i++) {
      if (next[i]! <= 0) continue;
      const at = sources[i]!.atMs(next[i]! - 1);
      if (at >= bestAt) {
        best = i;
        bestAt = at;
      }
    }
    if (best < 0 || inst.startMs + bestAt < since) break;
    next[best]!--;
    const line = lineOf(inst, sources[best]!, next[best]!);
    bytes += criBytes(line);
    if (bytes > MAX_LOG_BYTES_PER_INSTANCE) break;
    out.push(line);
  }
  out.reverse();
  return { lines: out, cursor };
}

/** The lines written after `cursor` up to `nowMs` (at most FOLLOW_BATCH_LINES), advancing it. */
export function readAfter(inst: LogInstance, cursor: LogCursor, nowMs: number): LogLine[] {
  const sources = inst.sources();
  while (cursor.length < sources.length) cursor.push(0);
  const hi = inst.horizon(nowMs);
  const until = sources.map((s) => s.countThrough(hi));
  const out: LogLine[] = [];
  while (out.length < FOLLOW_BATCH_LINES) {
    let best = -1;
    let bestAt = Infinity;
    for (let i = 0; i < sources.length; i++) {
      if (cursor[i]! >= until[i]!) continue;
      const at = sources[i]!.atMs(cursor[i]!);
      if (at < bestAt) {
        best = i;
        bestAt = at;
      }
    }
    if (best < 0) break;
    out.push(lineOf(inst, sources[best]!, cursor[best]!));
    cursor[best]!++;
  }
  return out;
}

/** When the next line after `cursor` is due (epoch ms), or Infinity when none will come. */
export function nextLineAt(inst: LogInstance, cursor: LogCursor): number {
  const sources = inst.sources();
  let at = Infinity;
  sources.forEach((s, i) => {
    const k = cursor[i] ?? 0;
    if (k < s.count) at = Math.min(at, inst.startMs + s.atMs(k));
  });
  return inst.end && at > inst.end.atMs ? Infinity : at;
}
