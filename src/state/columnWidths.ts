// The pod list's column widths: they only grow while the size of the terminal stays, so
// columns do not jump while scrolling; a resize starts over, so they also shrink.
export class ColumnWidths {
  private readonly widths = new Map<string, number>();

  /** The width for a column whose content now needs `needed`: never less than before. */
  fit(column: string, needed: number): number {
    const w = Math.max(needed, this.widths.get(column) ?? 0);
    this.widths.set(column, w);
    return w;
  }

  /** What fit() would answer, without recording it. */
  peek(column: string, needed: number): number {
    return Math.max(needed, this.widths.get(column) ?? 0);
  }

  reset(): void {
    this.widths.clear();
  }
}
