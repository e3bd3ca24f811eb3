// The real binary without a terminal (a pipe, cron, CI): a plain message pointing at the
// headless commands and exit 1, never Ink's stack trace. Runs the built dist/ (npm test builds it).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { NO_TERMINAL } from '../../src/cli/tui.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'podscope.js');

it.each([[['--sim']], [[]]])('podscope %j with stdin and stdout not a terminal', async (args) => {
  const home = mkdtempSync(join(tmpdir(), 'podscope-noterm-'));
  try {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: home } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, out, err }).toEqual({ code: 1, out: '', err: NO_TERMINAL });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}, 30_000);
