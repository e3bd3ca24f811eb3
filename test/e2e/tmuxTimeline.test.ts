// The timeline view in the real binary under tmux, on the crash-loop fixture: `t` on the
// crash-looping pod shows its restarts with the back-off gap since each exit, following the
// newest; `g` goes to its creation; Esc goes back. Needs dist/ (npm test builds it first) and tmux.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTmux, TmuxSession } from './helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT_CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
/** Simulated seconds per real second: the back-offs (10 s, 20 s) pass in seconds. */
const SPEED = 5;

let term: TmuxSession | undefined;

beforeAll(() => {
  requireTmux();
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` first (npm test does it)`);
  term = TmuxSession.start({ cwd: ROOT, columns: 140, rows: 40, name: 'timeline', command: `node bin/podscope.js --sim crashloop --speed ${SPEED}; exec cat` });
});

afterAll(() => term?.kill());

describe('the timeline view in tmux (crash-loop fixture)', () => {
  it('t: restarts with the gap since each exit, events between; g its creation; Esc back', async () => {
    const t = term!;
    await t.waitFor('the crashloop pod in the list', (s) => /^> \s*crashloop\s/m.test(s));
    t.press('t');
    await t.waitFor('the timeline view', (s) => s.includes('Timeline default/crashloop follow'));
    const shown = await t.waitFor(
      'two restarts, the second after the 10 s back-off',
      (s) => /app: .* → Running \(restart 2, 10s after the exit\)/.test(s) && s,
      60_000,
    );
    expect(shown).toMatch(/^\d\d:\d\d:\d\d \+\d+s\s+app: Running → Terminated Error \(exit 1\)$/m);
    expect(shown).toMatch(/app: BackOff .*Back-off restarting failed container app/);
    // Once the timeline is longer than the screen, following shows its end: g goes to its start.
    await t.waitFor('more entries than the screen holds', (s) => /↑ \d+ earlier/.test(s), 60_000);
    t.press('g');
    const top = await t.waitFor('the top: its creation', (s) => s.includes('Timeline default/crashloop paused') && s);
    expect(top).toMatch(/^\d\d:\d\d:\d\d \+0s\s+Created$/m);
    expect(top).toMatch(/Scheduled to sim-node-\d/);
    t.press('esc');
    await t.waitFor('the pod list again', (s) => /^> \s*crashloop\s/m.test(s) && !s.includes('Timeline default/'));
    t.press('q');
    await t.waitFor('podscope to quit', (s) => !s.includes('Pods('));
  }, 120_000);
});
