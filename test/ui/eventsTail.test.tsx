// The events tail (`e` / `:events`): follow mode pins the newest event to the bottom,
// scrolling up pauses it, G (or scrolling back down) resumes it, Warning rows are
// highlighted, and `/` filters. Driven by keymap action names on a hand-made cluster.
import chalk from 'chalk';
import { afterEach, describe, expect, it } from 'vitest';
import type { Event } from '../../src/kube/types.js';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { eventLines } from '../../src/ui/views/EventsView.js';
import { harness, runningPod, type Harness } from '../unit/state/simHarness.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
const chalkLevel = chalk.level;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  chalk.level = chalkLevel;
});

/** 30 rows: header 2, title 1, column header 1, status 1, hints 1, one spare → 23 event rows. */
const ROWS = 30;
const VISIBLE = 23;

let seq = 0;
/** One event about pod `pod`, stamped one simulated second after the previous one. */
function emit(h: Harness, n: number, opts: { type?: 'Normal' | 'Warning'; reason?: string; pod?: string; namespace?: string } = {}): void {
  h.clock.advance(1000);
  const at = new Date(h.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const pod = opts.pod ?? 'web-1';
  const namespace = opts.namespace ?? 'default';
  const ev: Event = {
    metadata: { name: `${pod}.${(++seq).toString(16).padStart(8, '0')}`, namespace },
    involvedObject: { kind: 'Pod', name: pod, namespace, apiVersion: 'v1' },
    reason: opts.reason ?? 'Pulled',
    message: `message ${String(n).padStart(3, '0')}`,
    type: opts.type ?? 'Normal',
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    source: { component: 'kubelet', host: 'node-1' },
  };
  h.api.create('Event', ev);
}

/** The message numbers of the event rows on screen, top to bottom. */
function shown(frame: string): number[] {
  return [...frame.matchAll(/message (\d{3})/g)].map((m) => Number(m[1]));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

async function start(events: number): Promise<{ h: Harness; m: Mounted }> {
  const h = harness();
  h.api.create('Pod', runningPod('web-1'));
  for (let n = 1; n <= events; n++) emit(h, n);
  const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0, realNow: () => 0 });
  mounted = await mount(app, { columns: 120, rows: ROWS });
  await mounted.press('events');
  return { h, m: mounted };
}

