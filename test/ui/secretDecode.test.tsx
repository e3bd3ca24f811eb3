// A Secret's values are shown decoded only on x, in its describe or YAML view, never in the
// status line; each new view starts hidden.
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, resolveScenarioPath } from '../../src/sim/scenario/index.js';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { mount, type Mounted } from './helpers.js';
import { createTestSimulator } from './testSimulator.js';

let mounted: Mounted | undefined;
let stopSim: (() => void) | undefined;
afterEach(() => {
  mounted?.unmount();
  stopSim?.();
});

describe('secrets decoded on x', () => {
  it('describe and YAML show sizes and base64 until x; x again hides them', async () => {
    const sim = createTestSimulator(await loadScenario(resolveScenarioPath('deployment')));
    stopSim = () => sim.stop();
    sim.api.create('Secret', { metadata: { name: 'creds', namespace: 'default' }, type: 'Opaque', data: { password: Buffer.from('hunter2').toString('base64') } });
    sim.clock.advance(5_000);
    const app = new AppState({ source: new SimSource(sim), namespace: 'default', frameMs: 0, realNow: () => 0 });
    const m = (mounted = await mount(app, { columns: 160, rows: 40 }));
    await m.press('command');
    await m.type('secret');
    await m.press('submit');
    await m.press('filter');
    await m.type('creds');
    await m.press('submit');
    await m.key('x');
    expect(m.frame()).toContain("only in a Secret's describe or YAML view");
    await m.key('d');
    await m.idle();
    expect(m.frame()).toMatch(/^password:\s+7 bytes$/m);
    expect(m.frame()).not.toContain('hunter2');
    await m.key('x');
    expect(m.frame()).toMatch(/^password:\s+hunter2$/m);
    expect(m.frame()).toContain('secret values shown decoded (x hides them)');
    expect(m.frame().split('\n').filter((l) => l.includes('hunter2'))).toHaveLength(1);
    await m.key('x');
    expect(m.frame()).not.toContain('hunter2');
    await m.key('x');
    await m.key('esc');
    await m.key('y');
    expect(m.frame()).toContain(`password: ${Buffer.from('hunter2').toString('base64')}`);
    expect(m.frame()).not.toContain('hunter2');
    await m.key('x');
    expect(m.frame()).toContain('password: hunter2');
  });
});
