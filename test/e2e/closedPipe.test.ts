// A reader that goes away under a following command (`podscope events -A --follow | head -3`):
// podscope ends quietly with 141 (128 + SIGPIPE, what a shell shows for kubectl there), never
// with Node's "Unhandled 'error' event" and a stack trace. Runs the built binary (npm test builds it).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'podscope.js');

it.each([[['events', '-A', '--sim', '--speed', '10', '--follow']], [['timeline', 'pod', 'myweb', '--sim', '--speed', '10', '--follow']]])(
  'podscope %j whose reader closes the pipe after the first output',
  async (args) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // The first output read, the reader leaves: the next write meets a closed pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, err }).toEqual({ code: 141, err: '' });
  },
  30_000,
);
