// A watch stream's lines: each complete line once, in order, whatever the chunking; the
// stream paused for one turn once its lines took a slice of time in one macrotask. The clock
// moves only as lines are handled, and the "next turn" is run by the test.
import { describe, expect, it } from 'vitest';
import { WatchLines } from '../../../src/source/kube/watchLines.js';

function reader(options: { msPerLine?: number; sliceMs?: number; stopAt?: string } = {}) {
  let clock = 0;
  const turns: (() => void)[] = [];
  const calls: string[] = [];
  const lines: string[] = [];
  const stream = { pause: () => calls.push('pause'), resume: () => calls.push('resume') };
  const w = new WatchLines(
    stream,
    (line) => {
      lines.push(line);
      clock += options.msPerLine ?? 0;
      return line !== options.stopAt;
    },
    { sliceMs: options.sliceMs ?? 4, now: () => clock, nextTurn: (fn) => turns.push(fn) },
  );
  const nextTurn = (): void => {
    for (const fn of turns.splice(0)) fn();
  };
  return { w, lines, calls, nextTurn };
}

describe('WatchLines', () => {
  it.each([
    ['whole lines', ['{"a":1}\n{"a":2}\n'], ['{"a":1}', '{"a":2}']],
    ['a line cut across chunks', ['{"a"', ':1}\n{"a":', '2}\n'], ['{"a":1}', '{"a":2}']],
    ['blank lines skipped', ['\n{"a":1}\n  \n', '\n'], ['{"a":1}']],
    ['an unfinished last line waits', ['{"a":1}\n{"a":2'], ['{"a":1}']],
  ])('%s', (_name, chunks, expected) => {
    const r = reader();
    for (const c of chunks) r.w.push(c);
    expect(r.lines).toEqual(expected);
    expect(r.calls).toEqual([]);
  });

  it('stops at the line whose handler says so', () => {
    const r = reader({ stopAt: 'b' });
    r.w.push('a\nb\nc\n');
    expect(r.lines).toEqual(['a', 'b']);
  });

  it('pauses the stream once a macrotask has spent its slice on lines, and resumes it on the next turn', () => {
    const r = reader({ msPerLine: 1, sliceMs: 4 });
    r.w.push('1\n2\n');
    expect(r.calls).toEqual([]);
    r.w.push('3\n4\n');
    expect(r.calls).toEqual(['pause']);
    // Chunks the stream had already read go on being handled; it is paused once.
    r.w.push('5\n');
    expect(r.calls).toEqual(['pause']);
    r.nextTurn();
    expect(r.calls).toEqual(['pause', 'resume']);
    // A new macrotask starts a new slice.
    r.w.push('6\n7\n');
    expect(r.calls).toEqual(['pause', 'resume']);
    expect(r.lines).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });
});