describe('events tail', () => {
  it('opens from the pod list with the kubectl columns, newest at the bottom, following', async () => {
    const { m } = await start(40);
    const f = m.frame();
    expect(f).toContain('Events(default)[40] follow');
    expect(f).toMatch(/^LAST SEEN {2}TYPE {4}REASON {2}OBJECT {5}COUNT {2}MESSAGE$/m);
    expect(f).toMatch(/^0s {9}Normal {2}Pulled {2}pod\/web-1 {2}1 {6}message 040$/m);
    expect(shown(f)).toEqual(range(40 - VISIBLE + 1, 40));
  });

  it('follow on: a new event appears at the bottom and the view stays pinned to it', async () => {
    const { h, m } = await start(40);
    emit(h, 41);
    emit(h, 42);
    await m.idle();
    expect(shown(m.frame())).toEqual(range(42 - VISIBLE + 1, 42));
    expect(m.frame()).toContain('Events(default)[42] follow');
  });

  it('the cursor moving up pauses follow (new events do not move the view); G resumes at the newest', async () => {
    const { h, m } = await start(40);
    await m.press('up');
    await m.press('up');
    expect(m.frame()).toContain('Events(default)[40] paused');
    // The cursor is on 38, inside the window, so the window has not moved.
    const paused = range(40 - VISIBLE + 1, 40);
    expect(m.app.events.selected()?.message).toBe('message 038');
    expect(shown(m.frame())).toEqual(paused);
    emit(h, 41);
    await m.idle();
    expect(shown(m.frame())).toEqual(paused);
    expect(m.frame()).toContain('Events(default)[41] paused');
    await m.press('follow');
    expect(m.frame()).toContain('Events(default)[41] follow');
    expect(shown(m.frame())).toEqual(range(41 - VISIBLE + 1, 41));
  });

  it('scrolling back down to the newest resumes follow', async () => {
    const { h, m } = await start(40);
    await m.press('pageUp');
    expect(m.frame()).toContain('paused');
    expect(shown(m.frame())[0]).toBe(1);
    await m.press('pageDown');
    expect(m.frame()).toContain('Events(default)[40] follow');
    emit(h, 41);
    await m.idle();
    expect(shown(m.frame()).at(-1)).toBe(41);
  });

  it('g goes to the oldest event and pauses follow', async () => {
    const { h, m } = await start(40);
    await m.press('top');
    expect(shown(m.frame())).toEqual(range(1, VISIBLE));
    expect(m.frame()).toContain('paused');
    emit(h, 41);
    await m.idle();
    expect(shown(m.frame())).toEqual(range(1, VISIBLE));
  });

  it('Warning rows are highlighted, Normal rows are not', async () => {
    const { h, m } = await start(2);
    emit(h, 3, { type: 'Warning', reason: 'BackOff' });
    await m.idle();
    expect(m.frame()).toMatch(/^0s {9}Warning {2}BackOff {2}pod\/web-1 {2}1 {6}message 003$/m);
    chalk.level = 1;
    const { body } = eventLines(m.app, VISIBLE);
    expect(body).toHaveLength(3);
    expect(body[2]).toBe(chalk.yellow(body[2]!.replace(/\u001b\[[0-9;]*m/g, '')));
    expect(body[2]).toMatch(/^\u001b\[33m/);
    expect(body[0]).not.toContain('\u001b[');
    expect(body[1]).not.toContain('\u001b[');
  });

  it('a paused cursor is drawn and stays on its event while newer ones arrive', async () => {
    const { h, m } = await start(5);
    await m.press('up');
    chalk.level = 1;
    const { body } = eventLines(m.app, VISIBLE);
    expect(body[3]).toMatch(/^\u001b\[7m/);
    expect(body[3]).toContain('message 004');
    expect(body.filter((l) => l.includes('\u001b[7m'))).toHaveLength(1);
    emit(h, 6);
    await m.idle();
    expect(m.app.events.selected()?.message).toBe('message 004');
  });

  it('Enter opens the whole event; o opens the pod it is about; Esc comes back to the tail', async () => {
    const { h, m } = await start(2);
    const long = `${'x'.repeat(150)} the end of a long message`;
    h.clock.advance(1000);
    const at = new Date(h.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    h.api.create('Event', {
      metadata: { name: 'web-1.long', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', apiVersion: 'v1', fieldPath: 'spec.containers{app}' },
      reason: 'BackOff',
      message: long,
      type: 'Warning',
      firstTimestamp: at,
      lastTimestamp: at,
      count: 7,
      source: { component: 'kubelet', host: 'node-1' },
    });
    await m.idle();
    // Following: Enter opens the newest.
    await m.press('open');
    const f = m.frame();
    expect(f).toContain('Event about pod/web-1');
    expect(f).toMatch(/^Reason: {6}BackOff$/m);
    expect(f).toMatch(/^Field path: {2}spec\.containers\{app\}$/m);
    expect(f).toMatch(/^Source: {6}kubelet, node-1$/m);
    expect(f).toMatch(/^Count: {7}7$/m);
    expect(f).toMatch(/^First seen: {2}\S+ \(\d+s ago\)$/m);
    expect(f).toContain('the end of a long message');
    await m.press('openPod');
    expect(m.frame()).toContain('Pod default/web-1');
    expect(m.app.view).toBe('pod');
    await m.press('back');
    expect(m.app.view).toBe('event');
    await m.press('back');
    expect(m.app.view).toBe('events');
    // From the tail itself, `o` opens the pod under the cursor.
    await m.press('up');
    await m.press('openPod');
    expect(m.app.view).toBe('pod');
  });

  it('o on an event about something else than a pod says so and stays', async () => {
    const { h, m } = await start(1);
    h.clock.advance(1000);
    h.api.create('Event', {
      metadata: { name: 'web.rs', namespace: 'default' },
      involvedObject: { kind: 'ReplicaSet', name: 'web-abc', namespace: 'default', apiVersion: 'apps/v1' },
      reason: 'SuccessfulCreate',
      message: 'Created pod: web-1',
      type: 'Normal',
      firstTimestamp: new Date(h.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      count: 1,
    });
    await m.idle();
    await m.press('openPod');
    expect(m.app.view).toBe('events');
    expect(m.frame()).toContain('this event is about a ReplicaSet, not a pod');
  });

  it('/ filters the tail (text or regex, ! inverts); Esc clears, Esc again goes back', async () => {
    const { h, m } = await start(3);
    emit(h, 4, { type: 'Warning', reason: 'BackOff', pod: 'api-1' });
    emit(h, 5, { type: 'Warning', reason: 'Unhealthy' });
    await m.idle();
    await m.press('filter');
    await m.type('backoff');
    expect(m.frame()).toContain('/backoff█');
    expect(shown(m.frame())).toEqual([4]);
    await m.press('submit');
    expect(m.frame()).toContain('Events(default)[1] </backoff> follow');
    expect(shown(m.frame())).toEqual([4]);

    await m.press('filter');
    for (let i = 0; i < 'backoff'.length; i++) await m.press('erase');
    await m.type('!^warning');
    expect(shown(m.frame())).toEqual([1, 2, 3]);
    await m.press('erase');
    for (let i = 0; i < '!^warning'.length - 1; i++) await m.press('erase');
    await m.type('pod/web-1 message 00[15]');
    expect(shown(m.frame())).toEqual([1, 5]);
    await m.press('submit');

    await m.press('back');
    expect(m.frame()).toContain('Events(default)[5] follow');
    expect(shown(m.frame())).toEqual([1, 2, 3, 4, 5]);
    await m.press('back');
    expect(m.frame()).toContain('Pods(default)[1]');
  });

  it('in all namespaces the tail has a NAMESPACE column first, as the pod list has', async () => {
    const h = harness(['default', 'shop']);
    emit(h, 1);
    emit(h, 2, { pod: 'cart-1', namespace: 'shop' });
    const app = new AppState({ source: new SimSource(h), namespace: undefined, frameMs: 0, realNow: () => 0 });
    mounted = await mount(app, { columns: 120, rows: ROWS });
    await mounted.press('events');
    const f = mounted.frame();
    expect(f).toContain('Events(all)[2] follow');
    expect(f).toMatch(/^NAMESPACE {2}LAST SEEN {2}TYPE {4}REASON {2}OBJECT {6}COUNT {2}MESSAGE$/m);
    expect(f).toMatch(/^default {4}1s {9}Normal {2}Pulled {2}pod\/web-1 {3}1 {6}message 001$/m);
    expect(f).toMatch(/^shop {7}0s {9}Normal {2}Pulled {2}pod\/cart-1 {2}1 {6}message 002$/m);
    await mounted.press('filter');
    await mounted.type('shop');
    await mounted.press('submit');
    expect(mounted.frame()).toContain('Events(all)[1] </shop> follow');
    expect(shown(mounted.frame())).toEqual([2]);
  });
});
