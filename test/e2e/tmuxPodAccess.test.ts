// `s` and `shift-f` in the real binary under tmux. On the in-process simulator the simulated
// shell runs in the TUI: `hostname` prints the pod's name, `exit` returns to the list intact;
// `shift-f` forwards nginx's port, an HTTP GET through it gets the welcome page, ctrl-d in the
// `f` view stops it and the port closes. Against `sim serve` through a kubeconfig, `s` hands
// the terminal to the real kubectl (`kubectl exec -it … -- sh -c "clear; (bash || ash || sh)"`):
// bash's prompt, `hostname`, `exit`, and the TUI comes back on the alternate screen with the
// list intact. Needs dist/ and tmux.
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { closeStartedHarnesses, Harness, kubectlAvailable } from './helpers/serverHarness.js';
import { requireTmux, TmuxSession } from './helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT_CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

let term: TmuxSession | undefined;
afterEach(async () => {
  term?.kill();
  term = undefined;
  await closeStartedHarnesses();
});

function get(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

function start(command: string, name: string): TmuxSession {
  requireTmux();
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` first (npm test does it)`);
  term = TmuxSession.start({ cwd: ROOT, columns: 140, rows: 35, name, command });
  return term;
}

describe('shell and port-forward in tmux', () => {
  it('in-process simulator: s runs the simulated shell (hostname, exit); shift-f forwards, f lists, ctrl-d stops', async () => {
    const t = start('node bin/podscope.js --sim nginx; exec cat', 'access');
    await t.waitFor('the nginx pod running', (s) => /^> nginx\s+1\/1\s+Running/m.test(s));
    t.press('s');
    await t.waitFor('the shell view', (s) => s.includes('Shell default/nginx (nginx)'));
    t.type('hostname');
    t.press('enter');
    await t.waitFor('hostname to print the pod name', (s) => /^nginx$/m.test(s));
    t.press('esc');
    t.type('exit');
    t.press('enter');
    const back = await t.waitFor('the list again', (s) => /^> nginx\s+1\/1\s+Running/m.test(s) && s);
    expect(back).toContain('shell in default/nginx (nginx) exited');
    expect(t.display('#{alternate_on}')).toBe('1');

    t.press('F');
    await t.waitFor('the local port prompt', (s) => s.includes('forward default/nginx:80 from local port (0: any free one): 80'));
    t.press('backspace');
    t.press('backspace');
    t.type('0');
    t.press('enter');
    const port = await t.waitFor('the forward to start', (s) => {
      const m = /forwarding 127\.0\.0\.1:(\d+) → default\/nginx:80 \(nginx\)/.exec(s);
      return m ? Number(m[1]) : undefined;
    });
    expect(await get(port)).toContain('<title>Welcome to nginx!</title>');
    t.press('f');
    await t.waitFor('the forwards view', (s) => s.includes('PortForwards[1]') && new RegExp(`default\\s+nginx\\s+nginx\\s+80\\s+127\\.0\\.0\\.1:${port}\\s+0`).test(s));
    t.press('ctrl-d');
    await t.waitFor('the forward stopped', (s) => s.includes(`stopped forwarding 127.0.0.1:${port}`) && s.includes('PortForwards[0]'));
    await expect(get(port)).rejects.toThrow('ECONNREFUSED');
    t.press('q');
    t.press('q');
    await t.waitFor('podscope to quit', () => t.display('#{alternate_on}') === '0');
  });

  it.runIf(kubectlAvailable())('sim serve: s hands the terminal to kubectl exec -it and the TUI comes back intact', async () => {
    const h = await Harness.start({ scenario: 'nginx' });
    const t = start(`node bin/podscope.js --kubeconfig ${h.kubeconfig}; exec cat`, 'kubectl');
    await t.waitFor('the nginx pod running', (s) => /^> nginx\s+1\/1\s+Running/m.test(s));
    t.press('s');
    // kubectl runs k9s's shell line: `clear`, then bash (nginx's image is Debian-based) with its prompt.
    await t.waitFor("bash's prompt on the main screen", (s) => t.display('#{alternate_on}') === '0' && /^root@nginx:\/# $/m.test(s.trimEnd() + ' '));
    t.type('hostname');
    t.press('enter');
    await t.waitFor('hostname to print the pod name', (s) => /^nginx$/m.test(s));
    t.type('exit');
    t.press('enter');
    await t.waitFor('the list again', (s) => /^> nginx\s+1\/1\s+Running/m.test(s) && s.includes('shell in default/nginx (nginx) ended'));
    expect(t.display('#{alternate_on}')).toBe('1');
    const screen = t.screen();
    expect(screen).toContain('Pods(default)[1]');
    expect(screen).toMatch(/shell in default\/nginx \(nginx\) ended/);
    // Keys work again after the TUI came back.
    t.press('d');
    await t.waitFor('describe', (s) => s.includes('Describe default/nginx'));
  });
});
