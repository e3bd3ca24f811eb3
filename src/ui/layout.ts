// Screen geometry shared by the components and the actions that page (PgUp/PgDn).
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 15;
/** Rows used around a view's body: header (2), title (1), column header (1), status (1), hints (1). */
const CHROME_ROWS = 6;

/** Ink 6 clears the whole terminal when a frame is as tall as the terminal: stay one row short. */
export function rootHeight(rows: number): number {
  return Math.max(1, rows - 1);
}

export function bodyHeight(rows: number): number {
  return Math.max(1, rootHeight(rows) - CHROME_ROWS);
}

export function tooSmall(columns: number, rows: number): boolean {
  return columns < MIN_COLUMNS || rows < MIN_ROWS;
}
