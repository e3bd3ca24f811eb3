// Work for after a keystroke's frame: the rest of a lazy filter's rows (TableModel finds only
// the window's at a keystroke), then the sort columns' kept orders (PodTable.idleWork), in
// slices of a few milliseconds between which keys and frames go first. When the filter's
// count is complete, `onCounted` asks for the frame that shows it.
const SLICE_MS = 4;

export interface IdleWorkTable {
  readonly countComplete: boolean;
  readonly idleWorkPending: boolean;
  idleWork(until: number): boolean;
}

export class FilterFill {
  private timer: ReturnType<typeof setImmediate> | undefined;

  constructor(
    private readonly table: IdleWorkTable,
    private readonly onCounted: () => void,
  ) {}

  /** Starts the work if there is any (a no-op while it runs or when nothing is left). */
  run(): void {
    if (this.timer === undefined && this.table.idleWorkPending) this.timer = setImmediate(this.step);
  }

  stop(): void {
    if (this.timer !== undefined) clearImmediate(this.timer);
    this.timer = undefined;
  }

  /** True while work waits. */
  get running(): boolean {
    return this.timer !== undefined;
  }

  private readonly step = (): void => {
    this.timer = undefined;
    const counted = this.table.countComplete;
    const done = this.table.idleWork(performance.now() + SLICE_MS);
    if (!counted && this.table.countComplete) this.onCounted();
    if (!done) this.timer = setImmediate(this.step);
  };
}
