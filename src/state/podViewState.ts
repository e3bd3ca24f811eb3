// The pod view's own state: which pane has the focus and where each pane is scrolled.
import { ScrollOffset } from './scrollOffset.js';
import { POD_PANES, type PodPane } from './viewTypes.js';

export class PodViewState {
  pane: PodPane = 'phase';
  readonly scroll: Readonly<Record<PodPane, ScrollOffset>> = {
    why: new ScrollOffset(),
    phase: new ScrollOffset(),
    containers: new ScrollOffset(),
    world: new ScrollOffset(),
    // Events run oldest first, as everywhere in podscope: the pane opens on the newest.
    events: new ScrollOffset(true),
    // The last entries of the pod's timeline, newest at the bottom like the events.
    timeline: new ScrollOffset(true),
  };

  cycle(step: number): void {
    const i = POD_PANES.indexOf(this.pane);
    this.pane = POD_PANES[(i + step + POD_PANES.length) % POD_PANES.length]!;
  }

  /**
   * Opening the view on a pod focuses phase & conditions (the why pane above it is short and
   * rarely scrolls; shift-Tab reaches it), each pane scrolled to the top (events: to the newest).
   */
  reset(): void {
    this.pane = 'phase';
    for (const p of POD_PANES) this.scroll[p].reset();
  }
}
