// The pod list as pre-formatted lines: only the visible window is turned into kubectl
// strings (podRow) and coloured, so a frame costs the same for 50 pods or 100,000.
import { podRow, type PodRow } from '../../kube/podColumns.js';
import type { AppState } from '../../state/appState.js';
import { graceSecondsLeft } from '../../state/graceCountdown.js';
import type { PodEntry } from '../../state/podEntry.js';
import type { PodTable } from '../../state/podTable.js';
import type { SortKey } from '../../state/podSort.js';
import { categoryColour, theme } from '../theme.js';
import { fit } from '../text.js';

interface Column {
  title: string;
  cell: (row: PodRow) => string;
  sortKey?: SortKey;
  /** The column that takes the remaining width. */
  flex?: boolean;
}

const NAMESPACE: Column = { title: 'NAMESPACE', cell: (r) => r.namespace };
const COLUMNS: readonly Column[] = [
  { title: 'NAME', cell: (r) => r.name, sortKey: 'name', flex: true },
  { title: 'READY', cell: (r) => r.ready },
  { title: 'STATUS', cell: (r) => r.status, sortKey: 'status' },
  { title: 'RESTARTS', cell: (r) => r.restarts, sortKey: 'restarts' },
  { title: 'AGE', cell: (r) => r.age, sortKey: 'age' },
  { title: 'IP', cell: (r) => r.ip },
  { title: 'NODE', cell: (r) => r.node },
];
const GAP = 2;
const GUTTER = 2;

/** `Terminating (12s)`: the grace left before the kubelet must have stopped the pod. */
function statusWithCountdown(row: PodRow, entry: PodEntry, table: PodTable, nowMs: number): string {
  if (row.status !== 'Terminating') return row.status;
  const left = graceSecondsLeft(entry.pod, nowMs, table.deletionSeenAt(entry.uid));
  return left === undefined ? row.status : `Terminating (${left}s)`;
}

export interface PodLines {
  header: string;
  body: string;
  /** Rows drawn (the window height is filled with blanks by the caller if needed). */
  count: number;
}

export function podLines(app: AppState, height: number, width: number): PodLines {
  const table = app.pods;
  const now = app.source.now();
  const { top, rows } = table.window(height);
  const cols = app.namespace === undefined ? [NAMESPACE, ...COLUMNS] : COLUMNS;
  const cells = rows.map((e) => {
    const row = podRow(e.pod, now);
    row.status = statusWithCountdown(row, e, table, now);
    return cols.map((c) => c.cell(row));
  });
  const sort = table.sort;
  const titles = cols.map((c) => (c.sortKey === sort.key ? `${c.title}${sort.descending ? '↓' : '↑'}` : c.title));
  // Widths only grow while the terminal keeps its size (app.podColumns), so columns do not jump while scrolling.
  const widths = cols.map((c, i) => {
    let w = titles[i]!.length;
    for (const r of cells) w = Math.max(w, r[i]!.length);
    return app.podColumns.fit(c.title, w);
  });
  const flexIndex = cols.findIndex((c) => c.flex);
  const fixed = widths.reduce((sum, w, i) => (i === flexIndex ? sum : sum + w + GAP), GUTTER);
  widths[flexIndex] = Math.max(8, Math.min(widths[flexIndex]!, width - fixed - GAP));

  const layout = (values: readonly string[]): string => {
    let line = '';
    for (let i = 0; i < values.length; i++) line += fit(values[i]!, widths[i]!) + (i < values.length - 1 ? ' '.repeat(GAP) : '');
    return fit(line.trimEnd(), width - GUTTER);
  };

  const header = theme.header(fit(' '.repeat(GUTTER) + layout(titles), width));
  const lines: string[] = [];
  const selectedUid = table.selected()?.uid;
  rows.forEach((entry, i) => {
    const selected = entry.uid === selectedUid;
    const marked = table.marks.has(entry.uid);
    const fresh = table.isFresh(entry.uid);
    const gutter = `${selected ? '>' : ' '}${marked ? '*' : fresh ? '+' : ' '}`;
    const text = fit(gutter + layout(cells[i]!), width);
    let styled = categoryColour(entry.category)(text);
    if (marked) styled = theme.marked(text);
    if (fresh) styled = theme.fresh(styled);
    if (selected) styled = theme.selected(styled);
    lines.push(styled);
  });
  void top;
  return { header, body: lines.join('\n'), count: lines.length };
}
