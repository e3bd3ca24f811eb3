// How the pod view shares its height among its panes: by content. A pane that fits gets
// just its lines; when they do not all fit, the short ones keep theirs and the long ones
// share the rest evenly (each at least a title and one line), and scroll.
import { POD_PANES, type PodPane } from '../../state/viewTypes.js';

/** Rows per pane (title line included) for the panes `lengths` has (in screen order), in `height` rows. */
export function podPaneHeights(lengths: Readonly<Partial<Record<PodPane, number>>>, height: number): Record<PodPane, number> {
  const panes = POD_PANES.filter((p) => lengths[p] !== undefined);
  const need = panes.map((p) => Math.max(1, lengths[p]!) + 1);
  const total = need.reduce((a, b) => a + b, 0);
  if (total <= height) return Object.fromEntries(panes.map((p, i) => [p, need[i]!])) as Record<PodPane, number>;
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
  return Object.fromEntries(panes.map((p, i) => [p, got[i]!])) as Record<PodPane, number>;
}

/**
 * The panes that get only the rows the others leave (none when they need them all), first
 * served first: the timeline (its whole is one key away), then the pod's world (volumes,
 * Services, node: the why pane already names what of it keeps the pod from running).
 */
export const SPARE_POD_PANES: readonly PodPane[] = ['timeline', 'world'];

/** From this height on each spare pane keeps a few rows (its title and three lines) even when the others want them. */
const SPARE_FLOOR_FROM = 36;
const SPARE_FLOOR = 4;

/**
 * The pod view's heights: the main panes share as podPaneHeights says; each spare pane has
 * what is left over in turn, a few rows on a tall screen, and a third of it when it has the focus.
 */
export function podViewHeights(lengths: Readonly<Record<PodPane, number>>, height: number, focused?: PodPane): Record<PodPane, number> {
  const main = POD_PANES.filter((p) => !SPARE_POD_PANES.includes(p));
  const others = Object.fromEntries(main.map((p) => [p, lengths[p]])) as Record<PodPane, number>;
  let left = Math.max(0, height - main.reduce((s, p) => s + Math.max(1, lengths[p]) + 1, 0));
  const spares: Partial<Record<PodPane, number>> = {};
  let spareTotal = 0;
  for (const pane of SPARE_POD_PANES) {
    let give = Math.max(left, height >= SPARE_FLOOR_FROM ? SPARE_FLOOR : 0);
    if (focused === pane) give = Math.max(give, Math.floor(height / 3));
    give = Math.min(give, Math.max(1, lengths[pane]) + 1);
    const got = give >= 2 ? give : 0;
    spares[pane] = got;
    spareTotal += got;
    left = Math.max(0, left - got);
  }
  return { ...podPaneHeights(others, height - spareTotal), ...spares } as Record<PodPane, number>;
}

/** Lines at the top of a pane that stay when it scrolls: the events table keeps its header. */
export const PANE_STICKY_LINES: Readonly<Record<PodPane, number>> = { why: 0, phase: 0, containers: 0, events: 1, world: 0, timeline: 0 };

/** How far a pane of `lines` lines scrolls in `paneHeight` rows (its title takes one; sticky lines change nothing here). */
export function paneMaxScroll(lines: number, paneHeight: number): number {
  return Math.max(0, lines - (paneHeight - 1));
}
