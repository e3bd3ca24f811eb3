// k9s's shell command (`sh -c "clear; (bash || ash || sh)"`) through a terminal: clear, the
// subshell with ||, the image's shells, and nested interactive shells with their own exit.
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../../../src/sim/engine.js';
import { run, sh, simWith, until } from './helpers.js';

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: bb}
spec:
  containers: [{name: c, image: "busybox:1.36", command: ["sleep", "3600"]}]
---
apiVersion: v1
kind: Pod
metadata: {name: deb}
spec:
  containers: [{name: c, image: "nginx:1.27.3"}]
---
apiVersion: v1
kind: Pod
metadata: {name: alp}
spec:
  containers: [{name: c, image: "nginx:1.27-alpine"}]
---
apiVersion: v1
kind: Pod
metadata: {name: py}
spec:
  containers: [{name: c, image: "python:3.12-alpine", command: ["sleep", "3600"]}]
`;

const K9S = ['sh', '-c', 'clear; (bash || ash || sh)'];

interface Term {
  screen(): string;
  type(keys: string): void;
  waitFor(tail: string): Promise<void>;
  exited: Promise<number>;
}

function terminal(sim: Simulator, pod: string, command: string[]): Term {
  let screen = '';
  const s = sim.inside.exec({ namespace: 'default', pod, container: 'c', command, tty: true, stdin: true }, { stdout: (d) => (screen += typeof d === 'string' ? d : Buffer.from(d).toString('utf8')), stderr: (d) => (screen += String(d)) });
  return {
    screen: () => screen,
    type: (keys) => s.write(keys),
    waitFor: (tail) => until(() => screen.endsWith(tail), () => screen),
    exited: s.exited,
  };
}

describe("k9s's shell command on each image", () => {
  // `exit 3` in the first shell found makes `||` try the next one, as it does in a real container;
  // the last shell's exit status is the exec's.
  it.each([
    ['bb', 'busybox: clear is home + erase below; bash is not found, ash starts, then sh', '\x1b[H\x1b[Jsh: bash: not found\r\n/ # ', '/ # ', '/ # '],
    ['alp', 'nginx alpine: busybox userland, ash then sh', '\x1b[H\x1b[Jsh: bash: not found\r\n/ # ', '/ # ', '/ # '],
    ['py', 'python alpine: ash then sh', '\x1b[H\x1b[Jsh: bash: not found\r\n/ # ', '/ # ', '/ # '],
    ['deb', 'nginx (Debian): ncurses clear with the scrollback, bash, no ash, then dash', '\x1b[H\x1b[2J\x1b[3Jroot@deb:/# ', 'root@deb:/# ', 'sh: 1: ash: not found\r\n# '],
  ])('%s — %s', async (pod, _what, opening, prompt, next) => {
    const { sim } = simWith(PODS);
    const t = terminal(sim, pod, K9S);
    await t.waitFor(prompt);
    expect(t.screen()).toBe(opening);
    t.type('hostname\r');
    await t.waitFor(`${pod}\r\n${prompt}`);
    t.type('exit 3\r');
    await t.waitFor(`exit 3\r\n${next}`);
    t.type('exit 3\r');
    expect(await t.exited).toBe(3);
    expect(t.screen()).toBe(`${opening}hostname\r\n${pod}\r\n${prompt}exit 3\r\n${next}exit 3\r\n`);
    const ok = terminal(sim, pod, K9S);
    await ok.waitFor(prompt);
    ok.type('exit\r');
    expect(await ok.exited).toBe(0);
    sim.stop();
  });

  it('a nested shell has its own directory and variables; its exit returns to the outer prompt', async () => {
    const { sim } = simWith(PODS);
    const t = terminal(sim, 'deb', ['bash']);
    await t.waitFor('root@deb:/# ');
    t.type('X=outer\r');
    await t.waitFor('root@deb:/# ');
    t.type('sh\r');
    await t.waitFor('sh\r\n# ');
    t.type('cd /tmp; X=inner\r');
    await t.waitFor('# ');
    t.type('echo $X; pwd\r');
    await t.waitFor('inner\r\n/tmp\r\n# ');
    t.type('nope\r');
    await t.waitFor('sh: 3: nope: not found\r\n# ');
    t.type('exit 5\r');
    await t.waitFor('exit 5\r\nroot@deb:/# ');
    t.type('echo $? $X\r');
    await t.waitFor('5 outer\r\nroot@deb:/# ');
    t.type('pwd\r');
    await t.waitFor('pwd\r\n/\r\nroot@deb:/# ');
    t.type('ash\r');
    await t.waitFor('bash: ash: command not found\r\nroot@deb:/# ');
    t.type('\x04');
    expect(await t.exited).toBe(127);
    sim.stop();
  });

  it('ctrl-d leaves only the nested shell', async () => {
    const { sim } = simWith(PODS);
    const t = terminal(sim, 'bb', K9S);
    await t.waitFor('/ # ');
    t.type('sh\r');
    await t.waitFor('sh\r\n/ # ');
    t.type('\x04');
    await t.waitFor('exit\r\n/ # ');
    t.type('false\r');
    await t.waitFor('false\r\n/ # ');
    // ash ends with false's status, so `|| sh` starts sh; its ctrl-d ends the exec with 0.
    t.type('\x04');
    await t.waitFor('false\r\n/ # exit\r\n/ # ');
    t.type('\x04');
    expect(await t.exited).toBe(0);
    sim.stop();
  });
});

describe('subshells and shells without a terminal', () => {
  it.each([
    ['(cd /tmp; X=1; pwd); pwd; echo "[$X]"', '/tmp\n/\n[]\n', 0],
    ['(exit 4) || echo failed\necho $?', 'failed\n0\n', 0],
    ['(exit 4)\necho $?', '4\n', 0],
    ['(false || echo a && echo b) | cat', 'a\nb\n', 0],
    ['(echo in) > /tmp/f; cat /tmp/f', 'in\n', 0],
    ['(exit 7); echo after', 'after\n', 0],
    ['(exit 7)', '', 7],
    ['sh -c "cd /tmp; exit 2"\necho $?; pwd', '2\n/\n', 0],
  ])('%s', async (script, stdout, code) => {
    const { sim } = simWith(PODS);
    const r = await sh(sim, 'bb', 'c', script);
    expect(r.stdout).toBe(stdout);
    expect(r.code).toBe(code);
    sim.stop();
  });

  // Parameters are expanded as each pipeline starts, not when the line is read.
  it.each([
    ['false; echo $?', '1\n', 0],
    ['true; echo $?', '0\n', 0],
    ['false || echo $?', '1\n', 0],
    ['(exit 3); echo "st=$?"', 'st=3\n', 0],
    ['X=1; echo $X', '1\n', 0],
    ['X=a; X=b echo $X', 'a\n', 0],
    // An assignment's value is not split; a parameter that only looks like one is no assignment.
    ['X="a  b"; Y=$X; echo "[$Y]"', '[a  b]\n', 0],
    ['N=X; $N=1 2>/dev/null; echo $?', '127\n', 0],
    ['nosuch 2>/dev/null; echo $?', '127\n', 0],
    // A pipeline's commands all see the status from before it, as sh runs them side by side.
    ['false; true | echo $?', '1\n', 0],
    ['false; (echo $?; true; echo $?)', '1\n0\n', 0],
    ['echo a > /tmp/$?; cat /tmp/0', 'a\n', 0],
  ])('%s', async (script, stdout, code) => {
    const { sim } = simWith(PODS);
    const r = await sh(sim, 'bb', 'c', script);
    expect(r.stdout).toBe(stdout);
    expect(r.code).toBe(code);
    sim.stop();
  });

  it('a nested shell reads the rest of stdin; without stdin it reads end of file at once', async () => {
    const { sim } = simWith(PODS);
    // ash reads `hostname` and `exit 3`; `|| sh` then reads `exit 4`.
    expect(await run(sim, 'bb', 'c', K9S, 'hostname\nexit 3\nexit 4\n')).toMatchObject({ stdout: '\x1b[H\x1b[Jbb\n', stderr: 'sh: bash: not found\n', code: 4 });
    expect(await run(sim, 'bb', 'c', K9S, 'exit 3\n')).toMatchObject({ code: 0 });
    expect(await run(sim, 'bb', 'c', ['sh'], 'sh\necho inner\nexit 6\necho outer $?\n')).toMatchObject({ stdout: 'inner\nouter 6\n', code: 0 });
    expect(await run(sim, 'bb', 'c', K9S)).toMatchObject({ stdout: '\x1b[H\x1b[J', code: 0 });
    sim.stop();
  });

  it("clear without a terminal: busybox writes its sequence anyway; ncurses needs TERM", async () => {
    const { sim } = simWith(PODS);
    expect(await sh(sim, 'deb', 'c', 'clear')).toMatchObject({ stdout: '', stderr: 'TERM environment variable not set.\n', code: 1 });
    expect(await sh(sim, 'deb', 'c', 'TERM=foo; export TERM; clear')).toMatchObject({ stderr: "'foo': unknown terminal type.\n", code: 1 });
    expect(await sh(sim, 'bb', 'c', 'clear')).toMatchObject({ stdout: '\x1b[H\x1b[J', code: 0 });
    sim.stop();
  });

  it('a shell the image lacks is not found by the shell, and by the runtime when exec runs it', async () => {
    const { sim } = simWith(PODS);
    expect(await sh(sim, 'bb', 'c', 'bash\necho $?')).toMatchObject({ stdout: '127\n', stderr: 'sh: bash: not found\n' });
    expect(await sh(sim, 'deb', 'c', 'ash')).toMatchObject({ stderr: 'sh: 1: ash: not found\n', code: 127 });
    expect((await run(sim, 'bb', 'c', ['bash'])).code).toBe(126);
    expect(await run(sim, 'bb', 'c', ['ash', '-c', 'echo ok'])).toMatchObject({ stdout: 'ok\n', code: 0 });
    sim.stop();
  });
});
