// UI test helpers: press keys by keymap action name, wait for the app to be idle (no
// sleeping: we wait until no frame, batch or API call is pending), read frames as text.
import { render } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import type { AppState } from '../../src/state/appState.js';
import { activeKeymaps, type Keymap } from '../../src/ui/keymap.js';
import { keySequence } from '../../src/ui/keys.js';
import { waitIdle as waitIdleShared } from '../helpers/waitIdle.js';

export interface Mounted {
  app: AppState;
  frame(): string;
  /** How many frames Ink has written so far (a test counts the renders something caused). */
  frames(): number;
  /** Presses the first key bound to `action` in the keymaps active right now. */
  press(action: string, keymap?: Keymap): Promise<void>;
  type(text: string): Promise<void>;
  /** Sends the bytes of one key by name (`up`, `ctrl-c`, `tab`), in one write as a terminal does. */
  key(name: string): Promise<void>;
  idle(): Promise<void>;
  unmount(): void;
}

const ANSI = /\u001b\[[0-9;]*m/g;

async function turn(): Promise<void> {
  await new Promise((r) => setImmediate(r));
}

/** Idle: nothing pending for three turns in a row (Ink delivers a lone Esc one macrotask after the bytes). */
export async function waitIdle(app: AppState): Promise<void> {
  await waitIdleShared(app, { quietTurns: 3 });
}

export function keyFor(app: AppState, action: string, keymap?: Keymap): string {
  const maps = keymap ? [keymap] : activeKeymaps(app);
  for (const km of maps) {
    const b = km.bindings.find((x) => x.action === action);
    if (b) return keySequence(b.keys[0]!);
  }
  throw new Error(`no binding for action "${action}" in ${maps.map((m) => m.name).join(', ')}`);
}

export async function mount(app: AppState, size: { columns?: number; rows?: number } = {}): Promise<Mounted> {
  app.resize(size.columns ?? 100, size.rows ?? 30);
  app.start();
  const r = render(<App app={app} />);
  const m: Mounted = {
    app,
    frame: () => (r.lastFrame() ?? '').replace(ANSI, ''),
    frames: () => r.frames.length,
    press: async (action, keymap) => {
      r.stdin.write(keyFor(app, action, keymap));
      await waitIdle(app);
    },
    type: async (text) => {
      for (const ch of text) {
        r.stdin.write(ch);
        await turn();
      }
      await waitIdle(app);
    },
    key: async (name) => {
      r.stdin.write(keySequence(name));
      await waitIdle(app);
    },
    idle: () => waitIdle(app),
    unmount: () => {
      r.unmount();
      app.stop();
    },
  };
  await waitIdle(app);
  // The fake stdout says 100 columns and no rows; the size a test asks for wins.
  app.resize(size.columns ?? 100, size.rows ?? 30);
  await waitIdle(app);
  return m;
}
