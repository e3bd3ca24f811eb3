// Everything one container prints over a run, derived from its spec, image and `logs` script.
import type { Container, Pod } from '../../kube/types.js';
import type { ContainerBehaviour } from '../behaviour/containerBehaviour.js';
import { imageOutput } from './images.js';
import { FixedLines, PeriodicLines, type LineSource, type LineText, type LogStream } from './lineSource.js';
import type { LogScript } from './script.js';
import { shellOutput } from './shell.js';

export interface ExitLine {
  stream: LogStream;
  text: LineText;
}

export interface LogProgram {
  /** Lines from the start of each run, until it ends. */
  sources: readonly LineSource[];
  /** Written, in order, when the process exits on its own with a non-zero code. */
  exitLines: readonly ExitLine[];
}

/** The last words of a crash nothing else explains (the `logs` script's `exit:` replaces them). */
export function defaultLastWords(exitCode: number): ExitLine {
  return { stream: 'stderr', text: () => `fatal: exiting with status ${exitCode}` };
}

function scriptSources(script: LogScript): LineSource[] {
  const out: LineSource[] = [];
  for (const c of script.clauses) {
    if (c.kind === 'at') out.push(new FixedLines(c.stream, [{ atMs: c.atMs, text: c.text }]));
    else if (c.kind === 'burst') out.push(new PeriodicLines(c.stream, c.atMs, 0, c.count, c.text));
    else if (c.kind === 'every') {
      const count = Number.isFinite(c.untilMs) ? Math.floor((c.untilMs - c.fromMs) / c.periodMs - 1e-9) + 1 : Infinity;
      out.push(new PeriodicLines(c.stream, c.fromMs, c.periodMs, count, c.text));
    }
  }
  return out;
}

export function logProgram(pod: Pod, c: Container, b: ContainerBehaviour): LogProgram {
  const script = b.logs;
  const sources: LineSource[] = [];
  let exitLines: ExitLine[] = [];
  let explained = false;
  if (!script?.replace) {
    const image = imageOutput(pod, c, b);
    if (image) {
      sources.push(...image.sources);
      exitLines = [...image.exitLines];
      explained = image.exitLines.length > 0;
    } else {
      const shell = shellOutput(c);
      sources.push(...shell.sources);
      explained = shell.scriptedExit;
    }
  }
  if (script) {
    sources.push(...scriptSources(script));
    const scripted = script.clauses.flatMap((cl) => (cl.kind === 'exit' ? [{ stream: cl.stream, text: cl.text }] : []));
    if (scripted.length > 0) {
      exitLines = scripted;
      explained = true;
    }
  }
  if (!explained && b.exitCode !== 0) exitLines = [defaultLastWords(b.exitCode)];
  return { sources, exitLines };
}
