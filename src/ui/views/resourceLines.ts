// A resource view as lines: a list (the printer's columns for the visible window only, so a
// frame costs the same for 10 rows or 100,000) or one object's describe / YAML text.
import { stringify } from 'yaml';
import { entryOf } from '../../kube/catalog/index.js';
import type { AppState } from '../../state/appState.js';
import type { ClusterMetrics } from '../../state/clusterMetrics.js';
import { nodeUsageCells } from '../../kube/metricsColumns.js';
import type { Node, Pod, Secret } from '../../kube/types.js';
import { describeSecret } from '../../kube/describe/describeConfig.js';
import { textObject, type ListFrame, type TextFrame } from '../../state/navigation.js';
import { subjectOf } from '../../kube/eventSubject.js';
import { withEventsNotice } from './eventsNotice.js';
import { theme } from '../theme.js';
import { fit } from '../text.js';

const GAP = 3;
const GUTTER = 2;

/** NAMESPACE first when a namespaced kind is listed across namespaces, as `kubectl get -A`. */
export function showsNamespace(frame: ListFrame): boolean {
  return entryOf(frame.table.kind).namespaced && frame.spec.namespace === undefined;
}

/** k9s's usage columns on a node list, while the cluster has a metrics API. */
const NODE_USAGE_TITLES = ['CPU', 'MEM', '%CPU', '%MEM'];

function showsNodeUsage(frame: ListFrame, metrics: ClusterMetrics | undefined): metrics is ClusterMetrics {
  return frame.table.kind === 'Node' && metrics !== undefined && metrics.available;
}

/** The header titles: kubectl's column names upper-cased, the sort column marked (and a node list's usage). */
export function listTitles(frame: ListFrame, metrics?: ClusterMetrics): string[] {
  const sort = frame.table.sort;
  const arrow = sort.descending ? '↓' : '↑';
  const titles = frame.table.columns(frame.wide).map((c) => {
    const t = c.name.toUpperCase();
    return (sort.key === 'name' && c.name === 'Name') || (sort.key === 'age' && c.name === 'Age') ? `${t}${arrow}` : t;
  });
  if (showsNodeUsage(frame, metrics)) titles.push(...NODE_USAGE_TITLES);
  if (frame.endpoints) titles.push('ENDPOINT');
  return showsNamespace(frame) ? ['NAMESPACE', ...titles] : titles;
}

/** The cells of some rows: namespace (when shown) and the printer's cells. */
export function rowCells(frame: ListFrame, rows: Parameters<ListFrame['table']['cells']>[0], nowMs: number, metrics?: ClusterMetrics): string[][] {
  const cells = frame.table.cells(rows, nowMs, frame.wide);
  if (showsNodeUsage(frame, metrics)) {
    cells.forEach((c, i) => {
      const u = nodeUsageCells(metrics.nodeUsage(rows[i]!.name), rows[i]!.object as Node);
      c.push(u.cpu, u.mem, u.cpuOfAllocatable, u.memOfAllocatable);
    });
  }
  const endpoints = frame.endpoints;
  if (endpoints) cells.forEach((c, i) => c.push(endpoints.of(rows[i]!.object as Pod)));
  return showsNamespace(frame) ? cells.map((c, i) => [rows[i]!.namespace, ...c]) : cells;
}

export interface ListLines {
  header: string;
  body: string;
  count: number;
}

export function listLines(app: AppState, frame: ListFrame, height: number, width: number): ListLines {
  const table = frame.table;
  const { rows } = table.window(height);
  const titles = listTitles(frame, app.metrics);
  const cells = rowCells(frame, rows, app.source.now(), app.metrics);
  const widths = titles.map((t, i) => cells.reduce((w, r) => Math.max(w, (r[i] ?? '').length), t.length));
  const layout = (values: readonly string[]): string =>
    fit(values.map((v, i) => (i < values.length - 1 ? fit(v, widths[i]!) + ' '.repeat(GAP) : v)).join(''), width - GUTTER);
  const header = theme.header(fit(' '.repeat(GUTTER) + layout(titles), width));
  const selectedKey = table.selected()?.key;
  const lines = rows.map((row, i) => {
    const selected = row.key === selectedKey;
    const marked = table.marks.has(row.key);
    const text = fit(`${selected ? '>' : ' '}${marked ? '*' : ' '}${layout(cells[i]!)}`, width);
    const styled = marked ? theme.marked(text) : text;
    return selected ? theme.selected(styled) : styled;
  });
  return { header, body: lines.join('\n'), count: lines.length };
}

/** Where kubectl has its own describer for a kind (kubectl describe.go's describerMap); the rest print generically. */
const KUBECTL_DESCRIBERS: ReadonlySet<string> = new Set([
  'Pod', 'Node', 'Namespace', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ConfigMap',
  'Service', 'Endpoints', 'EndpointSlice', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass',
]);

export function textLines(app: AppState, frame: TextFrame): string[] {
  const { object } = textObject(frame);
  if (frame.mode === 'yaml') return stringify(frame.decoded ? decodedSecret(object as Secret) : object).replace(/\n$/, '').split('\n');
  const entry = entryOf(frame.kind);
  if (frame.kind === 'Secret') return describeSecret(object as Secret, frame.decoded === true).replace(/\n$/, '').split('\n');
  if (!entry.describer) {
    const why = KUBECTL_DESCRIBERS.has(frame.kind)
      ? `kubectl describe has a describer for ${entry.resource}; podscope has not built it yet.`
      : `kubectl describes ${entry.resource} with its generic describer; podscope has not built it yet.`;
    return [why, 'y shows the object as YAML.'];
  }
  if ((entry.describeNeeds ?? []).length > 0 && !frame.related) {
    return [frame.relatedError ? `cannot describe: ${frame.relatedError}` : 'Loading…'];
  }
  // The object's whole event list, LISTed when describe opened (as kubectl describe asks for it).
  const shown = app.subjectEvents(subjectOf(frame.kind, object.metadata));
  const events = shown.events;
  const describe = entry.describer as (obj: typeof object, ev: typeof events, now: number, related: NonNullable<typeof frame.related>) => string;
  return withEventsNotice(describe(object, events, app.source.now(), frame.related ?? {}).replace(/\n$/, '').split('\n'), shown);
}

/** The Secret with each data value decoded to text, for the YAML view while x is on. */
function decodedSecret(secret: Secret): Secret {
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret.data ?? {})) data[k] = Buffer.from(v, 'base64').toString('utf8');
  return { ...secret, data };
}
