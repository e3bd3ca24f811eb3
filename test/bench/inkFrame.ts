// One keystroke's frame as the shipped TUI draws it, in-process: Ink's real renderer (not
// ink-testing-library's debug mode) on a 200×50 terminal, with the bundle's Output
// (src/ui/ink/fastOutput.ts, which the esbuild plugin puts in Ink's place) and the TUI's
// render options. From the key handler to the frame written to the terminal.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { render } from 'ink';
import { createElement } from 'react';
import type { AppState } from '../../src/state/appState.js';
import { App } from '../../src/ui/App.js';
import { fastGet } from '../../src/ui/ink/fastOutput.js';
import { handleKey } from '../../src/ui/keymap.js';

class FakeTerminal extends EventEmitter {
  // Not a TTY to cli-cursor: on a TTY it would also show the cursor on this process's stderr at exit.
  readonly isTTY = false;
  columns = 200;
  rows = 50;
  writes = 0;
  write(): boolean {
    this.writes++;
    return true;
  }
}

class FakeKeyboard extends EventEmitter {
  readonly isTTY = true;
  setRawMode(): void {}
  setEncoding(): void {}
  ref(): void {}
  unref(): void {}
  resume(): void {}
  pause(): void {}
  read(): null {
    return null;
  }
}

interface InkOutputPrototype {
  get(this: { width: number; height: number; operations: never[] }): { output: string; height: number };
}

/** One key's frame: wall-clock ms, and the process's CPU ms meanwhile (what load on the machine does not inflate). */
export interface KeySample {
  wallMs: number;
  cpuMs: number;
}

/** One key as the TUI's input handler names it (keys.ts) and the text it typed (letters). */
export interface BenchKey {
  group: string;
  key: string;
  text?: string;
}

/** The median of `presses` scroll keys (down, then up), each from handleKey to Ink's write; NaN where Ink writes no frames (CI=true). */
export async function inkFrameMs(app: AppState, presses = 21): Promise<number> {
  const keys = Array.from({ length: presses }, (_, i): BenchKey => ({ group: 'scroll', key: i < presses / 2 ? 'down' : 'up' }));
  const samples = await inkKeysMs(app, keys);
  if (samples === undefined) return NaN;
  const scroll = samples.scroll!.map((s) => s.wallMs).sort((a, b) => a - b);
  return scroll[Math.floor(scroll.length / 2)]!;
}

/**
 * Each key's frame, from handleKey to Ink's write, by group; between keys it waits until the
 * app is idle and the pod filter has found every row (a typist's pause is longer than that
 * at 100k). undefined where Ink writes no frames (CI=true).
 */
export async function inkKeysMs(app: AppState, keys: readonly BenchKey[]): Promise<Record<string, KeySample[]> | undefined> {
  const { stdout, unmount } = await mountTui(app);
  try {
    while (app.busy) await new Promise((r) => setTimeout(r, 5));
    const samples: Record<string, KeySample[]> = {};
    for (const { group, key, text } of keys) {
      const before = stdout.writes;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      handleKey(app, key, text);
      app.frameNow();
      while (stdout.writes === before) {
        // With CI=true Ink writes only the last frame, at unmount: nothing to measure.
        if (performance.now() - t0 > 5_000) return undefined;
        await new Promise((r) => setImmediate(r));
      }
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      (samples[group] ??= []).push({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000 });
      await new Promise((r) => setTimeout(r, 5));
      while (app.busy || !app.pods.countComplete) await new Promise((r) => setTimeout(r, 5));
    }
    return samples;
  } finally {
    unmount();
  }
}

/** The TUI mounted as the binary mounts it (Ink's renderer, the bundle's Output, frames paced by AppState) on a 200×50 terminal that counts its writes. */
export async function mountTui(app: AppState, onRender?: () => void): Promise<{ stdout: { readonly writes: number }; unmount: () => void }> {
  const inkMain = createRequire(import.meta.url).resolve('ink');
  const { default: InkOutput } = (await import(pathToFileURL(join(dirname(inkMain), 'output.js')).href)) as { default: { prototype: InkOutputPrototype } };
  const original = InkOutput.prototype.get;
  InkOutput.prototype.get = function get() {
    return fastGet(this.width, this.height, this.operations) ?? original.call(this);
  };
  const stdout = new FakeTerminal();
  app.resize(stdout.columns, stdout.rows);
  const ink = render(createElement(App, { app }), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: new FakeKeyboard() as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 0,
    ...(onRender ? { onRender } : {}),
  });
  return {
    stdout,
    unmount: () => {
      ink.unmount();
      InkOutput.prototype.get = original;
    },
  };
}
