// Issue 9: switching namespace from a pod, describe or YAML view returns to the list of the
// new scope instead of relabelling a live pod "(deleted)"; `:ctx NAME` takes the new
// context's namespace, as at start-up and as kubectl and k9s do.
import { afterEach, describe, expect, it } from 'vitest';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { harness, runningPod, type Harness } from '../unit/state/simHarness.js';
import { mount, type Mounted } from './helpers.js';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

function cluster(): Harness {
  const h = harness(['default', 'shop']);
  h.api.create('Pod', runningPod('web-1'));
  h.api.create('Pod', runningPod('cart-1', 'shop'));
  return h;
}

/** A simulator source whose kubeconfig has two contexts with different namespaces. */
class TwoContexts extends SimSource {
  private current = 'dev';
  override contexts(): string[] {
    return ['dev', 'shop-admin'];
  }
  override currentContext(): string {
    return this.current;
  }
  override defaultNamespace(): string {
    return this.current === 'dev' ? 'default' : 'shop';
  }
  override async switchContext(name: string): Promise<void> {
    if (!this.contexts().includes(name)) throw new Error(`context "${name}" not found`);
    this.current = name;
  }
}

async function command(m: Mounted, text: string): Promise<void> {
  await m.press('command');
  await m.type(text);
  await m.press('submit');
}

describe('scope switches from sub-views', () => {
  it.each(['open', 'describe', 'yaml'])(':ns from the %s view goes back to the new list, never "(deleted)"', async (action) => {
    const app = new AppState({ source: new SimSource(cluster()), namespace: 'default', frameMs: 0, realNow: () => 0 });
    const m = (mounted = await mount(app));
    await m.press(action);
    expect(m.frame()).toContain('default/web-1');
    await command(m, 'ns shop');
    expect(m.frame()).not.toContain('(deleted)');
    expect(m.app.view).toBe('pods');
    expect(m.frame()).toContain('Pods(shop)[1]');
  });

  it(':ctx NAME takes that context\'s namespace', async () => {
    const app = new AppState({ source: new TwoContexts(cluster()), namespace: 'default', frameMs: 0, realNow: () => 0 });
    const m = (mounted = await mount(app));
    await command(m, 'ctx shop-admin');
    expect(m.app.namespace).toBe('shop');
    expect(m.frame()).toContain('Pods(shop)[1]');
    expect(m.frame()).toContain('context shop-admin, namespace shop');
  });
});
