// The rest of a lazy filter's rows (TableModel finds only the window's at a keystroke),
// found after the keystroke's frame in slices of a few milliseconds between which keys and
// frames go first; when all are found, `onDone` asks for the frame with the full count.
const SLICE_MS = 4;

export interface FillableTable {
  readonly countComplete: boolean;
  fillFilter(until: number): boolean;
}

export class FilterFill {
  private timer: ReturnType<typeof setImmediate> | undefined;

  constructor(
    private readonly table: FillableTable,
    private readonly onDone: () => void,
  ) {}

  /** Starts filling if the filter has rows left to look at (a no-op while it runs or when done). */
  run(): void {
    if (this.timer === undefined && !this.table.countComplete) this.timer = setImmediate(this.step);
  }

  stop(): void {
    if (this.timer !== undefined) clearImmediate(this.timer);
    this.timer = undefined;
  }

  /** True while rows wait to be looked at. */
  get running(): boolean {
    return this.timer !== undefined;
  }

  private readonly step = (): void => {
    this.timer = undefined;
    if (this.table.fillFilter(performance.now() + SLICE_MS)) this.onDone();
    else this.timer = setImmediate(this.step);
  };
}
