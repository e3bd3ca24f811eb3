// The TUI's user stories on the live client-node source: podscope started from a kubeconfig
// file, talking TLS to `sim serve` (crash loop + a three-replica Deployment), keys pressed
// by keymap action name, frames asserted, and kubectl against the same kubeconfig as the
// referee. Every test has its own cluster, two simulated minutes old when the TUI starts.
import { afterEach, describe, expect, it } from 'vitest';
import { fixtures, podNames, row, startLiveCluster, startTui, type LiveCluster, type LiveTui } from './helpers/kubeTui.js';

let cluster: LiveCluster | undefined;
let tui: LiveTui | undefined;
afterEach(async () => {
  tui?.unmount();
  tui = undefined;
  await cluster?.close();
  cluster = undefined;
});

const SIZE = { columns: 160, rows: 40 };

async function start(): Promise<{ c: LiveCluster; t: LiveTui }> {
  cluster = await startLiveCluster(await fixtures('crashloop', 'deployment'));
  tui = await startTui(cluster, SIZE);
  await tui.until('the four pods, all started', (f) => f.includes('Pods(default)[4]') && f.includes('running 3  pending 0  failing 1'));
  return { c: cluster, t: tui };
}

/** Cells of a table line split on kubectl's two-space gaps (RESTARTS keeps its "(39s ago)"). */
function cells(line: string): string[] {
  return line.trim().split(/\s{2,}/);
}

/** The pod rows on screen, keyed by name: READY, STATUS, restart count, IP, NODE. */
function tuiRows(frame: string): string[] {
  return podNames(frame).map((name) => {
    const [n, ready, status, restarts, , ip, node] = cells(row(frame, new RegExp(`^..${name} `)).slice(2));
    return [n, ready, status, restarts!.split(' ')[0], ip, node].join(' ');
  });
}

async function kubectlRows(c: LiveCluster): Promise<string[]> {
  const out = await c.kubectl(['get', 'pods', '-o', 'wide', '--no-headers']);
  return out
    .trim()
    .split('\n')
    .map((l) => {
      const [n, ready, status, restarts, , ip, node] = cells(l);
      return [n, ready, status, restarts!.split(' ')[0], ip, node].join(' ');
    });
}

