// Command mode `:` — :pods, :events, :ns NAME, :ctx, :q, and an unknown command — driven
// by keymap action names; plus a command pasted (or typed faster than a frame) in one chunk.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { App } from '../../src/ui/App.js';
import { harness, runningPod, type Harness } from '../unit/state/simHarness.js';
import { mount, waitIdle, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
let cleanup: (() => void) | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  cleanup?.();
  cleanup = undefined;
});

function cluster(): Harness {
  const h = harness(['default', 'shop']);
  h.api.create('Pod', runningPod('web-1'));
  h.api.create('Pod', runningPod('cart-1', 'shop'));
  h.api.create('Pod', runningPod('mysql-0', 'shop'));
  h.api.create('Event', {
    metadata: { name: 'cart-1.1', namespace: 'shop' },
    involvedObject: { kind: 'Pod', name: 'cart-1', namespace: 'shop' },
    reason: 'BackOff',
    message: 'Back-off restarting failed container cart',
    type: 'Warning',
    firstTimestamp: '2026-01-01T00:00:00Z',
    lastTimestamp: '2026-01-01T00:00:00Z',
    count: 1,
  });
  return h;
}

async function start(h: Harness = cluster()): Promise<Mounted> {
  const app = new AppState({ source: new SimSource(h), namespace: 'default', frameMs: 0, realNow: () => 0 });
  mounted = await mount(app, { columns: 120, rows: 30 });
  return mounted;
}

async function command(m: Mounted, text: string): Promise<void> {
  await m.press('command');
  await m.type(text);
  expect(m.frame()).toContain(`:${text}█`);
  await m.press('submit');
}

describe('command mode', () => {
  it(':events switches the root view to the event tail, :pods back to the pod list', async () => {
    const m = await start();
    await command(m, 'events');
    expect(m.frame()).toContain('Events(default)[0] follow');
    expect(m.frame()).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+COUNT\s+MESSAGE$/m);
    expect(m.app.viewStack).toEqual(['events']);
    await command(m, 'pods');
    expect(m.frame()).toContain('Pods(default)[1]');
    expect(m.frame()).toMatch(/^> web-1\s+1\/1\s+Running/m);
    expect(m.app.viewStack).toEqual(['pods']);
  });

  it(':ns shop re-scopes the pods and events, and the header says so', async () => {
    const m = await start();
    await command(m, 'ns shop');
    const f = m.frame();
    expect(f).toContain('Namespace: shop ');
    expect(f).toContain('Pods(shop)[2]');
    expect(f).toMatch(/^> cart-1\s+1\/1\s+Running/m);
    expect(f).toMatch(/^ {2}mysql-0\s+1\/1\s+Running/m);
    expect(f).not.toContain('web-1');
    expect(f).toContain('namespace shop');
    await command(m, 'events');
    expect(m.frame()).toContain('Events(shop)[1] follow');
    expect(m.frame()).toMatch(/Warning\s+BackOff\s+pod\/cart-1\s+1\s+Back-off restarting failed container cart$/m);
  });

  it(':ns with a namespace the cluster does not list is refused in the status line, the view stays', async () => {
    const m = await start();
    await command(m, 'ns nope');
    const f = m.frame();
    expect(f).toMatch(/^namespace "nope" not found$/m);
    expect(m.app.status).toEqual({ text: 'namespace "nope" not found', level: 'error' });
    expect(m.app.namespace).toBe('default');
    expect(f).toContain('Namespace: default ');
    expect(f).toContain('Pods(default)[1]');
    expect(f).toMatch(/^> web-1\s+1\/1\s+Running/m);
  });

  it(':ns when only the context namespace can be listed (listing forbidden) switches with a warning', async () => {
    // What the kube source answers when listing namespaces is forbidden: the context's one.
    class NoNamespaceListSource extends SimSource {
      override async listNamespaces(): Promise<string[]> {
        return [this.defaultNamespace()];
      }
    }
    const app = new AppState({ source: new NoNamespaceListSource(cluster()), namespace: 'default', frameMs: 0, realNow: () => 0 });
    const m = (mounted = await mount(app, { columns: 120, rows: 30 }));
    await command(m, 'ns shop');
    expect(m.app.namespace).toBe('shop');
    expect(m.frame()).toContain('Pods(shop)[2]');
    expect(m.app.status).toEqual({
      text: 'namespace shop (not checked: namespaces cannot be listed with these credentials)',
      level: 'warning',
    });
  });

  it(':ns all shows every namespace with a NAMESPACE column', async () => {
    const m = await start();
    await command(m, 'ns all');
    expect(m.frame()).toContain('Pods(all)[3]');
    expect(m.frame()).toMatch(/^ {2}NAMESPACE\s+NAME↑\s+READY/m);
    expect(m.frame()).toMatch(/^> default\s+web-1\s/m);
    expect(m.frame()).toMatch(/^ {2}shop\s+cart-1\s/m);
  });

  it(':ctx with the simulator\'s own context is accepted; another is refused in the status line', async () => {
    const m = await start();
    await command(m, 'ctx podscope-simulator');
    expect(m.frame()).toContain('context podscope-simulator');
    await command(m, 'ctx prod');
    expect(m.frame()).toContain('context "prod" does not exist (the simulator has one context, podscope-simulator)');
  });

  it(':ctx alone opens the context picker on the current context', async () => {
    const m = await start();
    await command(m, 'ctx');
    expect(m.frame()).toContain('Switch context');
    expect(m.frame()).toMatch(/^> podscope-simulator/m);
    await m.press('cancel');
    expect(m.frame()).not.toContain('Switch context');
    expect(m.frame()).toContain('Pods(default)[1]');
  });

  it('an unknown command says so and changes nothing', async () => {
    const m = await start();
    await command(m, 'x');
    expect(m.frame()).toContain('unknown command ":x" (try :pods :events :ns :ctx :q)');
    expect(m.frame()).toContain('Pods(default)[1]');
  });

  it('Esc in the prompt drops the command', async () => {
    const m = await start();
    await m.press('command');
    await m.type('events');
    await m.press('cancel');
    expect(m.frame()).not.toContain(':events█');
    expect(m.frame()).toContain('Pods(default)[1]');
  });

  it(':q quits', async () => {
    const m = await start();
    await command(m, 'q');
    expect(m.app.quitRequested).toBe(true);
  });

  it('a command pasted in one chunk is not lost (Ink hands it over as one string)', async () => {
    const app = new AppState({ source: new SimSource(cluster()), namespace: 'default', frameMs: 0, realNow: () => 0 });
    app.resize(120, 30);
    app.start();
    const r = render(<App app={app} />);
    cleanup = () => {
      r.unmount();
      app.stop();
    };
    await waitIdle(app);
    app.resize(120, 30);
    await waitIdle(app);
    r.stdin.write(':ns shop\r');
    await waitIdle(app);
    expect(r.lastFrame()).toContain('Pods(shop)[2]');
    r.stdin.write('/mysql\r');
    await waitIdle(app);
    expect(r.lastFrame()).toContain('Pods(shop)[1/2] </mysql>');
    r.stdin.write('jjk');
    await waitIdle(app);
    expect(app.pods.selected()?.name).toBe('mysql-0');
  });
});
