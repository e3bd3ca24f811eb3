// The logs view on the live source (TLS to `sim serve`, simulated time = real time): `l`
// streams a chatty container through GET …/log?follow=true as it writes, and on the crash
// loop shows the last words; `p` reads the previous instance; the server's refusal shows in
// plain words.
import { afterEach, describe, expect, it } from 'vitest';
import { fixtures, startLiveCluster, startTui, type LiveCluster, type LiveTui } from './helpers/kubeTui.js';

let cluster: LiveCluster | undefined;
let tui: LiveTui | undefined;
afterEach(async () => {
  tui?.unmount();
  tui = undefined;
  await cluster?.close();
  cluster = undefined;
});

async function select(t: LiveTui, name: string): Promise<void> {
  await t.press('filter');
  await t.type(name);
  await t.press('submit');
  await t.until(`${name} alone in the list`, (f) => /Pods\(default\)\[1\/\d+\]/.test(f));
}

describe('logs view on the live source', () => {
  it('follows a chatty container as it writes; the crash loop shows its last words; p the previous instance', async () => {
    cluster = await startLiveCluster(await fixtures('crashloop', 'chatty'));
    tui = await startTui(cluster, { columns: 160, rows: 40 });
    const t = tui;
    await t.until('the pods', (f) => f.includes('crashloop') && f.includes('chatty'));
    await select(t, 'chatty');
    await t.press('logs');
    await t.until('chatty lines', (f) => f.includes('Logs default/chatty') && / INFO request id=\d+ /.test(f));
    const first = t.app.logs!.ring.end;
    await t.until('more lines streamed', () => t.app.logs!.ring.end > first + 500);
    const ids = t.app.logs!.window(30, 160).map((r) => Number(/ id=(\d+) /.exec(r.text)?.[1])).filter((n) => !Number.isNaN(n));
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.slice(1).every((id, i) => id === ids[i]! + 1)).toBe(true);
    await t.key('esc');
    await t.key('esc');
    await t.until('the list', (f) => f.includes('Pods(default)[') && !f.includes('Logs default/'));
    await select(t, 'crashloop');
    await t.press('logs');
    await t.until('the last words', (f) => f.includes('Logs default/crashloop:app') && f.includes('connection refused'));
    await t.key('esc');
    await t.press('previous');
    const previous = await t.until('the previous instance', (f) => f.includes('Logs default/crashloop:app (previous)') && f.includes('connection refused'));
    expect(previous).toContain('connecting to the database...');
  }, 60_000);
});
