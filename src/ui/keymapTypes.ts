// The shape of a key binding and a keymap (kept apart from keymap.ts so the keymaps of
// single views can live in their own files without an import cycle).
import type { AppState } from '../state/appState.js';

export interface KeyContext {
  app: AppState;
}

export interface Binding {
  keys: readonly string[];
  action: string;
  description: string;
  /** More for the `?` help, on a line of its own under the description (the status line shows only the description). */
  detail?: string;
  /** true, or the reason the action is unavailable (shown in help and the status line). */
  enabled?: (ctx: KeyContext) => true | string;
  /** Shown in the footer hints, in words: the action's name, or this text. */
  hint?: true | string;
  run: (app: AppState, key: string) => void;
}

export interface Keymap {
  name: string;
  bindings: readonly Binding[];
}
