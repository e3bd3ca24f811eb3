// The program the TUI hands the terminal to: its exit code or signal, a program that cannot
// start, the banner before it, and ctrl-c meanwhile being the program's (SIGINT and SIGQUIT to
// podscope are set aside while it runs and podscope's own handlers are back afterwards).
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runOnTerminal } from '../../../src/cli/externalCommand.js';
import type { ExternalCommand } from '../../../src/state/podAccessActions.js';

const command = (cmd: string, args: string[], banner?: string): ExternalCommand => ({ command: cmd, args, env: {}, banner, done: () => undefined });

const seen: string[] = [];
const onInt = (): void => void seen.push('SIGINT');
afterEach(() => {
  process.off('SIGINT', onInt);
  seen.length = 0;
});

describe('runOnTerminal', () => {
  it('reports the exit code, and prints the banner first', async () => {
    const out = new PassThrough();
    let written = '';
    out.on('data', (d: Buffer) => (written += d.toString()));
    expect(await runOnTerminal(command('sh', ['-c', 'exit 3'], 'podscope: attaching.\n'), process.env, out)).toEqual({ code: 3 });
    expect(written).toBe('podscope: attaching.\n');
  });

  it('reports the signal that ended the program', async () => {
    expect(await runOnTerminal(command('sh', ['-c', 'kill -INT $$'], undefined), process.env, new PassThrough())).toEqual({ code: null, signal: 'SIGINT' });
  });

  it('reports a program that cannot start', async () => {
    const r = await runOnTerminal(command('/nonexistent/kubectl', []), process.env, new PassThrough());
    expect(r.code).toBeNull();
    expect(r.error).toContain('ENOENT');
  });

  it("a SIGINT to podscope while the program runs (ctrl-c on a terminal not in raw mode) is the program's; podscope's handler is back after", async () => {
    process.on('SIGINT', onInt);
    // The program signals its parent (podscope) as the terminal would, then ends on its own.
    const r = await runOnTerminal(command('sh', ['-c', 'kill -INT $PPID; kill -QUIT $PPID; sleep 0.2; exit 1'], undefined), process.env, new PassThrough());
    // kubectl catches the SIGINT and exits 1: the result says it was interrupted.
    expect(r).toEqual({ code: 1, signal: 'SIGINT' });
    expect(seen).toEqual([]);
    expect(process.listeners('SIGINT')).toContain(onInt);
    process.kill(process.pid, 'SIGINT');
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual(['SIGINT']);
  });
});
