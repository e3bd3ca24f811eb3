// The terminal going away under the TUI — its tmux session or server killed, as a closed window
// or a dropped ssh connection does — and signals on a terminal still there. podscope exits at
// once, with a hangup's code, and its stderr holds no "Assertion failed" and no native stack:
// Node 20 asserts when it cannot put a hung-up terminal back as it found it (ResetStdio), unless
// podscope let go of that terminal first (src/cli/terminalExit.ts). Needs dist/ and tmux.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, startLiveCluster, type LiveCluster } from './helpers/kubeTui.js';
import { TmuxSession } from './helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT_CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const DEADLINE_MS = 20_000;
/** Ink's cursor library shows the cursor again on stderr as any podscope exits: all a clean exit leaves there. */
const SHOW_CURSOR = /\u001b\[\?25h/g;

let dir = '';
const sessions: TmuxSession[] = [];

beforeAll(() => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` first (npm test does it)`);
  dir = mkdtempSync(join(tmpdir(), 'podscope-terminal-gone-'));
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(name: string, command: string, env?: NodeJS.ProcessEnv): TmuxSession {
  const session = TmuxSession.start({ name, cwd: ROOT, columns: 120, rows: 40, command, env });
  sessions.push(session);
  return session;
}

/** What podscope wrote to its stderr (a file), less the cursor's show sequence. */
function stderrOf(name: string): string {
  return readFileSync(join(dir, `${name}.err`), 'utf8').replace(SHOW_CURSOR, '');
}

/** Running: /proc has it and it is not a zombie waiting for its parent. */
function running(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]![0] !== 'Z';
  } catch {
    return false;
  }
}

async function poll<T>(what: string, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const got = probe();
    if (got !== undefined) return got;
    if (Date.now() > deadline) throw new Error(`timed out after ${DEADLINE_MS} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The exit code a wrapper shell wrote once podscope ended. */
function exitCodeIn(name: string): Promise<number> {
  const file = join(dir, `${name}.rc`);
  return poll(`podscope's exit code in ${file}`, () => {
    const text = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
    return text === '' ? undefined : Number(text);
  });
}

/**
 * podscope under a shell that ignores SIGHUP and records its exit code: the shell is the
 * session's leader, so a hangup sends no signal to podscope (its input ends, its writes fail).
 */
function wrapped(name: string, args: string): string {
  return `sh -c 'trap "" HUP; node bin/podscope.js ${args} 2>${join(dir, `${name}.err`)}; echo $? > ${join(dir, `${name}.rc`)}; exec cat'`;
}

const POD_LIST = (s: string): boolean => /^Pods \d+:/m.test(s) && /Pods\(\w+\)\[\d+\]/.test(s);

describe('the terminal goes away under the TUI', () => {
  it('--sim as the pane itself (the session leader: SIGHUP): the session killed, it is gone at once with nothing on stderr', async () => {
    const t = start('leader', `exec node bin/podscope.js --sim 2>${join(dir, 'leader.err')}`);
    const pid = Number(t.display('#{pane_pid}'));
    await t.waitFor('the pod list', POD_LIST);
    expect(running(pid)).toBe(true);
    t.killSession();
    await poll('podscope to exit', () => (running(pid) ? undefined : true));
    expect(stderrOf('leader')).toBe('');
  }, 60_000);

  it('--sim under a shell (no signal: its input ends, its writes fail): the tmux server killed, exit 129, nothing on stderr', async () => {
    const t = start('wrapped', wrapped('wrapped', '--sim'));
    await t.waitFor('the pod list', POD_LIST);
    t.kill();
    expect(await exitCodeIn('wrapped')).toBe(129);
    expect(stderrOf('wrapped')).toBe('');
  }, 60_000);
});

describe('the terminal goes away before the TUI is up', () => {
  it('while connecting to a server that never answers: the timeout is reported as ever, exit 1, no assertion', async () => {
    // Accepts and says nothing: podscope waits in its start-up check until --request-timeout.
    let connected = false;
    const silent = createServer((socket) => {
      connected = true;
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const kubeconfig = join(dir, 'silent-kubeconfig');
      writeFileSync(
        kubeconfig,
        `apiVersion: v1\nkind: Config\nclusters:\n- name: silent\n  cluster:\n    server: https://127.0.0.1:${port}\n    insecure-skip-tls-verify: true\ncontexts:\n- name: silent\n  context:\n    cluster: silent\n    user: u\ncurrent-context: silent\nusers:\n- name: u\n  user:\n    token: t\n`,
      );
      const t = start('connecting', wrapped('connecting', `--kubeconfig ${kubeconfig} --request-timeout 2s`), { ...process.env, HOME: dir });
      await poll('podscope to connect', () => (connected ? true : undefined));
      t.kill();
      expect(await exitCodeIn('connecting')).toBe(1);
      expect(stderrOf('connecting')).toMatch(/^podscope: cannot use kubeconfig \S+, context "silent" \(server https:\/\/127\.0\.0\.1:\d+\): the API server at \S+ did not answer in time\..*\n$/);
    } finally {
      silent.close();
    }
  }, 60_000);
});

describe('the terminal goes away under the TUI on a cluster (a kubeconfig against sim serve)', () => {
  let cluster: LiveCluster | undefined;
  beforeAll(async () => {
    cluster = await startLiveCluster(await fixtures('default'));
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it.each([
    ['the session killed', 'cluster-session', (t: TmuxSession) => t.killSession()],
    ['the server killed', 'cluster-server', (t: TmuxSession) => t.kill()],
  ])('%s: exit 129, nothing on stderr', async (_what, name, hangUp) => {
    const env = { ...process.env, HOME: cluster!.dir, KUBECONFIG: cluster!.kubeconfig };
    const t = start(name, wrapped(name, `--kubeconfig ${cluster!.kubeconfig} -A`), env);
    await t.waitFor('the pod list', (s) => POD_LIST(s) && /^[> ][*+ ]shop\s+mysql\s/m.test(s), 30_000);
    hangUp(t);
    expect(await exitCodeIn(name)).toBe(129);
    expect(stderrOf(name)).toBe('');
  }, 60_000);
});

describe('a signal while the terminal is still there', () => {
  it.each([
    ['SIGHUP', 129],
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: the screen is given back, exit %i, nothing on stderr', async (signal, code) => {
    const name = `signal-${signal}`;
    const t = start(name, wrapped(name, '--sim'));
    await t.waitFor('the pod list', POD_LIST);
    expect(t.display('#{alternate_on}')).toBe('1');
    const shell = Number(t.display('#{pane_pid}'));
    const podscope = Number(readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/)[0]);
    process.kill(podscope, signal);
    expect(await exitCodeIn(name)).toBe(code);
    await poll('the normal screen', () => (t.display('#{alternate_on}') === '0' ? true : undefined));
    expect(stderrOf(name)).toBe('');
  }, 60_000);
});
