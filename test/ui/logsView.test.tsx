// The logs view on the crash-loop fixture, on the manual clock: `l` shows the container's
// last words, follows it across two restarts with boundary marks (exit code and reason, the
// restart time), `p` reads the previous instance, `/` highlights and n/N jump, `w` wraps,
// `t` shows the kubelet's timestamps, filter mode hides the rest, ctrl-s saves what is shown.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chalk from 'chalk';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, resolveScenarioPath } from '../../src/sim/scenario/index.js';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { mount, type Mounted } from './helpers.js';
import { createTestSimulator } from './testSimulator.js';

let mounted: Mounted | undefined;
let stopSim: (() => void) | undefined;
const chalkLevel = chalk.level;
afterEach(() => {
  mounted?.unmount();
  stopSim?.();
  mounted = undefined;
  chalk.level = chalkLevel;
});

async function open(fixture: string, columns = 120): Promise<{ m: Mounted; sim: ReturnType<typeof createTestSimulator> }> {
  const sim = createTestSimulator(await loadScenario(resolveScenarioPath(fixture)));
  stopSim = () => sim.stop();
  // The container has started (image pulled at ~3 s) and not yet crashed (2 s later).
  sim.clock.advance(3_500);
  const app = new AppState({ source: new SimSource(sim), namespace: 'default', frameMs: 0, realNow: () => 0 });
  mounted = await mount(app, { columns, rows: 30 });
  return { m: mounted, sim };
}

/** Moves simulated time in steps (timers fire, frames land) and waits for idle after each. */
async function advance(m: Mounted, sim: ReturnType<typeof createTestSimulator>, ms: number, step = 500): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    sim.clock.advance(Math.min(step, ms - t));
    await m.idle();
  }
}

const body = (frame: string): string[] => frame.split('\n');
const count = (frame: string, re: RegExp): number => body(frame).filter((l) => re.test(l)).length;

