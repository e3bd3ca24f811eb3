// The pod rows' lower-cased search text (PodEntry.searchText) is built on first use, so the
// first letter typed into the filter would build it for every pod at once: ~0.3 s at 100k.
// While the filter prompt is open this builds it ahead, in slices of a few milliseconds
// between which keys and frames go first, so typing only ever tests strings that exist.
import type { FilterTarget } from './podFilter.js';

const SLICE_MS = 4;

export class SearchWarmup {
  private rows: readonly FilterTarget[] | undefined;
  private next = 0;
  private timer: ReturnType<typeof setImmediate> | undefined;

  /** Warms these rows (every pod, the filter aside); the same array again carries on where it was. */
  run(rows: readonly FilterTarget[]): void {
    if (rows !== this.rows) {
      this.rows = rows;
      this.next = 0;
    }
    if (this.timer === undefined && this.next < rows.length) this.timer = setImmediate(this.step);
  }

  stop(): void {
    if (this.timer !== undefined) clearImmediate(this.timer);
    this.timer = undefined;
    this.rows = undefined;
  }

  /** True while rows wait to be warmed. */
  get running(): boolean {
    return this.timer !== undefined;
  }

  private readonly step = (): void => {
    this.timer = undefined;
    const rows = this.rows;
    if (!rows) return;
    const until = performance.now() + SLICE_MS;
    let i = this.next;
    while (i < rows.length) {
      void rows[i]!.searchText;
      i++;
      if ((i & 255) === 0 && performance.now() >= until) break;
    }
    this.next = i;
    if (i < rows.length) this.timer = setImmediate(this.step);
  };
}
