// The bench's frame log: keys stamped as they arrive, frames only when Ink wrote bytes, each
// frame stamped as its write returned (not at the end of the render's turn), with its pods.
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFrameLog, parseFrameLog } from '../../../src/cli/frameLog.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function logPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-framelog-'));
  dirs.push(dir);
  return join(dir, 'frames');
}

/** A terminal's output that counts what it was given. */
function terminal(): { write(...args: unknown[]): boolean; written: string[] } {
  const written: string[] = [];
  return {
    written,
    write(chunk: unknown) {
      written.push(String(chunk));
      return true;
    },
  };
}

describe('frame log', () => {
  it('is off without PODSCOPE_FRAME_LOG', () => {
    const stdout = terminal();
    const write = stdout.write;
    expect(openFrameLog({}, { stdout })).toBeUndefined();
    expect(stdout.write).toBe(write);
  });

  it('stamps a key before any other listener sees it, and a frame only when the render wrote bytes', async () => {
    const path = logPath();
    const stdout = terminal();
    const stdin = new EventEmitter();
    const seen: string[] = [];
    // The TUI's input filter listens before the log is opened: the stamp still comes first.
    stdin.on('data', () => seen.push(readFileSync(path, 'utf8').includes('key') ? 'stamped' : 'not stamped'));
    let clock = 1000;
    const write = stdout.write;
    const log = openFrameLog({ PODSCOPE_FRAME_LOG: path }, { stdout, stdin, now: () => clock })!;
    stdin.emit('data', 'j');
    expect(seen).toEqual(['stamped']);
    clock = 1003;
    // Ink calls onRender before it writes: the writes land in the same turn, the stamp is the last write's.
    log.onRender(16);
    clock = 1004;
    stdout.write('\u001b[?2026h');
    clock = 1005.5;
    stdout.write('the frame');
    // The rest of the render's turn (React's effects) is not the frame's.
    clock = 1040;
    await Promise.resolve();
    clock = 1050;
    // A render whose text equals the last one writes nothing: no frame.
    log.onRender(16);
    await Promise.resolve();
    // A write of no render (the screen left on the way out) is no frame either.
    stdout.write('\u001b[?1049l');
    await Promise.resolve();
    log.close();
    expect(parseFrameLog(readFileSync(path, 'utf8'))).toEqual([
      { kind: 'key', at: 1000 },
      { kind: 'frame', at: 1005.5, pods: 16 },
    ]);
    // Everything written reached the terminal; closed, its write and listeners are its own again.
    expect(stdout.written).toEqual(['\u001b[?2026h', 'the frame', '\u001b[?1049l']);
    expect(stdout.write).toBe(write);
    expect(stdin.listenerCount('data')).toBe(1);
  });

  it('reads the bare numbers of older builds as frames', () => {
    expect(parseFrameLog('1.5\nkey 2\nframe 3.25\n\nnoise\nframe 4 pods=10000\n')).toEqual([
      { kind: 'frame', at: 1.5 },
      { kind: 'key', at: 2 },
      { kind: 'frame', at: 3.25 },
      { kind: 'frame', at: 4, pods: 10000 },
    ]);
  });
});
