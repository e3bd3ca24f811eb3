// One resource list's rows: any catalogued kind, kept in a TableModel (order, `/` filter,
// selection, marks, window) and restricted, when the view shows "the pods of X", to the
// objects a PodScope accepts. Cells come from the catalog's printer (kubectl's server-side
// columns), computed only for the rows a frame draws.
import { entryOf } from '../kube/catalog/index.js';
import type { TableColumnDefinition } from '../kube/table.js';
import type { Kind, KindMap, KubeObject, Pod } from '../kube/types.js';
import type { DeltaBatch } from '../source/types.js';
import { faultyOnly, isFaultyPod } from './faulty.js';
import { NO_FILTER, parsePodFilter, type FilterTarget, type PodFilter } from './podFilter.js';
import { TableModel, type RowComparator, type RowFilter } from './tableModel.js';

export interface ResourceRow extends FilterTarget {
  /** uid, else namespace/name. */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly object: KubeObject;
  readonly createdMs: number;
}

export function rowKey(obj: KubeObject): string {
  return obj.metadata?.uid ?? `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

export function makeResourceRow(obj: KubeObject): ResourceRow {
  const meta = obj.metadata ?? {};
  const namespace = meta.namespace ?? '';
  const name = meta.name ?? '';
  const created = meta.creationTimestamp ? Date.parse(meta.creationTimestamp) : NaN;
  return {
    key: rowKey(obj),
    namespace,
    name,
    object: obj,
    createdMs: Number.isNaN(created) ? 0 : created,
    searchText: `${namespace} ${name}`.toLowerCase(),
    labels: meta.labels,
  };
}

export type ResourceSortKey = 'name' | 'age';
export interface ResourceSort {
  key: ResourceSortKey;
  descending: boolean;
}

function byIdentity(a: ResourceRow, b: ResourceRow): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.key === b.key ? 0 : a.key < b.key ? -1 : 1;
}

/** Total orders (identity breaks ties), so rows are found by binary search; ascending AGE is youngest first, as the pod list. */
export function resourceComparator(sort: ResourceSort): RowComparator<ResourceRow> {
  const sign = sort.descending ? -1 : 1;
  return (a, b) => sign * ((sort.key === 'age' ? b.createdMs - a.createdMs : 0) || byIdentity(a, b));
}

/** Past this many changes in one batch, rebuilding the order beats inserting one by one. */
const REBUILD_THRESHOLD = 512;

export class ResourceTable<K extends Kind = Kind> {
  private readonly table: TableModel<ResourceRow>;
  private sortSpec: ResourceSort = { key: 'name', descending: false };
  private filterSpec: PodFilter = NO_FILTER;
  private synced = false;
  private faultyRows = false;
  version = 0;

  constructor(
    readonly kind: K,
    private readonly only?: (obj: KubeObject) => boolean,
  ) {
    this.table = new TableModel<ResourceRow>((r) => r.key, resourceComparator(this.sortSpec), NO_FILTER);
  }

  get size(): number {
    return this.table.size;
  }
  get visibleCount(): number {
    return this.table.visibleCount;
  }
  get sort(): ResourceSort {
    return this.sortSpec;
  }
  get filter(): PodFilter {
    return this.filterSpec;
  }
  get hasSynced(): boolean {
    return this.synced;
  }
  get marks(): ReadonlySet<string> {
    return this.table.marks;
  }
  get cursor(): number {
    return this.table.cursor;
  }

  get(key: string): ResourceRow | undefined {
    return this.table.get(key);
  }
  selected(): ResourceRow | undefined {
    return this.table.selected();
  }

  apply(batch: DeltaBatch<KindMap[K]>): void {
    if (batch.length === 0) return;
    let changes = 0;
    for (const d of batch) changes += d.type === 'RESET' ? REBUILD_THRESHOLD : 1;
    const rebuild = changes >= REBUILD_THRESHOLD || changes * 8 > this.table.size;
    for (const d of batch) {
      // The restriction applies as objects arrive: one that stops matching leaves, like a DELETED.
      if (d.type === 'RESET') this.table.replaceAll(d.objects.filter((o) => this.accepts(o)).map(makeResourceRow));
      else if (d.type === 'DELETED' || !this.accepts(d.object)) this.table.delete(rowKey(d.object), !rebuild);
      else this.table.upsert(makeResourceRow(d.object), !rebuild);
    }
    if (rebuild) this.table.rebuild();
    this.synced = true;
    this.table.settleSelection();
    this.version++;
  }

  private accepts(obj: KubeObject): boolean {
    return this.only === undefined || this.only(obj);
  }

  setFilter(query: string): void {
    const next = parsePodFilter(query);
    if (next.query === this.filterSpec.query) return;
    this.filterSpec = next;
    this.table.setFilter(this.rowFilter());
    this.version++;
  }

  /** ctrl-z on a list of pods: only the faulty ones. */
  get faulty(): boolean {
    return this.faultyRows;
  }
  setFaulty(on: boolean): void {
    this.faultyRows = on && this.kind === 'Pod';
    this.table.setFilter(this.rowFilter());
    this.version++;
  }

  private rowFilter(): RowFilter<ResourceRow> {
    return this.faultyRows ? faultyOnly<ResourceRow>(this.filterSpec, (r) => isFaultyPod(r.object as Pod)) : this.filterSpec;
  }

  toggleSort(key: ResourceSortKey): void {
    const reversed = key === this.sortSpec.key;
    this.sortSpec = { key, descending: reversed ? !this.sortSpec.descending : false };
    this.table.setComparator(resourceComparator(this.sortSpec), reversed);
    this.version++;
  }

  moveBy(delta: number): void {
    this.moveTo(this.table.cursor + delta);
  }
  moveTo(index: number): void {
    this.table.moveTo(index);
    this.version++;
  }

  toggleMark(): void {
    this.table.toggleMark();
    this.version++;
  }
  clearMarks(): boolean {
    const had = this.table.clearMarks();
    this.version++;
    return had;
  }
  markCounts(): { marked: number; hidden: number } {
    return this.table.markCounts();
  }
  visibleMarked(): ResourceRow[] {
    return this.table.visibleMarked();
  }

  window(height: number): { top: number; rows: readonly ResourceRow[] } {
    return this.table.window(height);
  }
  all(): readonly ResourceRow[] {
    return this.table.all();
  }

  /** The printer's columns; priority-1 ones only when `wide` (kubectl -o wide). */
  columns(wide: boolean): TableColumnDefinition[] {
    return entryOf(this.kind).printer.columns.filter((c) => wide || c.priority === 0);
  }

  /** Each row's cells as kubectl prints them (the printer's Table), the chosen columns only. */
  cells(rows: readonly ResourceRow[], nowMs: number, wide: boolean): string[][] {
    if (rows.length === 0) return [];
    const printer = entryOf(this.kind).printer;
    const pick = printer.columns.map((c, i) => (wide || c.priority === 0 ? i : -1)).filter((i) => i >= 0);
    const t = printer.table(rows.map((r) => r.object) as KindMap[K][], nowMs, 'None');
    return t.rows.map((r) => pick.map((i) => cellText(r.cells[i])));
  }
}

/** kubectl's printing of a cell: numbers as numbers, empty as "<none>" is the printer's own choice. */
function cellText(cell: string | number | boolean | undefined): string {
  return cell === undefined ? '' : String(cell);
}
