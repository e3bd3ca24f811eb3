// Issue 17, "why isn't it ready?", with the real binary: under tmux on the default scenario
// every pod that is not ready has a WHY cell (ctrl-w) naming its real cause, the pod view's first pane
// gives the evidence and the fix, and `podscope why pod` prints the same headless.
// Needs dist/ (npm test builds it first) and tmux.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TmuxSession } from './helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT_CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const BIN = join(ROOT, 'bin', 'podscope.js');
const SPEED = 5;

/** The real cause of each pod of the default scenario that is not ready (fixtures/default.yaml). */
const CAUSES: [RegExp, RegExp][] = [
  [/^big-batch$/, /^unschedulable: Insufficient cpu$/],
  [/^memory-hog$/, /^crash-looping \(OOMKilled\)|^OOMKilled \(limit 100Mi\)|^restarted \d+x \(OOMKilled\)/],
  [/^two-containers$/, /^debian-container exited 0, not restarted$/],
  [/^cart-/, /^crash-looping \(exit 1\)|^restarted \d+x \(exit 1\)/],
  [/^payments$/, /^image pull failing, next (in \d+s|now)$/],
  [/^recommendations$/, /^liveness failing|^crash-looping \(exit 137\)|^restarted \d+x \(exit 137\)/],
  [/^orders$/, /^init |^pulling |^\S+ starting$/],
  [/^frontend-/, /^pulling |^frontend starting$|^readiness /],
];

interface Row {
  name: string;
  ready: string;
  status: string;
  why: string;
}

/** The pod rows on screen, cut at the header's column positions (-A: NAMESPACE first). */
function rows(screen: string): Row[] | undefined {
  const lines = screen.split('\n');
  const header = lines.find((l) => /^ {2}NAMESPACE\s+NAME/.test(l));
  if (!header) return undefined;
  const at = (title: string): number => header.search(new RegExp(`\\b${title}\\b`));
  const [name, ready, status, restarts, why] = [at('NAME'), at('READY'), at('STATUS'), at('RESTARTS'), at('WHY')];
  if (why < 0) return undefined;
  return lines
    .filter((l) => /^[> ][*+ ][a-z]/.test(l))
    .map((l) => ({ name: l.slice(name, ready).trim(), ready: l.slice(ready, status).trim(), status: l.slice(status, restarts).trim(), why: l.slice(why).trim() }));
}

function notReady(r: Row): boolean {
  const [n, total] = r.ready.split('/').map(Number);
  return n! < total! && r.status !== 'Completed';
}

/** Undefined while some not-ready row's WHY does not (yet) name its cause; else the rows. */
function allNamed(screen: string): Row[] | undefined {
  const all = rows(screen);
  if (!all || all.length < 16) return undefined;
  for (const r of all.filter(notReady)) {
    const expected = CAUSES.find(([name]) => name.test(r.name))?.[1];
    if (!expected || !expected.test(r.why)) return undefined;
  }
  return all;
}

let term: TmuxSession | undefined;

beforeAll(() => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` first (npm test does it)`);
  term = TmuxSession.start({ cwd: ROOT, columns: 230, rows: 40, command: `node bin/podscope.js --sim default --speed ${SPEED} -A; exec cat` });
});

afterAll(() => term?.kill());

describe('why under tmux (default scenario, all namespaces)', () => {
  it('every not-ready pod names its real cause in the WHY column, and the pod view gives evidence and fix', async () => {
    const t = term!;
    await t.waitFor('the pod list', (s) => s.includes('Pods(all)[') && /^ {2}NAMESPACE\s+NAME/m.test(s));
    t.press('ctrl-w');
    // Past the first minute the stories have shown: the crash loops, the pull back-off, the unschedulable pod.
    const shown = await t.waitFor(
      'every not-ready pod with its cause, the stories under way',
      (s) => {
        const all = allNamed(s);
        const cell = (n: RegExp): string | undefined => all?.find((r) => n.test(r.name))?.why;
        const looping = all?.some((r) => /^(cart-|memory-hog$)/.test(r.name) && /^crash-looping/.test(r.why));
        return all && looping && /^image pull failing/.test(cell(/^payments$/) ?? '') && /unschedulable/.test(cell(/^big-batch$/) ?? '') && /not restarted/.test(cell(/^two-containers$/) ?? '') ? all : undefined;
      },
      60_000,
    );
    expect(shown.filter(notReady).length).toBeGreaterThanOrEqual(3);
    // The healthy ones have nothing to say.
    for (const r of shown.filter((x) => /^(web-|myweb$|mysql$)/.test(x.name))) expect(r.why).toBe('');

    // The pod view of the unschedulable pod: its headline, and with the focus the fix from the nodes.
    t.press('/');
    t.type('big-batch');
    t.press('enter');
    await t.waitFor('the filtered list', (s) => /^> batch\s+big-batch/m.test(s));
    t.press('enter');
    await t.waitFor('the why pane', (s) => s.includes('Pod batch/big-batch') && /^✗ unschedulable: 3 Insufficient cpu$/m.test(s));
    t.press('shift-tab');
    const focused = await t.waitFor('the evidence and the fix', (s) => s.includes('▸ Why not ready?') && s.includes('→ fix:') && s);
    expect(focused.replace(/\n +/g, ' ')).toContain("→ fix: the request of 64 CPU is larger than any node's allocatable 4 CPU");
    expect(focused).toMatch(/^ {4}largest node allocatable cpu: 4 CPU \(3 nodes\)$/m);
  }, 90_000);

  it('podscope why pod: the findings with evidence and fixes, exit 0', async () => {
    const home = mkdtempSync(join(tmpdir(), 'podscope-why-'));
    try {
      const child = spawn(process.execPath, [BIN, 'why', 'pod', 'memory-hog', '-n', 'batch', '--sim', 'default'], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: home } });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(0);
      expect(out).toMatch(/^Pod batch\/memory-hog: /);
      expect(out).toMatch(/^✗ container stress was OOMKilled \d+s ago: it used all of its memory limit 100Mi$/m);
      expect(out).toMatch(/^ {4}stress: resources\.limits\.memory 100Mi, requests\.memory 50Mi$/m);
      expect(out).toContain('  → fix: raise resources.limits.memory above 100Mi');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 30_000);
});
