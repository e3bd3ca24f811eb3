// `?`: the keys of the view underneath, generated from the keymap tables, with the reason
// when a binding is disabled; scrollable, as it outgrows a small terminal.
import type { AppState } from '../../state/appState.js';
import { helpLines } from '../keymap.js';
import { wrapLines } from '../text.js';
import { TextView } from './TextView.js';

export function HelpView({ app, height }: { app: AppState; height: number }) {
  return <TextView app={app} lines={wrapLines(helpLines(app), app.columns)} height={height} scrollKey="help" />;
}
