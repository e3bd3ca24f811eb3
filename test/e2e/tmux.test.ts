// The real binary in a real terminal: the crash-loop and the delete-with-grace stories of
// the TUI issue, driven through tmux on the default scenario, and the terminal left as it
// was found after `q`. Needs dist/ (npm test builds it first) and tmux.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, startLiveCluster, type LiveCluster } from './helpers/kubeTui.js';
import { TmuxSession } from './helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT_CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const BEFORE = 'podscope-e2e-shell-before';
const AFTER = 'podscope-e2e-exit-code=';
/** Simulated seconds per real second: the crash loop passes quickly, the 3 s grace still spans several frames. */
const SPEED = 5;

let term: TmuxSession | undefined;

beforeAll(() => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` first (npm test does it)`);
  term = TmuxSession.start({
    cwd: ROOT,
    columns: 160,
    rows: 45,
    command: `printf '%s\\n' ${BEFORE}; node bin/podscope.js --sim default --speed ${SPEED} -A; printf '%s%s\\n' ${AFTER} "$?"; exec cat`,
  });
});

afterAll(() => term?.kill());

/** The pod-list row of a pod (selection and marks gutter included), or undefined. */
function podRow(screen: string, name: RegExp): string | undefined {
  return screen.split('\n').find((l) => /^[> ][*+ ]/.test(l) && name.test(l));
}

/** Names of the web Deployment's pods on screen (NAMESPACE column first: -A). */
function webPods(screen: string): string[] {
  const out: string[] = [];
  for (const l of screen.split('\n')) {
    const m = /^[> ][*+ ]default\s+(web-[a-z0-9]+-[a-z0-9]{5})\s/.exec(l);
    if (m) out.push(m[1]!);
  }
  return out;
}

describe('podscope in tmux (default scenario, all namespaces)', () => {
  it('finds the crash-looping pod, deletes a Deployment pod with grace 3, sees the replacement, and restores the screen on q', async () => {
    const t = term!;
    await t.waitFor('the pod list', (s) => s.includes('Pods(all)[') && s.includes('SIMULATOR') && /^[> ][*+ ]shop\s+cart-/m.test(s));
    expect(t.display('#{alternate_on}')).toBe('1');

    // `/` to find the crash-looping pod; Enter keeps the filter, Enter opens the pod view.
    t.press('/');
    t.type('cart');
    await t.waitFor('the filter prompt', (s) => s.includes('/cart█'));
    t.press('enter');
    await t.waitFor('the filtered list', (s) => s.includes('Pods(all)[1/') && s.includes('</cart>'));
    expect(podRow(t.screen(), /^> shop\s+cart-/)).toBeDefined();
    t.press('enter');
    const podView = await t.waitFor(
      'CrashLoopBackOff and a BackOff event in the pod view',
      (s) => s.includes('Pod shop/cart-') && /Waiting: CrashLoopBackOff/.test(s) && /Warning\s+BackOff\s.*Back-off restarting failed container cart in pod cart-/.test(s) && s,
      30_000,
    );
    expect(podView).toContain('▸ Phase & conditions');
    t.press('esc');
    await t.waitFor('the pod list again', (s) => s.includes('Pods(all)[1/') && !s.includes('Pod shop/cart-'));
    t.press('esc');
    await t.waitFor('the filter cleared', (s) => /Pods\(all\)\[\d+\]\s*$/m.test(s));

    // Select a pod of the web Deployment and delete it with grace 3.
    const before = await t.waitFor('three web pods', (s) => (webPods(s).length === 3 ? webPods(s) : undefined));
    t.press('/');
    t.type('web-');
    t.press('enter');
    const victim = await t.waitFor('the first web pod selected', (s) => /^> default\s+(web-\S+)/m.exec(s)?.[1]);
    expect(before).toContain(victim);
    t.press('ctrl-d');
    const dialog = await t.waitFor('the delete dialog', (s) => s.includes(`Delete pod default/${victim}?`) && s);
    expect(dialog).toContain('Grace period:  30s');
    expect(dialog).toMatch(/\[Cancel\]/);
    t.press('backspace');
    t.press('backspace');
    t.type('3');
    await t.waitFor('grace 3', (s) => s.includes('Grace period:  3s'));
    t.press('shift-tab'); // Cancel → OK
    await t.waitFor('OK focused', (s) => s.includes('[OK]'));
    t.press('enter');

    // Terminating counts down, the pod goes, and the Deployment's replacement appears.
    const victimRow = new RegExp(`^[> ][*+ ]default\\s+${victim}\\s`);
    const countdown: number[] = [];
    await t.waitFor(
      `${victim} to count down and go`,
      (s) => {
        const row = podRow(s, victimRow);
        const left = row ? /Terminating \((\d+)s\)/.exec(row)?.[1] : undefined;
        if (left !== undefined && countdown[countdown.length - 1] !== Number(left)) countdown.push(Number(left));
        return row === undefined && countdown.length > 0;
      },
      30_000,
    );
    expect(t.screen()).toContain(`pod "default/${victim}" deleting (grace 3s)`);
    expect(countdown[0]).toBeLessThanOrEqual(3);
    expect(countdown.length).toBeGreaterThanOrEqual(2);
    expect([...countdown].sort((a, b) => b - a)).toEqual(countdown);
    const replacement = await t.waitFor('the replacement web pod', (s) => {
      const fresh = webPods(s).filter((n) => !before.includes(n));
      return fresh.length === 1 ? fresh[0] : undefined;
    });
    // New pods are highlighted for a few (real) seconds: `+` in the gutter.
    expect(podRow(t.screen(), new RegExp(`default\\s+${replacement}\\s`))).toMatch(/^[> ]\+default/);
    expect(replacement).toMatch(new RegExp(`^${victim.replace(/-[a-z0-9]{5}$/, '')}-[a-z0-9]{5}$`));
    expect(webPods(t.screen())).toHaveLength(3);

    // q leaves the alternate screen: the shell's line before podscope is back, nothing of the TUI.
    t.press('q');
    const after = await t.waitFor('podscope to exit', (s) => s.includes(AFTER) && s);
    expect(after).toContain(`${AFTER}0`);
    expect(after).toContain(BEFORE);
    expect(after).not.toContain('Pods(all)');
    expect(after).not.toContain('SIMULATOR');
    expect(t.display('#{alternate_on}')).toBe('0');
  }, 90_000);
});

