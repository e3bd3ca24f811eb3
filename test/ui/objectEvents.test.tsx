// The pod view and describe show the pod's whole event list, LISTed when opened (the bounded
// background store has let its Normal events go): "listing events…" while the LIST is on its
// way (never "no events"), the reason when it fails, the list once it answers; the events view
// keeps every event while it is open.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestSimulator } from './testSimulator.js';
import { loadScenario, resolveScenarioPath } from '../../src/sim/scenario/index.js';
import { SimSource } from '../../src/source/sim.js';
import type { ListOptions } from '../../src/source/types.js';
import type { Event } from '../../src/kube/types.js';
import { AppState } from '../../src/state/appState.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
let stopSim: (() => void) | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  stopSim?.();
});

/** A simulator source whose events LISTs by field selector can be held back or refused. */
class GatedSource extends SimSource {
  mode: 'pass' | 'hold' | 'fail' = 'pass';
  readonly held: (() => void)[] = [];
  readonly asked: ListOptions[] = [];

  override listEvents(options: ListOptions): Promise<Event[]> {
    if (!options.fieldSelector) return super.listEvents(options);
    this.asked.push(options);
    if (this.mode === 'fail') return Promise.reject(new Error('events is forbidden: User "dev" cannot list resource "events" in API group "" in the namespace "default"'));
    if (this.mode === 'hold') return new Promise((resolve, reject) => this.held.push(() => super.listEvents(options).then(resolve, reject)));
    return super.listEvents(options);
  }
}

async function openCrashloop(): Promise<{ m: Mounted; source: GatedSource }> {
  const sim = createTestSimulator(await loadScenario(resolveScenarioPath('crashloop')));
  stopSim = () => sim.stop();
  sim.clock.advance(120_000);
  const source = new GatedSource(sim);
  // No tail: the store keeps only what the diagnosis reads.
  const app = new AppState({ source, namespace: 'default', frameMs: 0, realNow: () => 0, eventTail: 0 });
  mounted = await mount(app, { columns: 140, rows: 100 });
  return { m: mounted, source };
}

/** Turns the event loop until the frame matches (fails loudly after 2,000 turns). */
async function until(m: Mounted, re: RegExp): Promise<string> {
  for (let i = 0; i < 2000; i++) {
    const f = m.frame();
    if (re.test(f)) return f;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`no frame matched ${re}; the last:\n${m.frame()}`);
}

describe("an object's events, LISTed when its view opens", () => {
  it('the pod view and describe show the Normal events the bounded store let go, asked as kubectl describe asks', async () => {
    const { m, source } = await openCrashloop();
    const stored = m.app.events.forPod('default', 'crashloop').map((e) => e.reason);
    expect(stored).not.toContain('Scheduled');
    expect(stored).toContain('BackOff');
    await m.press('open');
    expect(m.frame()).toMatch(/^Normal\s+Scheduled\s/m);
    const uid = m.app.focusedPod()!.metadata!.uid!;
    expect(source.asked).toEqual([{ namespace: 'default', fieldSelector: `involvedObject.kind=Pod,involvedObject.name=crashloop,involvedObject.namespace=default,involvedObject.uid=${uid}` }]);
    await m.press('describe');
    const f = m.frame();
    expect(f).toMatch(/^Events:/m);
    // describe holds the same list: no second LIST.
    expect(source.asked).toHaveLength(1);
    await m.press('back');
    await m.press('back');
    expect(m.app.events.subjects.size).toBe(0);
  });

  it('says it is listing while the LIST is on its way (no "<no events>" flash), then shows them', async () => {
    const { m, source } = await openCrashloop();
    source.mode = 'hold';
    m.app.openFocused('pod');
    const loading = await until(m, /<listing events…>/);
    expect(loading).not.toContain('<no events>');
    expect(loading).not.toMatch(/^Normal\s+Scheduled\s/m);
    source.mode = 'pass';
    for (const go of source.held.splice(0)) go();
    await m.idle();
    expect(m.frame()).toMatch(/^Normal\s+Scheduled\s/m);
    expect(m.frame()).not.toContain('<listing events…>');
  });

  it('describe says listing, not <none>, while the LIST is on its way', async () => {
    const { m, source } = await openCrashloop();
    source.mode = 'hold';
    m.app.openFocused('describe');
    const f = await until(m, /^Events:\s+<listing events…>$/m);
    expect(f).not.toMatch(/^Events:\s+<none>/m);
    source.mode = 'pass';
    for (const go of source.held.splice(0)) go();
    await m.idle();
    expect(m.frame()).toMatch(/^\s+Normal\s+Scheduled\s/m);
  });

  it("the timeline is seeded with the pod's fetched events once they are in, not before", async () => {
    const { m, source } = await openCrashloop();
    source.mode = 'hold';
    m.app.openFocused('timeline');
    const loading = await until(m, /<listing events…>/);
    expect(loading).not.toMatch(/app: Pulled/);
    source.mode = 'pass';
    for (const go of source.held.splice(0)) go();
    await m.idle();
    await m.press('top');
    // Pulled and Created are Normal events the bounded store let go: they come from the LIST.
    expect(m.frame()).toMatch(/app: Pulled/);
    expect(m.frame()).toMatch(/app: Created/);
  });

  it('says why when the LIST fails, in the pane and in describe', async () => {
    const { m, source } = await openCrashloop();
    source.mode = 'fail';
    await m.press('open');
    expect(m.frame()).toContain('<cannot list events: events is forbidden: User "dev" cannot list resource "events"');
    await m.press('describe');
    expect(m.frame()).toMatch(/^Events:\s+<cannot list events: events is forbidden/m);
  });

  it('the events view keeps every event while it is open, and the store goes back to its bound when left', async () => {
    const { m } = await openCrashloop();
    const bounded = m.app.events.size;
    await m.press('events');
    expect(m.app.events.full).toBe(true);
    expect(m.app.events.size).toBeGreaterThan(bounded);
    expect(m.app.events.rows().map((e) => e.reason)).toContain('Scheduled');
    await m.press('back');
    expect(m.app.events.full).toBe(false);
    expect(m.app.events.size).toBe(bounded);
  });
});

describe('the events view while every event is being listed', () => {
  it('says so in its title, and shows the newest events the store kept meanwhile', async () => {
    const sim = createTestSimulator(await loadScenario(resolveScenarioPath('crashloop')));
    stopSim = () => sim.stop();
    sim.clock.advance(120_000);
    let release: (() => void) | undefined;
    class HeldFill extends SimSource {
      override listEvents(options: ListOptions): Promise<Event[]> {
        if (options.fieldSelector) return super.listEvents(options);
        return new Promise((resolve, reject) => (release = () => super.listEvents(options).then(resolve, reject)));
      }
    }
    const app = new AppState({ source: new HeldFill(sim), namespace: 'default', frameMs: 0, realNow: () => 0, eventTail: 2 });
    mounted = await mount(app, { columns: 140, rows: 40 });
    app.push('events');
    const f = await until(mounted, /Events\(default\)\[\d+, listing the rest…\]/);
    expect(f).toMatch(/BackOff/);
    // The fill's LIST goes out on the turn after the frame that opened the view.
    for (let turn = 0; turn < 100 && release === undefined; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(release, "the events view's fill LIST").toBeDefined();
    release!();
    await mounted.idle();
    expect(mounted.frame()).not.toContain('listing the rest');
    expect(mounted.frame()).toMatch(/Scheduled/);
  });
});
