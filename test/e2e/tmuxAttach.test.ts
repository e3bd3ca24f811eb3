// `a` (attach) in the real binary under tmux. Against `sim serve` through a kubeconfig, `a` hands
// the terminal to the real kubectl attach, and every way back brings the TUI back intact:
// - a container without stdin: podscope attaches to its output only (no -i) and says so; what is
//   typed goes nowhere; ctrl-c (a SIGINT to the whole foreground process group, podscope
//   included, as kubectl is not in raw mode) ends kubectl and the TUI returns — the case that
//   used to end podscope itself;
// - a container with stdin but no tty: kubectl's own "Unable to use a TTY" message, and ctrl-c
//   ends kubectl in the same way;
// - a container with stdin and a tty: `kubectl attach -it` in raw mode, where ctrl-c goes to the
//   container; the kubectl on PATH has no detach key, which podscope says before handing over,
//   and the session ends when the container's process does.
// On the in-process simulator the attach runs in the TUI's own view; ctrl-] detaches.
// Needs dist/, tmux and kubectl.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeStartedHarnesses, Harness, kubectlAvailable } from './helpers/serverHarness.js';
import { requireTmux, TmuxSession } from './helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT_CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

const SCENARIO = `apiVersion: v1
kind: Pod
metadata:
  name: ticker
  annotations:
    sim.podscope.dev/logs: |
      every 1s: tick {n}
spec:
  containers: [{name: app, image: "busybox:1.36", command: ["sleep", "3600"]}]
---
apiVersion: v1
kind: Pod
metadata:
  name: console
  annotations:
    sim.podscope.dev/run: 200s
    sim.podscope.dev/logs: |
      every 1s: beat {n}
spec:
  restartPolicy: Never
  containers: [{name: main, image: "busybox:1.36", command: ["sh"], stdin: true, tty: true}]
---
apiVersion: v1
kind: Pod
metadata:
  name: reader
  annotations:
    sim.podscope.dev/logs: |
      every 1s: read {n}
spec:
  containers: [{name: app, image: "busybox:1.36", command: ["sh", "-c", "sleep 3600"], stdin: true}]
`;

