// `?`: the keys of the view underneath, generated from the keymap tables, with the reason
// when a binding is disabled; scrollable, as it outgrows a small terminal.
import type { AppState } from '../../state/appState.js';
import { GLOBAL_KEYMAP, isEnabled, VIEW_KEYMAPS, type Keymap } from '../keymap.js';
import { keyLabel } from '../keys.js';
import { cut } from '../text.js';
import { TextView } from './TextView.js';

export function helpLines(app: AppState): string[] {
  const under = app.viewStack.length > 1 ? app.viewStack[app.viewStack.length - 2]! : 'pods';
  const maps: Keymap[] = [VIEW_KEYMAPS[under], GLOBAL_KEYMAP];
  const lines: string[] = [];
  for (const km of maps) {
    lines.push(`${km.name}:`);
    for (const b of km.bindings) {
      const keys = b.keys.map(keyLabel).join(' ');
      const ok = isEnabled(b, app);
      lines.push(`  ${keys.padEnd(24)} ${b.description}${ok === true ? '' : `  (disabled: ${ok})`}`);
    }
  }
  return lines;
}

/** Long descriptions continue on indented lines instead of being cut off. */
export function wrapLines(lines: readonly string[], width: number, indent = 27): string[] {
  const out: string[] = [];
  for (let line of lines) {
    while (line.length > width && width > indent + 10) {
      const room = line.lastIndexOf(' ', width);
      const at = room > indent ? room : width;
      out.push(line.slice(0, at));
      line = ' '.repeat(indent) + line.slice(at).trimStart();
    }
    out.push(cut(line, width));
  }
  return out;
}

export function HelpView({ app, height }: { app: AppState; height: number }) {
  return <TextView app={app} lines={wrapLines(helpLines(app), app.columns)} height={height} scrollKey="help" />;
}
