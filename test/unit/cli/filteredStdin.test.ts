// Why a lone Esc waits (HOLD_MS in src/cli/filteredStdin.ts): a terminal's escape sequence
// (an arrow, Home, a function key) can reach the TUI cut in two reads — over ssh, a slow pty,
// a loaded machine. Taken at once, an ESC ending a read would close the filter or go back,
// and the rest of the sequence would arrive as keys ("[A": shift-A sorts by AGE). The hold
// keeps the sequence whole; a lone Esc is delivered when the hold ends.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FilteredStdin } from '../../../src/cli/filteredStdin.js';

class Terminal extends EventEmitter {
  pause(): void {}
}

function setup(): { terminal: Terminal; got: string[] } {
  const terminal = new Terminal();
  const stdin = new FilteredStdin(terminal, () => undefined);
  const got: string[] = [];
  stdin.on('data', (chunk: Buffer) => got.push(chunk.toString()));
  return { terminal, got };
}

describe('FilteredStdin and a lone Esc', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['an arrow cut after ESC', ['\u001b', '[A'], ['\u001b[A']],
    ['an arrow cut after ESC [', ['\u001b[', 'B'], ['\u001b[B']],
    ['Home cut after ESC', ['\u001b', '[H'], ['\u001b[H']],
  ])('%s, the rest within the hold: one key, not Esc and letters', async (_name, reads, want) => {
    const { terminal, got } = setup();
    terminal.emit('data', Buffer.from(reads[0]!));
    await vi.advanceTimersByTimeAsync(10);
    expect(got).toEqual([]);
    terminal.emit('data', Buffer.from(reads[1]!));
    await vi.advanceTimersByTimeAsync(100);
    expect(got).toEqual(want);
  });

  it('a lone Esc is delivered once the hold (30 ms) ends, not before', async () => {
    const { terminal, got } = setup();
    terminal.emit('data', Buffer.from('\u001b'));
    await vi.advanceTimersByTimeAsync(29);
    expect(got).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);
    expect(got).toEqual(['\u001b']);
  });

  it('letters are delivered at once', async () => {
    const { terminal, got } = setup();
    terminal.emit('data', Buffer.from('a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(got).toEqual(['a']);
  });
});
