// The bench's frame log: keys stamped as they arrive, frames only when Ink wrote bytes.
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

describe('frame log', () => {
  it('is off without PODSCOPE_FRAME_LOG', () => {
    expect(openFrameLog({}, { stdout: { bytesWritten: 0 } })).toBeUndefined();
  });

  it('stamps a key before any other listener sees it, and a frame only when the render wrote bytes', async () => {
    const path = logPath();
    const stdout = { bytesWritten: 0 };
    const stdin = new EventEmitter();
    const seen: string[] = [];
    // The TUI's input filter listens before the log is opened: the stamp still comes first.
    stdin.on('data', () => seen.push(readFileSync(path, 'utf8').includes('key') ? 'stamped' : 'not stamped'));
    let clock = 1000;
    const log = openFrameLog({ PODSCOPE_FRAME_LOG: path }, { stdout, stdin, now: () => clock })!;
    stdin.emit('data', 'j');
    expect(seen).toEqual(['stamped']);
    clock = 1005.5;
    // Ink calls onRender before it writes: the write lands in the same turn.
    log.onRender();
    stdout.bytesWritten += 120;
    await Promise.resolve();
    clock = 1010;
    // A render whose text equals the last one writes nothing: no frame.
    log.onRender();
    await Promise.resolve();
    log.close();
    expect(parseFrameLog(readFileSync(path, 'utf8'))).toEqual([
      { kind: 'key', at: 1000 },
      { kind: 'frame', at: 1005.5 },
    ]);
    // Closed: no more listener on the terminal.
    expect(stdin.listenerCount('data')).toBe(1);
  });

  it('reads the bare numbers of older builds as frames', () => {
    expect(parseFrameLog('1.5\nkey 2\nframe 3.25\n\nnoise\n')).toEqual([
      { kind: 'frame', at: 1.5 },
      { kind: 'key', at: 2 },
      { kind: 'frame', at: 3.25 },
    ]);
  });
});