async function untilWallClock(cond: (ms: number) => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!cond(Date.now())) {
    if (Date.now() > deadline) throw new Error('the wall clock never reached the wanted phase');
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function openCrashloop(t: LiveTui): Promise<void> {
  await t.press('filter');
  await t.type('^default crashloop ');
  await t.press('submit');
  expect(podNames(t.frame())).toEqual(['crashloop']);
  await t.press('open');
}

describe.sequential('the TUI on the kube source against `sim serve`', () => {
  it('lists the pods with the STATUS, READY, RESTARTS, IP and NODE kubectl prints', async () => {
    const { c, t } = await start();
    const f = t.frame();
    expect(f).toMatch(/^Context: podscope-sim {2}Namespace: default {2}Cluster: podscope-sim {2}User: podscope-sim {2}Server: v1\.\d+\.\d+/);
    expect(f).toMatch(/^ {2}NAME↑\s+READY {2}STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE$/m);
    const names = podNames(f);
    expect(names[0]).toBe('crashloop');
    expect(names.slice(1)).toHaveLength(3);
    for (const n of names.slice(1)) expect(n).toMatch(/^web-[0-9a-f]+-[a-z0-9]{5}$/);
    expect(row(f, /^> crashloop /)).toMatch(/^> crashloop\s+0\/1 {4}CrashLoopBackOff {2}4 \(\d+s ago\)\s+2m(\ds)?\s+10\.244\.\d+\.\d+\s+sim-node-\d$/);
    for (const n of names.slice(1)) expect(row(f, new RegExp(`^  ${n} `))).toMatch(/ {2}1\/1 +Running +0 +2m(\ds)? /);
    expect(tuiRows(f)).toEqual(await kubectlRows(c));
  });

  it('`/` narrows the list as you type and Esc restores every pod', async () => {
    const { t } = await start();
    const all = podNames(t.frame());
    await t.press('filter');
    await t.type('web');
    expect(t.frame()).toContain('/web█');
    expect(podNames(t.frame())).toEqual(all.slice(1));
    await t.press('submit');
    expect(t.frame()).toContain('Pods(default)[3/4] </web>');
    await t.press('clearFilter');
    expect(podNames(t.frame())).toEqual(all);
    expect(t.frame()).toMatch(/^Pods\(default\)\[4\]$/m);
    // Esc inside the prompt drops the filter too.
    await t.press('filter');
    await t.type('!web');
    expect(podNames(t.frame())).toEqual(all.slice(0, 1));
    await t.press('cancel');
    expect(podNames(t.frame())).toEqual(all);
    expect(t.frame()).toMatch(/^Pods\(default\)\[4\]$/m);
  });

  it('Enter opens the pod panes: CrashLoopBackOff, restarts, the last Error exit and the BackOff events', async () => {
    const { c, t } = await start();
    await openCrashloop(t);
    const f = t.frame();
    expect(f).toMatch(/^Pod default\/crashloop/m);
    expect(f).toContain('▸ Phase & conditions');
    expect(row(f, /^main\s+app\s/)).toMatch(/^main {2}app {3}busybox:1\.36 {2}Waiting: CrashLoopBackOff {2}- +false {2}4 +Terminated: Error \(exit 1\) \d+s ago {2}off:off:off +- +- \/ -$/);
    const uid = await c.kubectl(['get', 'pod', 'crashloop', '-o', 'jsonpath={.metadata.uid}']);
    expect(row(f, /^Warning\s+BackOff\s/)).toMatch(
      new RegExp(`^Warning {2}BackOff {4}\\d+s \\(x\\d+ over \\d+s\\)\\s+kubelet {12}Back-off restarting failed container app in pod crashloop_default\\(${uid.slice(0, 8)}`),
    );
    expect(row(f, /^Normal\s+Scheduled\s/)).toMatch(/^Normal {3}Scheduled {2}2m(\ds)?\s+default-scheduler {2}Successfully assigned default\/crashloop to sim-node-\d$/);
    await t.press('nextPane');
    expect(t.frame()).toContain('▸ Containers');
    await t.press('back');
    expect(t.frame()).toContain('Pods(default)[1/4] </^default crashloop>');
  });

  it('`d` shows the text kubectl describe prints, line for line', async () => {
    const { c, t } = await start();
    await t.press('describe');
    const f = t.frame();
    expect(f).toMatch(/^Describe default\/crashloop$/m);
    const shown = f.split('\n').map((l) => l.trimEnd());
    const from = shown.indexOf('Name:             crashloop');
    const to = shown.findIndex((l) => l.startsWith('    Restart Count:'));
    expect(from).toBeGreaterThan(0);
    expect(shown[to]).toBe('    Restart Count:  4');
    const kubectl = (await c.kubectl(['describe', 'pod', 'crashloop'])).split('\n').map((l) => l.trimEnd());
    const kFrom = kubectl.indexOf('Name:             crashloop');
    expect(shown.slice(from, to + 1)).toEqual(kubectl.slice(kFrom, kFrom + to - from + 1));
    expect(shown).toContain('    State:          Waiting');
    expect(shown).toContain('      Reason:       CrashLoopBackOff');
    expect(shown).toContain('    Last State:     Terminated');
    expect(shown).toContain('      Exit Code:    1');
    await t.press('back');
    expect(t.frame()).toContain('Pods(default)[4]');
  });

  it('`e` tails the events and new ones arrive live at the bottom', async () => {
    const { c, t } = await start();
    await t.press('events');
    const before = t.frame();
    const count = Number(/^Events\(default\)\[(\d+)\] follow$/m.exec(before)?.[1]);
    expect(count).toBeGreaterThan(20);
    expect(before).toMatch(/^LAST SEEN {2}TYPE {5}REASON\s+OBJECT\s+COUNT\s+MESSAGE$/m);
    expect(before).toMatch(/^\d+s\s+Warning {2}BackOff\s+pod\/crashloop\s+\d+\s+Back-off restarting failed container app in pod crashloop_default\(/m);
    expect(before).not.toContain('pod/probe');

    expect((await c.kubectl(['run', 'probe', '--image=busybox:1.36', '--restart=Never'])).trim()).toBe('pod/probe created');
    const f = await t.until('the probe pod to start, in the tail', (frame) => /Normal\s+Started\s+pod\/probe\s/.test(frame));
    const rows = f.split('\n').filter((l) => /^\d+s\s+(Normal|Warning)\s/.test(l));
    const probe = rows.filter((l) => l.includes(' pod/probe '));
    // Follow mode: the probe's events are the newest, at the bottom, in the order they happened;
    // only a BackOff of the crash loop, re-counted meanwhile, may sort in among them.
    const tail = rows.slice(rows.indexOf(probe[0]!));
    expect(tail.filter((l) => !l.includes(' pod/probe '))).toEqual(tail.filter((l) => /^\d+s\s+Warning {2}BackOff\s+pod\/crashloop\s/.test(l)));
    expect(rows.at(-1)).toMatch(/ pod\/(probe|crashloop) /);
    expect(probe[0]).toMatch(/^\d+s {9}Normal {3}Scheduled\s+pod\/probe\s+1\s+Successfully assigned default\/probe to sim-node-\d$/);
    expect(probe.at(-1)).toMatch(/^\d+s {9}Normal {3}Started\s+pod\/probe\s+1\s+Started container probe$/);
    expect(probe.map((l) => cells(l)[2])).toContain('Created');
    expect(f).toContain(`Events(default)[${count + probe.length}] follow`);
  });

  it('ctrl-d with grace 3: Terminating counts down, the pod goes, the ReplicaSet replaces it, kubectl agrees', async () => {
    const { c, t } = await start();
    const before = podNames(t.frame());
    await t.press('down');
    const victim = /^> (\S+) /m.exec(t.frame())![1]!;
    expect(victim).toBe(before[1]);
    await t.press('delete');
    expect(t.frame()).toContain(`Delete pod default/${victim}?`);
    expect(t.frame()).toContain('Grace period:  30s');
    await t.press('eraseGrace');
    await t.press('eraseGrace');
    await t.type('3');
    expect(t.frame()).toContain('Grace period:  3s');
    await t.press('previousControl');
    // deletionTimestamp has whole seconds (as on a real apiserver), so the countdown reads 3s
    // only if the delete lands early in a wall-clock second: wait for one to begin.
    await untilWallClock((ms) => ms % 1000 < 150);
    await t.press('activate');
    expect(t.frame()).not.toContain('Delete pod');

    const victimRow = (f: string): string => row(f, new RegExp(`^..${victim} `));
    const first = await t.until('the server to answer the delete and the watch to show Terminating', (f) =>
      f.includes(`pod "default/${victim}" deleting (grace 3s)`) && victimRow(f).includes('Terminating ('),
    );
    expect(victimRow(first)).toMatch(/ {2}1\/1 {4}Terminating \(3s\) +0 +2m(\ds)? /);
    const countdown = [3];
    await t.until('the victim to leave the list', (f) => {
      const left = /Terminating \((\d)s\)/.exec(victimRow(f))?.[1];
      if (left !== undefined && Number(left) !== countdown.at(-1)) countdown.push(Number(left));
      return !podNames(f).includes(victim);
    });
    // Seconds only go down, and at least one step was on screen (frames come every 20 ms).
    expect(countdown).toEqual([...countdown].sort((a, b) => b - a));
    expect(countdown.length).toBeGreaterThan(1);
    expect(countdown.at(-1)).toBeLessThanOrEqual(1);

    const settled = await t.until('a running replacement', (f) => {
      const names = podNames(f);
      const fresh = names.filter((n) => !before.includes(n));
      return names.length === 4 && fresh.length === 1 && /  1\/1 {4}Running /.test(row(f, new RegExp(`^..${fresh[0]} `)));
    });
    const after = podNames(settled);
    const replacement = after.find((n) => !before.includes(n))!;
    expect(replacement).toMatch(new RegExp(`^${victim.slice(0, victim.lastIndexOf('-'))}-[a-z0-9]{5}$`));
    expect(after).not.toContain(victim);
    expect([...after].sort()).toEqual([...before.filter((n) => n !== victim), replacement].sort());
    expect(settled).toContain('running 3  pending 0  failing 1  completed 0  terminating 0');

    const kubectl = await c.kubectl(['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name', '--no-headers']);
    expect(kubectl.trim().split('\n').sort()).toEqual([...after].sort());
    expect(await c.kubectl(['get', 'pod', victim, '--ignore-not-found'])).toBe('');
  });
});
