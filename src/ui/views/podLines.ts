// The pod list as pre-formatted lines: only the visible window is turned into kubectl
// strings (podRow) and coloured, so a frame costs the same for 50 pods or 100,000.
import { podUsageCells, type PodUsageCells } from '../../kube/metricsColumns.js';
import { podRow, type PodRow } from '../../kube/podColumns.js';
import type { AppState } from '../../state/appState.js';
import { graceSecondsLeft } from '../../state/graceCountdown.js';
import type { PodEntry } from '../../state/podEntry.js';
import type { PodTable } from '../../state/podTable.js';
import type { SortKey } from '../../state/podSort.js';
import { categoryColour, theme } from '../theme.js';
import { fit } from '../text.js';

/** A row's kubectl cells, and its usage cells while the cluster has metrics. */
type Cells = PodRow & Partial<PodUsageCells>;

interface Column {
  title: string;
  /** `why`: the row's WHY cell (computed for drawn rows only). */
  cell: (row: Cells, why: string) => string;
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
/** k9s's usage columns, after AGE, while the cluster has a metrics API. */
const USAGE_COLUMNS: readonly Column[] = [
  { title: 'CPU', cell: (r) => r.cpu ?? '', sortKey: 'cpu' },
  { title: 'MEM', cell: (r) => r.mem ?? '', sortKey: 'mem' },
  { title: '%CPU/R', cell: (r) => r.cpuOfRequest ?? '' },
  { title: '%CPU/L', cell: (r) => r.cpuOfLimit ?? '' },
  { title: '%MEM/R', cell: (r) => r.memOfRequest ?? '' },
  { title: '%MEM/L', cell: (r) => r.memOfLimit ?? '' },
];
const AGE_INDEX = COLUMNS.findIndex((c) => c.title === 'AGE');
const COLUMNS_WITH_USAGE: readonly Column[] = [...COLUMNS.slice(0, AGE_INDEX + 1), ...USAGE_COLUMNS, ...COLUMNS.slice(AGE_INDEX + 1)];
/** ctrl-w adds kubectl's other wide columns (IP and NODE are always there). */
const WIDE_COLUMNS: readonly Column[] = [
  { title: 'NOMINATED NODE', cell: (r) => r.nominatedNode },
  { title: 'READINESS GATES', cell: (r) => r.readinessGates },
];
const WIDE_TITLES = WIDE_COLUMNS.map((c) => c.title);
/**
 * k9s's VALID column in words: why the pod is not ready (kube/diagnosis), '' when it is.
 * One of the ctrl-w columns (the default list keeps kubectl's columns exactly), after
 * READINESS GATES, while a drawn row has something to say; it gives way last, when
 * everything but NAME has gone.
 */
const WHY: Column = { title: 'WHY', cell: (_r, why) => why };
/** The WHY column takes what is left, between these widths (a longer cell is cut with …). */
const WHY_MIN = 16;
const WHY_MAX = 44;
const GAP = 2;
const GUTTER = 2;

type GiveWay = readonly { drop: readonly string[]; shortRestarts: boolean }[];

/** The usage percentages (limits first), then NODE, then IP, give way; then RESTARTS drops its "(12s ago)"; NAME shrinks last. */
const LIMIT_PCT = ['%CPU/L', '%MEM/L'];
const ALL_PCT = [...LIMIT_PCT, '%CPU/R', '%MEM/R'];
const GIVE_WAY: GiveWay = [
  { drop: [], shortRestarts: false },
  { drop: [...LIMIT_PCT], shortRestarts: false },
  { drop: [...ALL_PCT], shortRestarts: false },
  { drop: [...ALL_PCT, 'NODE'], shortRestarts: false },
  { drop: [...ALL_PCT, 'NODE', 'IP'], shortRestarts: false },
  { drop: [...ALL_PCT, 'NODE', 'IP'], shortRestarts: true },
];
/** ctrl-w: the wide columns go first and WHY last. */
const GIVE_WAY_WIDE: GiveWay = [
  { drop: [], shortRestarts: false },
  { drop: [...WIDE_TITLES], shortRestarts: false },
  { drop: [...WIDE_TITLES, ...LIMIT_PCT], shortRestarts: false },
  { drop: [...WIDE_TITLES, ...ALL_PCT], shortRestarts: false },
  { drop: [...WIDE_TITLES, ...ALL_PCT, 'NODE'], shortRestarts: false },
  { drop: [...WIDE_TITLES, ...ALL_PCT, 'NODE', 'IP'], shortRestarts: false },
  { drop: [...WIDE_TITLES, ...ALL_PCT, 'NODE', 'IP'], shortRestarts: true },
  { drop: [...WIDE_TITLES, ...ALL_PCT, 'NODE', 'IP', 'WHY'], shortRestarts: true },
];

const shortRestarts = (cell: string): string => cell.replace(/ \(.*\)$/, '');
const widthKey = (c: Column, short: boolean): string => (short && c.title === 'RESTARTS' ? 'RESTARTS-short' : c.title);

function needed(title: string, cells: readonly (readonly string[])[], i: number): number {
  let w = title.length;
  for (const r of cells) w = Math.max(w, r[i]!.length);
  return title === 'WHY' ? Math.min(w, WHY_MIN) : w;
}

interface NarrowPlan {
  cols: Column[];
  /** Indexes into the full column list. */
  pick: number[];
  shortRestarts: boolean;
}

/** The first step of GIVE_WAY at which every column fits at its natural width (else the last). */
function narrowPlan(app: AppState, all: readonly Column[], cells: readonly (readonly string[])[], titleOf: (c: Column) => string, width: number): NarrowPlan {
  let plan: NarrowPlan | undefined;
  for (const step of app.pods.wide ? GIVE_WAY_WIDE : GIVE_WAY) {
    const pick = all.map((_, i) => i).filter((i) => !step.drop.includes(all[i]!.title));
    const picked = cells.map((r) => pick.map((i) => (step.shortRestarts && all[i]!.title === 'RESTARTS' ? shortRestarts(r[i]!) : r[i]!)));
    const total = pick.reduce((sum, i, k) => sum + app.podColumns.peek(widthKey(all[i]!, step.shortRestarts), needed(titleOf(all[i]!), picked, k)) + GAP, GUTTER);
    plan = { cols: pick.map((i) => all[i]!), pick, shortRestarts: step.shortRestarts };
    if (total - GAP <= width) return plan;
  }
  return plan!;
}

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
  const usage = app.metrics.available;
  const base = usage ? COLUMNS_WITH_USAGE : COLUMNS;
  // ctrl-w: the WHY cells of the drawn rows only (memoised per pod version and second).
  const whys = rows.map((e) => (table.wide ? app.diagnosis.cell(e.uid, e.pod, now) : ''));
  const withWhy = whys.some((w) => w !== '');
  const columns = table.wide ? [...base, ...WIDE_COLUMNS, ...(withWhy ? [WHY] : [])] : base;
  const all = app.namespace === undefined ? [NAMESPACE, ...columns] : columns;
  const fullCells = rows.map((e, i) => {
    const row: Cells = podRow(e.pod, now);
    row.status = statusWithCountdown(row, e, table, now);
    if (usage) Object.assign(row, podUsageCells(app.metrics.podUsage(e.namespace, e.name), e.requestsLimits));
    return all.map((c) => c.cell(row, whys[i]!));
  });
  const sort = table.sort;
  const titleOf = (c: Column): string => (c.sortKey === sort.key ? `${c.title}${sort.descending ? '↓' : '↑'}` : c.title);
  const plan = narrowPlan(app, all, fullCells, titleOf, width);
  const cols = plan.cols;
  const cells = fullCells.map((r) => plan.pick.map((i) => (plan.shortRestarts && all[i]!.title === 'RESTARTS' ? shortRestarts(r[i]!) : r[i]!)));
  const titles = cols.map(titleOf);
  // Widths only grow while the terminal keeps its size (app.podColumns), so columns do not jump while scrolling.
  const widths = cols.map((c, i) => app.podColumns.fit(widthKey(c, plan.shortRestarts), needed(titles[i]!, cells, i)));
  const flexIndex = cols.findIndex((c) => c.flex);
  const fixed = widths.reduce((sum, w, i) => (i === flexIndex ? sum : sum + w + GAP), GUTTER);
  widths[flexIndex] = Math.max(8, Math.min(widths[flexIndex]!, width - fixed - GAP));
  // WHY was planned at its narrowest; it grows into what is left, up to its longest cell.
  const whyIndex = cols.indexOf(WHY);
  if (whyIndex >= 0) {
    const longest = Math.min(WHY_MAX, cells.reduce((w, r) => Math.max(w, r[whyIndex]!.length), 0));
    const used = widths.reduce((sum, w) => sum + w + GAP, GUTTER - GAP);
    widths[whyIndex] = Math.max(widths[whyIndex]!, Math.min(longest, widths[whyIndex]! + width - used));
  }

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