describe('logs view', () => {
  it('l on the crash loop: its last words, then two restarts with boundary marks, the new instance after each', async () => {
    const { m, sim } = await open('crashloop');
    await m.press('logs');
    expect(m.app.view).toBe('logs');
    expect(m.frame()).toContain('Logs default/crashloop:app follow');
    expect(m.frame()).toContain('connecting to the database...');
    expect(m.frame()).not.toContain('connection refused');
    await advance(m, sim, 2_000);
    let f = m.frame();
    expect(f).toContain('connection refused');
    expect(f).toMatch(/■ app exited with code 1 \(Error\) at \d\d:\d\d:\d\dZ/);
    // The kubelet restarts it (at once, then after its 10 s back-off): each restart leaves a
    // mark, and the new instance's lines follow it.
    for (let waited = 0; !m.frame().includes('(restart #2)') && waited < 60_000; waited += 1_000) await advance(m, sim, 1_000);
    await advance(m, sim, 500);
    f = m.frame();
    expect(f).toMatch(/▶ app restarted at \d\d:\d\d:\d\dZ \(restart #1\)/);
    expect(f).toMatch(/▶ app restarted at \d\d:\d\d:\d\dZ \(restart #2\)/);
    expect(count(f, /■ app exited with code 1 \(Error\)/)).toBe(2);
    expect(count(f, /^connecting to the database\.\.\.$/)).toBe(3);
    const lines = body(f);
    const firstExit = lines.findIndex((l) => l.includes('■ app exited'));
    const firstRestart = lines.findIndex((l) => l.includes('▶ app restarted'));
    expect(lines[firstExit - 1]).toBe('connection refused');
    expect(firstRestart).toBe(firstExit + 1);
    expect(lines[firstRestart + 1]).toBe('connecting to the database...');
  });

  it('p reads the previous instance; with none, the kubelet says so', async () => {
    const { m, sim } = await open('crashloop');
    await m.press('previous');
    await m.idle();
    expect(m.frame()).toContain('previous terminated container "app" in pod "crashloop" not found');
    await m.press('back');
    await advance(m, sim, 13_000);
    await m.press('previous');
    const f = m.frame();
    expect(f).toContain('Logs default/crashloop:app (previous)');
    expect(f).toContain('connecting to the database...');
    expect(f).toContain('connection refused');
    expect(f).not.toContain('▶');
  });

  it('/ highlights matches, n and N move between them and pause follow; f shows only matches; esc clears', async () => {
    chalk.level = 1;
    const { m, sim } = await open('crashloop');
    await m.press('logs');
    await advance(m, sim, 40_000);
    await m.press('search');
    await m.type('refused');
    await m.press('submit');
    const v = m.app.logs!;
    expect(v.pattern?.text).toBe('refused');
    const rows = v.window(20, 120);
    const hits = rows.filter((r) => r.hits.length > 0);
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(hits.every((r) => r.text === 'connection refused' && r.hits[0]![0] === 11 && r.hits[0]![1] === 18)).toBe(true);
    expect(rows.filter((r) => r.text === 'connection refused').length).toBe(hits.length);
    await m.press('nextMatch');
    expect(v.follow).toBe(false);
    const first = v.currentHit!;
    await m.press('nextMatch');
    expect(v.currentHit).toBeGreaterThan(first);
    await m.press('previousMatch');
    expect(v.currentHit).toBe(first);
    expect(m.frame()).toContain('paused (G follows)');
    await m.press('filterMode');
    const shown = body(m.frame()).filter((l) => l === 'connection refused' || l.startsWith('connecting'));
    expect(shown).toEqual(hits.map(() => 'connection refused'));
    expect(m.frame()).toContain('filter /refused/');
    await m.press('follow');
    expect(v.follow).toBe(true);
    await m.key('esc');
    expect(v.pattern).toBeUndefined();
    expect(m.frame()).toContain('connecting to the database...');
  });

  it('w wraps long lines, t shows the timestamps, ctrl-s saves what is shown', async () => {
    const { m, sim } = await open('crashloop', 60);
    await m.press('logs');
    await advance(m, sim, 2_000);
    await m.press('timestamps');
    let f = m.frame();
    const stamped = body(f).find((l) => /^\d{4}-\d\d-\d\dT[\d:.]+Z connecting/.test(l));
    expect(stamped).toBeDefined();
    expect(f).not.toMatch(/^connection refused$/m);
    // 30 columns: narrower than the stamped lines, so wrapping shows.
    const v = m.app.logs!;
    expect(v.window(50, 30).map((r) => r.text)[0]).toBe(stamped);
    expect(v.window(50, 30)).toHaveLength(v.shownCount);
    await m.press('wrap');
    expect(v.wrap).toBe(true);
    expect(m.frame()).toContain('wrap on');
    const wrapped = v.window(50, 30).map((r) => r.text);
    expect(wrapped[0]).toBe(stamped!.slice(0, 30));
    expect(wrapped[1]).toBe(stamped!.slice(30));
    expect(wrapped.join('')).toContain('connection refused');
    expect(wrapped.every((r) => r.length <= 30)).toBe(true);
    await m.press('wrap');
    expect(v.wrap).toBe(false);
    expect(v.window(50, 30)).toHaveLength(v.shownCount);
    const dir = mkdtempSync(join(tmpdir(), 'podscope-save-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = dir;
    try {
      await m.key('ctrl-s');
      const said = /^saved (\d+) lines to (\S+)$/.exec(m.app.status?.text ?? '');
      expect(said, m.app.status?.text).not.toBeNull();
      expect(Number(said![1])).toBe(v.shownCount);
      const path = said![2]!;
      expect(path.startsWith(join(dir, 'podscope'))).toBe(true);
      const text = readFileSync(path, 'utf8');
      expect(text).toBe(v.shownText());
      expect(text).toMatch(/^\S+Z connecting to the database\.\.\.\n\S+Z connection refused\n■ app exited with code 1 \(Error\) at \S+\n/);
    } finally {
      process.env.TMPDIR = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a pod with several containers: a picker defaulting to the first; "all containers" prefixes each line', async () => {
    const { m, sim } = await open('two-containers');
    await advance(m, sim, 5_000);
    await m.press('logs');
    expect(m.app.picker?.kind).toBe('container');
    expect(m.frame()).toContain('which container?');
    const items = m.app.picker!.items;
    expect(items[items.length - 1]).toBe('all containers');
    expect(m.app.picker!.cursor).toBe(0);
    await m.key('up');
    for (let i = 0; i < items.length; i++) await m.key('down');
    await m.key('enter');
    expect(m.app.logs!.allContainers).toBe(true);
    await advance(m, sim, 2_000);
    const prefixed = body(m.frame()).filter((l) => /^\[[a-z0-9-]+\] /.test(l));
    expect(prefixed.length).toBeGreaterThan(0);
  });

  it('the pod deleted while followed: the view says so instead of going quiet', async () => {
    const { m, sim } = await open('crashloop');
    await m.press('logs');
    expect(m.frame()).toContain('connecting to the database...');
    sim.api.delete('Pod', 'default', 'crashloop', { gracePeriodSeconds: 0 });
    await advance(m, sim, 1_000);
    expect(m.frame()).toContain('■ pod default/crashloop was deleted');
  });
});
