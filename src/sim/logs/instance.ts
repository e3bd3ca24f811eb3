// One run of one container (one containerID), and its output read between two instants.
import type { Container, Pod } from '../../kube/types.js';
import { containerBehaviour, type ContainerBehaviour } from '../behaviour/containerBehaviour.js';
import { FixedLines, type LineContext, type LineSource, type LogStream } from './lineSource.js';
import { logProgram, type LogProgram } from './program.js';

/** The newest bytes of one instance's log that are kept and served, as the kubelet's containerLogMaxSize. */
export const MAX_LOG_BYTES_PER_INSTANCE = 10 * 1024 * 1024;
/** Instances kept per container: the running one and the last terminated one (`previous`). */
export const INSTANCES_KEPT = 2;

export interface LogLine {
  /** Epoch milliseconds (fractions allowed). */
  atMs: number;
  stream: LogStream;
  text: string;
  /** Cut short (an OOM kill mid-write): no line break follows. */
  partial?: boolean;
}

export interface InstanceEnd {
  atMs: number;
  exitCode: number;
  reason: string;
  /** The process exited on its own (not killed, not OOM). */
  natural: boolean;
}

/** The bytes a line takes in the CRI log file (`<time> stdout F <text>\n`), which rotation counts. */
export function criBytes(line: LogLine): number {
  return stampLength(line.atMs) + line.stream.length + 4 + Buffer.byteLength(line.text) + 1;
}

/** rfc3339Nano(ms).length without building the string (this runs once per line served). */
function stampLength(ms: number): number {
  const whole = Math.floor(ms);
  const micros = (whole % 1000) * 1000 + Math.min(999, Math.round((ms - whole) * 1e3));
  if (micros === 0) return 20;
  let digits = 6;
  for (let m = micros; m % 10 === 0; m /= 10) digits--;
  return 21 + digits;
}

export class LogInstance {
  end: InstanceEnd | undefined;
  private program: LogProgram | undefined;
  private endSources: LineSource[] | undefined;
  private behaviour: ContainerBehaviour | undefined;

  constructor(
    readonly containerID: string,
    readonly startMs: number,
    readonly ctx: LineContext,
    private readonly pod: Pod,
    private readonly spec: Container,
  ) {}

  /** The container's behaviour (run time, exit code) as the kubelet reads it; undefined when its annotations are malformed. */
  behaviourOf(): ContainerBehaviour | undefined {
    if (this.behaviour) return this.behaviour;
    try {
      this.behaviour = containerBehaviour(this.pod, this.spec);
    } catch {
      return undefined;
    }
    return this.behaviour;
  }

  /** Every source, the end's (last words, an OOM kill's cut line) after the run's own, so cursors stay valid. */
  sources(): LineSource[] {
    if (!this.program) {
      const b = this.behaviourOf();
      this.program = b ? logProgram(this.pod, this.spec, b) : { sources: [], exitLines: [] };
    }
    if (!this.end) return [...this.program.sources];
    this.endSources ??= this.makeEndSources(this.end, this.program);
    return [...this.program.sources, ...this.endSources];
  }

  /** The latest offset (ms after start) whose lines exist at `nowMs`. */
  horizon(nowMs: number): number {
    return Math.min(nowMs, this.end?.atMs ?? Infinity) - this.startMs;
  }

  private makeEndSources(end: InstanceEnd, program: LogProgram): LineSource[] {
    const offset = end.atMs - this.startMs;
    if (end.natural && end.exitCode !== 0 && program.exitLines.length > 0) {
      const byStream = new Map<LogStream, { atMs: number; text: (typeof program.exitLines)[number]['text'] }[]>();
      for (const l of program.exitLines) {
        const list = byStream.get(l.stream) ?? [];
        list.push({ atMs: offset, text: l.text });
        byStream.set(l.stream, list);
      }
      return [...byStream].map(([stream, lines]) => new FixedLines(stream, lines));
    }
    if (end.reason === 'OOMKilled') {
      // The kill lands mid-write: the line due next from the busiest source is cut in half.
      let best: { source: LineSource; k: number } | undefined;
      for (const source of program.sources) {
        const k = source.countThrough(offset);
        if (k >= source.count) continue;
        if (!best || source.atMs(k) < best.source.atMs(best.k)) best = { source, k };
      }
      if (best && best.source.atMs(best.k) - offset < 1000) {
        const full = best.source.text(best.k, this.ctx);
        const cut = full.slice(0, Math.ceil(full.length / 2));
        return [new CutLine(best.source.stream, offset, cut)];
      }
    }
    return [];
  }
}

/** The half-written line an OOM kill leaves behind. */
class CutLine extends FixedLines {
  constructor(stream: LogStream, atMs: number, readonly cut: string) {
    super(stream, [{ atMs, text: () => cut }]);
  }
}

export function isCut(source: LineSource): boolean {
  return source instanceof CutLine;
}