const scratch = mkdtempSync(join(tmpdir(), 'podscope-attach-tmux-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let term: TmuxSession | undefined;
afterEach(async () => {
  term?.kill();
  term = undefined;
  await closeStartedHarnesses();
});

function start(command: string, name: string): TmuxSession {
  requireTmux();
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` first (npm test does it)`);
  term = TmuxSession.start({ cwd: ROOT, columns: 160, rows: 35, name, command });
  return term;
}

async function cluster(): Promise<Harness> {
  const path = join(scratch, 'attach.yaml');
  writeFileSync(path, SCENARIO);
  return Harness.start({ scenario: path, settleMs: 60_000 });
}

/** Moves simulated time a second per poll until the screen shows what is asked. */
async function advanceUntil<T>(h: Harness, t: TmuxSession, what: string, test: (s: string) => T | undefined | false): Promise<T> {
  return t.waitFor(what, (s) => {
    const r = test(s);
    if (!r) h.clock.advance(1000);
    return r;
  });
}

describe.runIf(kubectlAvailable())('attach in tmux', () => {
  it('sim serve, no stdin: output only, typing goes nowhere, ctrl-c brings the TUI back intact', async () => {
    const h = await cluster();
    const t = start(`node bin/podscope.js --kubeconfig ${h.kubeconfig}; exec cat`, 'attach-out');
    await t.waitFor('the ticker pod running', (s) => /ticker\s+1\/1\s+Running/.test(s));
    t.type('/ticker');
    t.press('enter');
    await t.waitFor('the ticker selected', (s) => /^> ticker\s+1\/1\s+Running/m.test(s));
    t.press('a');
    const banner = await t.waitFor('the banner on the main screen', (s) => t.display('#{alternate_on}') === '0' && s.includes('podscope: ctrl-c returns') && s);
    expect(banner).toContain('podscope: attaching to default/ticker (app).');
    expect(banner).toContain('podscope: container app has no stdin (stdin: true in its spec): what is typed would go nowhere, so podscope attaches to its output only.');
    await advanceUntil(h, t, 'kubectl to print ticks', (s) => /^tick \d+$/m.test(s));
    t.type('hello');
    t.press('ctrl-c');
    const left = 'left the attach to default/ticker (app) with ctrl-c (the container keeps running)';
    // The list can be drawn a frame before the status line that tells how the attach ended.
    const back = await t.waitFor('the list again, with how the attach ended', (s) => /^> ticker\s+1\/1\s+Running/m.test(s) && s.includes(left) && s);
    expect(back).toContain(left);
    expect(t.display('#{alternate_on}')).toBe('1');
    // podscope lives on and answers keys.
    t.press('d');
    await t.waitFor('describe', (s) => s.includes('Describe default/ticker'));
    t.press('q');
    t.press('q');
    await t.waitFor('podscope to quit', () => t.display('#{alternate_on}') === '0');
  });

  it("sim serve, stdin without a tty: kubectl's own TTY message, and ctrl-c ends kubectl, not podscope", async () => {
    const h = await cluster();
    const t = start(`node bin/podscope.js --kubeconfig ${h.kubeconfig}; exec cat`, 'attach-stdin');
    await t.waitFor('the reader pod running', (s) => /reader\s+1\/1\s+Running/.test(s));
    t.type('/reader');
    t.press('enter');
    await t.waitFor('the reader selected', (s) => /^> reader\s+1\/1\s+Running/m.test(s));
    t.press('a');
    const banner = await t.waitFor("kubectl's TTY message under the banner", (s) => s.includes('error: Unable to use a TTY - container app did not allocate one') && s);
    expect(banner).toContain('podscope: container app did not allocate a TTY (tty: true in its spec): what is typed reaches it as plain lines, without a prompt or line editing.');
    expect(banner).toContain('podscope: ctrl-c ends kubectl and returns to podscope (the container keeps running).');
    await advanceUntil(h, t, 'kubectl to print lines', (s) => /^read \d+$/m.test(s));
    t.type('typed');
    t.press('enter');
    t.press('ctrl-c');
    // The list can be drawn a frame before the status line that tells how the attach ended.
    const left = 'left the attach to default/reader (app) with ctrl-c (the container keeps running)';
    const back = await t.waitFor('the list again, with how the attach ended', (s) => /^> reader\s+1\/1\s+Running/m.test(s) && s.includes(left) && s);
    expect(back).toContain(left);
    expect(t.display('#{alternate_on}')).toBe('1');
    t.press('q');
    await t.waitFor('podscope to quit', () => t.display('#{alternate_on}') === '0');
  });

  it('sim serve, stdin and tty: kubectl attach -it says there is no detach key; the container ending brings the TUI back', async () => {
    const h = await cluster();
    const t = start(`node bin/podscope.js --kubeconfig ${h.kubeconfig}; exec cat`, 'attach-tty');
    await t.waitFor('the console pod running', (s) => /console\s+1\/1\s+Running/.test(s));
    t.type('/console');
    t.press('enter');
    await t.waitFor('the console selected', (s) => /^> console\s+1\/1\s+Running/m.test(s));
    t.press('a');
    const banner = await t.waitFor('the banner', (s) => t.display('#{alternate_on}') === '0' && s.includes('podscope: attaching to default/console (main).') && s);
    expect(banner).toContain('podscope: this kubectl has no detach key (ctrl-p ctrl-q came in kubectl 1.36); ctrl-c goes to the container.');
    expect(banner).toContain("podscope: its screen comes back when the container's process ends (a shell: exit or ctrl-d).");
    await advanceUntil(h, t, 'kubectl to print beats', (s) => /^beat \d+\s*$/m.test(s));
    // Raw mode: ctrl-c is a byte for the container (the simulated process reads none), not a signal.
    t.type('echo hi');
    t.press('ctrl-c');
    await advanceUntil(h, t, 'more beats after ctrl-c', (s) => (s.match(/^beat \d+\s*$/gm)?.length ?? 0) >= 3);
    expect(t.display('#{alternate_on}')).toBe('0');
    // The container's run ends: the session ends, kubectl exits 0, the TUI is back.
    h.clock.advance(200_000);
    const ended = 'attach to default/console (main) ended';
    const back = await t.waitFor('the list again, with how the attach ended', (s) => /^> console\s/m.test(s) && s.includes(ended) && s);
    expect(back).toContain(ended);
    expect(t.display('#{alternate_on}')).toBe('1');
    t.press('q');
    await t.waitFor('podscope to quit', () => t.display('#{alternate_on}') === '0');
  });
});

describe('attach in tmux on the in-process simulator', () => {
  it('a shows the container in the TUI; typing goes nowhere; ctrl-] detaches and the list is intact', async () => {
    const t = start('node bin/podscope.js --sim nginx; exec cat', 'attach-sim');
    await t.waitFor('the nginx pod running', (s) => /^> nginx\s+1\/1\s+Running/m.test(s));
    t.press('a');
    await t.waitFor('the attach view', (s) => s.includes("Attach default/nginx (nginx)  (ends with the container's process; ctrl-] detaches)") && s.includes('<ctrl-]> detach'));
    t.type('hostname');
    t.press('enter');
    t.press('ctrl-c');
    t.press('ctrl-]');
    const back = await t.waitFor('the list again', (s) => /^> nginx\s+1\/1\s+Running/m.test(s) && s);
    expect(back).toContain('detached from default/nginx (nginx) (the container keeps running)');
    expect(t.display('#{alternate_on}')).toBe('1');
    t.press('q');
    await t.waitFor('podscope to quit', () => t.display('#{alternate_on}') === '0');
  });
});
