// Rehearsing on the simulator with the real binary in a real terminal (issue 17): pause time
// (ages stop), step 10 s (ages move 10 s), crash a container and see the restart, stop a node
// and step past the 40 s grace to see it NotReady and its pod's Ready condition False. Needs dist/ and tmux.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTmux, TmuxSession } from './helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT_CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

let term: TmuxSession | undefined;

beforeAll(() => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` first (npm test does it)`);
  requireTmux();
  term = TmuxSession.start({ cwd: ROOT, columns: 150, rows: 40, name: 'rehearse', command: 'node bin/podscope.js --sim nginx; exec cat' });
});

afterAll(() => term?.kill());

/** The nginx row's cells: READY, STATUS, RESTARTS, AGE, NODE (AGE and NODE read under their titles: usage columns may sit between). */
function nginxRow(screen: string): { ready: string; status: string; restarts: string; age: string; node: string } | undefined {
  const lines = screen.split('\n');
  const line = lines.find((l) => /^[> ][*+ ]nginx\s/.test(l));
  const header = lines.find((l) => /\sNAME\b.*\sAGE\b/.test(l));
  if (!line || !header) return undefined;
  const under = (title: string): string => line.slice(header.search(new RegExp(`\\b${title}\\b`))).trim().split(/\s+/)[0] ?? '';
  const cells = line.slice(2).trim().split(/\s+/);
  return { ready: cells[1]!, status: cells[2]!, restarts: cells[3]!, age: under('AGE'), node: under('NODE') };
}

function seconds(age: string): number {
  const m = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(age);
  if (!m) throw new Error(`not an age: ${age}`);
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

function headerClock(screen: string): string | undefined {
  return /SIMULATOR \d{4}-\d\d-\d\d (\d\d:\d\d:\d\d)/.exec(screen)?.[1];
}

describe('rehearsing in tmux (nginx scenario)', () => {
  it('pauses, steps, crashes a container, stops its node', async () => {
    const t = term!;
    await t.waitFor('nginx running', (s) => nginxRow(s)?.status === 'Running' && nginxRow(s)?.ready === '1/1');

    // Pause: the header says so, and neither the clock nor the ages move while real time passes.
    t.press('ctrl-p');
    const paused = await t.waitFor('PAUSED in the header', (s) => /x1 PAUSED\s*$/m.test(s) && s);
    const pausedAge = nginxRow(paused)!.age;
    const pausedClock = headerClock(paused)!;
    // The subject of this check is real time passing: 2.5 s of it, while nothing may move.
    await new Promise((r) => setTimeout(r, 2500));
    expect(nginxRow(t.screen())!.age).toBe(pausedAge);
    expect(headerClock(t.screen())).toBe(pausedClock);

    // Step 10 s: ages move exactly 10 s.
    t.press('>');
    const stepped = await t.waitFor('the 10 s step', (s) => s.includes('stepped 10s') && s);
    expect(seconds(nginxRow(stepped)!.age)).toBe(seconds(pausedAge) + 10);
    expect(stepped).toMatch(/x1 PAUSED\s*$/m);

    // Crash nginx with exit code 3 through the fault menu and its confirmation.
    t.press('!');
    await t.waitFor('the fault menu', (s) => s.includes('Inject a fault into pod default/nginx') && s.includes('> crash nginx now'));
    t.press('enter');
    await t.waitFor('the crash confirmation', (s) => s.includes('Crash container nginx of default/nginx?') && s.includes('exit code:'));
    t.type('3');
    t.press('enter');
    await t.waitFor('OK focused', (s) => s.includes('[OK]'));
    t.press('enter');
    await t.waitFor('the crash reported', (s) => s.includes('default/nginx: Crashed container nginx with exit code 3'));
    // Time stands still, so the kubelet's status write waits for the next step; the first crash restarts at once.
    t.press('.');
    await t.waitFor('the restart', (s) => nginxRow(s)?.restarts.startsWith('1') && nginxRow(s)?.status === 'Running');

    // Stop nginx's node from the nodes view, then step past the 40 s grace.
    const node = nginxRow(t.screen())!.node;
    t.press(':');
    t.type('nodes');
    t.press('enter');
    await t.waitFor('the nodes view', (s) => s.includes('sim-node-1') && /Nodes/i.test(s));
    t.press('/');
    t.type(node);
    t.press('enter');
    await t.waitFor(`${node} selected`, (s) => new RegExp(`^>.*${node}\\s`, 'm').test(s));
    t.press('!');
    await t.waitFor('the node menu', (s) => s.includes(`Inject a fault into node ${node}`));
    t.press('enter');
    await t.waitFor('the stop confirmation', (s) => s.includes(`Stop node ${node}?`));
    t.press('shift-tab');
    await t.waitFor('OK focused', (s) => s.includes('[OK]'));
    t.press('enter');
    await t.waitFor('the stop reported', (s) => s.includes(`Stopped node ${node}`));
    for (let i = 0; i < 5; i++) {
      t.press('>');
      await t.waitFor(`step ${i + 1} of 5`, (s) => s.includes('stepped 10s') && headerClock(s));
    }
    await t.waitFor(`${node} NotReady`, (s) => new RegExp(`${node}\\s+NotReady`).test(s));
    t.press('esc');
    t.press('esc');
    t.press(':');
    t.type('pods');
    t.press('enter');
    await t.waitFor('the pod list', (s) => nginxRow(s) !== undefined);
    // The node lifecycle controller marks the node's pods not ready on its next monitor pass:
    // the Ready condition turns False (kubectl's READY column, counted from container statuses, stays 1/1).
    t.press('>');
    t.press('enter');
    await t.waitFor('nginx Ready False in the pod view', (s) => s.includes('Pod default/nginx') && /^\s+Ready\s+False\s/m.test(s));
    t.press('esc');
    expect(nginxRow(await t.waitFor('the pod list', (s) => nginxRow(s) !== undefined && s))!.status).toBe('Running');

    // Resume: PAUSED goes.
    t.press('ctrl-p');
    await t.waitFor('time running again', (s) => s.includes('simulated time runs again') && !s.includes('PAUSED'));
  }, 90_000);
});
