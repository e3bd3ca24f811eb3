// Binary search in a sorted array: the table's and the kept orders' one way to find a row.

export type RowComparator<R> = (a: R, b: R) => number;

/** Index of `row` in `list` sorted by `cmp`, or -(insertion point) - 1. */
export function sortedIndex<R>(list: readonly R[], row: R, cmp: RowComparator<R>): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = cmp(list[mid]!, row);
    if (c < 0) lo = mid + 1;
    else if (c > 0) hi = mid - 1;
    else return mid;
  }
  return -lo - 1;
}
