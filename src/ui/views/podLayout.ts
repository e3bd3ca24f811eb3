// How the pod view shares its height among its panes: by content. A pane that fits gets
// just its lines; when they do not all fit, the short ones keep theirs and the long ones
// share the rest evenly (each at least a title and one line), and scroll.
import { POD_PANES, type PodPane } from '../../state/viewTypes.js';

/** Rows per pane (title line included) for panes of `lengths` lines in `height` rows; a pane without a length is not shown. */
export function podPaneHeights(lengths: Readonly<Partial<Record<PodPane, number>>>, height: number): Record<PodPane, number> {
  const shown = POD_PANES.filter((p) => lengths[p] !== undefined);
  return heightsOf(shown, shown.map((p) => Math.max(1, lengths[p]!) + 1), height);
}

function heightsOf(POD_PANES: readonly PodPane[], need: number[], height: number): Record<PodPane, number> {
  const total = need.reduce((a, b) => a + b, 0);
  if (total <= height) return Object.fromEntries(POD_PANES.map((p, i) => [p, need[i]!])) as Record<PodPane, number>;
  // The largest cap c with sum(min(need, c)) <= height; leftovers go to the first capped panes.
  let cap = 2;
  while (need.reduce((s, n) => s + Math.min(n, cap + 1), 0) <= height) cap++;
  const got = need.map((n) => Math.min(n, cap));
  let left = height - got.reduce((a, b) => a + b, 0);
  for (let i = 0; i < got.length && left > 0; i++) {
    if (need[i]! > got[i]!) {
      got[i]!++;
      left--;
    }
  }
  return Object.fromEntries(POD_PANES.map((p, i) => [p, got[i]!])) as Record<PodPane, number>;
}

/** Lines at the top of a pane that stay when it scrolls: the events table keeps its header. */
export const PANE_STICKY_LINES: Readonly<Record<PodPane, number>> = { phase: 0, containers: 0, world: 0, events: 1 };

/** How far a pane of `lines` lines scrolls in `paneHeight` rows (its title takes one; sticky lines change nothing here). */
export function paneMaxScroll(lines: number, paneHeight: number): number {
  return Math.max(0, lines - (paneHeight - 1));
}
