// The command line's promises that do not need a cluster: no silent simulator, no Ink
// stack trace without a terminal, help for every command, and README listing every flag.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { CliIo } from '../../../src/cli/io.js';
import { FLAGS, USAGE } from '../../../src/cli/options.js';
import { SERVE_FLAGS, SERVE_USAGE, SIM_USAGE } from '../../../src/cli/serveCommand.js';
import { NO_TERMINAL } from '../../../src/cli/tui.js';
import { PODSCOPE_VERSION } from '../../../src/kube/version.js';

interface Captured extends CliIo {
  out: string;
  err: string;
}

function io(env: NodeJS.ProcessEnv = {}, terminal?: boolean): Captured {
  const c: Captured = { out: '', err: '', stdout: { write: (s: string) => (c.out += s) }, stderr: { write: (s: string) => (c.err += s) }, env, terminal };
  return c;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A HOME with no ~/.kube/config, and no KUBECONFIG: nothing to find. */
function emptyHome(): string {
  const d = mkdtempSync(join(tmpdir(), 'podscope-home-'));
  dirs.push(d);
  return d;
}

describe('podscope command line', () => {
  it('--kubeconfig "" is a usage error (exit 2), never a silent simulator', async () => {
    for (const argv of [['--kubeconfig', '', 'get', 'pods'], ['--kubeconfig=', 'get', 'pods'], ['--kubeconfig', ' ']]) {
      const c = io({ HOME: emptyHome() }, true);
      expect(await main(argv, c)).toBe(2);
      expect(c.out).toBe('');
      expect(c.err.split('\n')[0]).toBe('podscope: --kubeconfig is empty: give a kubeconfig file, or --sim for the simulator');
    }
  });

  it('the TUI without a terminal says so and points at the headless commands, exit 1', async () => {
    for (const argv of [[], ['--sim'], ['--sim', 'batch', '-A']]) {
      const c = io({ HOME: emptyHome() });
      expect(await main(argv, c)).toBe(1);
      expect(c.err).toBe(NO_TERMINAL);
      expect(c.err).toContain('podscope get pods');
    }
  });

  it('a headless command that falls back to the simulator says so on stderr', async () => {
    const c = io({ HOME: emptyHome() });
    expect(await main(['get', 'pods', '-n', 'nowhere'], c)).toBe(0);
    expect(c.err).toBe(
      'podscope: no kubeconfig found (no --kubeconfig, KUBECONFIG unset, no ~/.kube/config): using the simulator (scenario "default"); pass --sim to choose it, or --kubeconfig for a cluster\n' +
        'No resources found in nowhere namespace.\n',
    );
  });

  it('--sim chosen explicitly: no fallback note', async () => {
    const c = io({ HOME: emptyHome() });
    expect(await main(['get', 'pods', '-n', 'nowhere', '--sim'], c)).toBe(0);
    expect(c.err).toBe('No resources found in nowhere namespace.\n');
  });

  it('--help lists every flag; --version prints package.json\'s version', async () => {
    const c = io();
    expect(await main(['--help'], c)).toBe(0);
    expect(c.out).toBe(USAGE);
    for (const f of FLAGS) expect(c.out).toContain(`--${f.name}`);
    const v = io();
    expect(await main(['--version'], v)).toBe(0);
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect(v.out).toBe(`podscope ${pkg.version}\n`);
    expect(PODSCOPE_VERSION).toBe(pkg.version);
  });

  it('sim --help and sim serve --help print their help, exit 0; bare sim is a usage error', async () => {
    for (const argv of [['sim', '--help'], ['sim', '-h'], ['sim', 'help']]) {
      const c = io();
      expect(await main(argv, c)).toBe(0);
      expect(c.out).toBe(SIM_USAGE);
    }
    const serve = io();
    expect(await main(['sim', 'serve', '--help'], serve)).toBe(0);
    expect(serve.out).toBe(SERVE_USAGE);
    for (const f of SERVE_FLAGS) expect(serve.out).toContain(`--${f.name}`);
    const bare = io();
    expect(await main(['sim'], bare)).toBe(2);
    expect(bare.err).toBe(SIM_USAGE);
    const other = io();
    expect(await main(['sim', 'start'], other)).toBe(2);
    expect(other.err.split('\n')[0]).toBe('podscope sim: unknown command "start"');
  });

  it('the README names every flag of podscope and of sim serve', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
    const missing = [...FLAGS, ...SERVE_FLAGS].map((f) => `--${f.name}`).filter((f) => !readme.includes(`\`${f}`));
    expect(missing).toEqual([]);
  });
});
