// How far a text view scrolls comes from the state when the key is pressed, not from what
// the last render happened to record: no frame has been drawn in these tests.
import { describe, expect, it } from 'vitest';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { handleKey, helpLines } from '../../src/ui/keymap.js';
import { bodyHeight } from '../../src/ui/layout.js';
import { wrapLines } from '../../src/ui/text.js';
import { describeLines } from '../../src/ui/views/DescribeView.js';
import { podPaneLines } from '../../src/ui/views/PodView.js';
import { yamlLines } from '../../src/ui/views/YamlView.js';
import { harness, runningPod } from '../unit/state/simHarness.js';
import { waitIdle } from '../helpers/waitIdle.js';

const idle = (app: AppState): Promise<void> => waitIdle(app, { quietTurns: 2 });

async function started(rows: number): Promise<AppState> {
  const h = harness();
  h.api.create('Pod', runningPod('web-1'));
  const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0, realNow: () => 0 });
  app.resize(100, rows);
  app.start();
  await idle(app);
  return app;
}

describe('text view scroll limits (no render)', () => {
  it('G in describe and YAML goes to the last page of their own lines', async () => {
    const app = await started(12);
    handleKey(app, 'd', 'd');
    handleKey(app, 'G', 'G');
    const describeMax = describeLines(app).length - bodyHeight(12);
    expect(describeMax).toBeGreaterThan(5);
    expect(app.scrollOffset('describe')).toBe(describeMax);
    handleKey(app, 'esc', undefined);
    handleKey(app, 'y', 'y');
    expect(app.view).toBe('yaml');
    handleKey(app, 'G', 'G');
    expect(app.scrollOffset('yaml')).toBe(yamlLines(app).length - bodyHeight(12));
    handleKey(app, 'k', 'k');
    expect(app.scrollOffset('yaml')).toBe(yamlLines(app).length - bodyHeight(12) - 1);
    app.stop();
  });

  it('the pod view scrolls its focused pane by that pane\'s lines, the help by its own', async () => {
    const app = await started(8);
    handleKey(app, 'enter', undefined);
    expect(app.view).toBe('pod');
    handleKey(app, 'G', 'G');
    const phase = podPaneLines(app)!.phase.length + 1;
    expect(phase - bodyHeight(8)).toBeGreaterThan(0);
    // Issue 9: a pane scrolls within the height the layout gives it (here a title and one
    // line), so G reaches its last line; the old limit (lines + 1 - body height) was one short.
    expect(app.scrollOffset('pod:phase')).toBe(phase - 2);
    handleKey(app, '?', '?');
    handleKey(app, 'G', 'G');
    const help = wrapLines(helpLines(app), app.columns).length;
    expect(help - bodyHeight(8)).toBeGreaterThan(0);
    expect(app.scrollOffset('help')).toBe(help - bodyHeight(8));
    app.stop();
  });
});
