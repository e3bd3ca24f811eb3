// The logs view in the real binary under tmux, on the crash-loop fixture: `l` shows the
// container's last words and keeps following across two restarts, each boundary marked;
// `/` highlights matches and `n` jumps to them (pausing follow); `w` wraps; `p` reads the
// previous instance. Needs dist/ (npm test builds it first) and tmux.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTmux, TmuxSession } from './helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT_CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
/** Simulated seconds per real second: the back-offs (10 s, 20 s, 40 s) pass in seconds. */
const SPEED = 5;

let term: TmuxSession | undefined;

beforeAll(() => {
  requireTmux();
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` first (npm test does it)`);
  term = TmuxSession.start({ cwd: ROOT, columns: 120, rows: 40, name: 'logs', command: `node bin/podscope.js --sim crashloop --speed ${SPEED}; exec cat` });
});

afterAll(() => term?.kill());

const count = (screen: string, re: RegExp): number => screen.split('\n').filter((l) => re.test(l)).length;

describe('the logs view in tmux (crash-loop fixture)', () => {
  it('l: last words, two restarts marked; / highlights, n jumps; w wraps; p reads the previous instance', async () => {
    const t = term!;
    await t.waitFor('the crashloop pod in the list', (s) => /^> \s*crashloop\s/m.test(s));
    t.press('l');
    await t.waitFor('the logs view with the last words', (s) => s.includes('Logs default/crashloop:app') && s.includes('connection refused'));
    const followed = await t.waitFor(
      'two restarts with their boundary marks',
      (s) => count(s, /^▶ app restarted at \d\d:\d\d:\d\dZ \(restart #\d+\)/) >= 2 && count(s, /^■ app exited with code 1 \(Error\) at /) >= 2 && s,
      60_000,
    );
    const lines = followed.split('\n');
    const restart = lines.findIndex((l) => l.startsWith('▶ app restarted'));
    expect(lines[restart - 1]).toMatch(/^■ app exited with code 1 \(Error\)/);
    expect(lines[restart + 1]).toBe('connecting to the database...');
    expect(followed).toContain(' · follow · ');

    t.press('/');
    t.type('refused');
    t.press('enter');
    await t.waitFor('the search on the info line', (s) => s.includes('search /refused/'));
    const coloured = t.screenWithColours();
    expect(coloured).toMatch(/\u001b\[[0-9;]*43[0-9;]*mrefused/);
    t.press('n');
    await t.waitFor('n to pause follow at a match', (s) => s.includes('paused (G follows)'));
    expect(t.screenWithColours()).toMatch(/\u001b\[[0-9;]*42[0-9;]*mrefused/);
    t.press('G');
    await t.waitFor('G to follow again', (s) => s.includes(' · follow · '));

    t.press('t');
    await t.waitFor('timestamps on', (s) => s.includes('timestamps on') && /^\d{4}-\d\d-\d\dT\S+Z connecting to the database\.\.\.$/m.test(s));
    t.press('w');
    await t.waitFor('wrap on', (s) => s.includes('wrap on'));
    t.press('w');
    await t.waitFor('wrap off', (s) => s.includes('wrap off'));

    t.press('esc');
    t.press('esc');
    await t.waitFor('the pod list again', (s) => /^> \s*crashloop\s/m.test(s) && !s.includes('Logs default/'));
    t.press('p');
    const previous = await t.waitFor('the previous instance', (s) => s.includes('Logs default/crashloop:app (previous)') && s.includes('connection refused') && s);
    expect(previous).toContain('connecting to the database...');
    expect(previous).not.toContain('▶ app restarted');
    t.press('q');
    t.press('q');
    await t.waitFor('podscope to quit', (s) => !s.includes('Logs default/') && !s.includes('Pods('));
  }, 120_000);
});