/** The real binary against `sim serve` through a kubeconfig, so the server can say what was deleted. */
describe('podscope in tmux against `sim serve`: a delete never reaches a pod the filter hides', () => {
  let cluster: LiveCluster | undefined;
  let served: TmuxSession | undefined;

  beforeAll(async () => {
    cluster = await startLiveCluster(await fixtures('default'));
    served = TmuxSession.start({
      name: 'served',
      cwd: ROOT,
      columns: 160,
      rows: 45,
      env: { ...process.env, HOME: cluster.dir, KUBECONFIG: cluster.kubeconfig },
      command: `node bin/podscope.js --kubeconfig ${cluster.kubeconfig} -A; exec cat`,
    });
  });

  afterAll(async () => {
    served?.kill();
    await cluster?.close();
  });

  /** The pod's deletionTimestamp, `gone` when the server no longer has it. */
  async function deletion(namespace: string, name: string): Promise<string> {
    const out = await cluster!.kubectl(['get', 'pod', '-n', namespace, name, '-o', 'jsonpath={.metadata.deletionTimestamp}']);
    return /NotFound/.test(out) ? 'gone' : out.trim();
  }

  it('marks shop/mysql, filters to a web pod, deletes: only the web pod is deleted on the server', async () => {
    const t = served!;
    await t.waitFor('the pod list', (s) => s.includes('Pods(all)[') && /^[> ][*+ ]shop\s+mysql\s/m.test(s) && webPods(s).length === 3, 30_000);
    t.press('/');
    t.type('mysql');
    t.press('enter');
    await t.waitFor('mysql alone', (s) => s.includes('</mysql>') && /^> shop\s+mysql\s/m.test(s));
    t.press('space');
    await t.waitFor('mysql marked', (s) => /^.\*shop\s+mysql\s/m.test(s) && s.includes('1 marked'));
    t.press('esc');
    await t.waitFor('the filter cleared', (s) => !s.includes('</mysql>'));
    t.press('/');
    t.type('web-');
    t.press('enter');
    const victim = await t.waitFor('a web pod selected', (s) => s.includes('1 marked (1 hidden') && /^> default\s+(web-\S+)/m.exec(s)?.[1]);
    t.press('ctrl-d');
    const dialog = await t.waitFor('the delete dialog', (s) => s.includes(`Delete pod default/${victim}?`) && s);
    expect(dialog).toContain('1 marked pod hidden by the filter is not included.');
    expect(dialog).not.toMatch(/Delete.*mysql/);
    t.press('shift-tab'); // Cancel → OK
    await t.waitFor('OK focused', (s) => s.includes('[OK]'));
    t.press('enter');
    await t.waitFor('the delete accepted', (s) => s.includes(`pod "default/${victim}" deleting (grace 30s)`));

    expect(await deletion('default', victim)).toMatch(/^(gone|\d{4}-\d\d-\d\dT)/);
    expect(await deletion('shop', 'mysql')).toBe('');
    t.press('q');
  }, 90_000);
});
