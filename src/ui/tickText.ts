// What a tick could change on screen: the text that moves with time alone (ages, grace
// countdowns, the "new pod" highlight; the simulator's clock has its own path), read the
// way the frame reads it. Two ticks that read the same text need no frame between them
// (AppState.tick). Where a screen's time-dependent text is not known here, undefined: every
// tick draws, as before.
import type { AppState } from '../state/appState.js';
import { bodyHeight, tooSmall } from './layout.js';
import { podLines } from './views/podLines.js';

export function tickText(app: AppState): string | undefined {
  const sim = app.source.info().simulator;
  // The header's clock itself redraws alone (AppState.onClockTick, SimBadge); its speed and
  // PAUSED change the header's layout, so they are read here.
  const clock = sim ? `x${sim.speed}${sim.paused ? ' paused' : ''}` : '';
  if (tooSmall(app.columns, app.rows)) return '';
  if (app.picker || app.dialog || app.nav.confirm) return undefined;
  if (app.view !== 'pods') return undefined;
  // The list's column header and window, as PodListView draws them (its height: the body and its header).
  const { header, body } = podLines(app, bodyHeight(app.rows), app.columns);
  return `${clock}\n${header}\n${body}`;
}
