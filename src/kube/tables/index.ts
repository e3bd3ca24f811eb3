// The Table every kind the simulator serves prints as, kubectl's columns from the apiserver's
// TableConvertor (k/k pkg/printers/internalversion/printers.go, printed with Wide: true so
// priority-1 columns have cells too; see ../table.ts).
import {
  eventTable,
  podTable,
  rowObject,
  table,
  type IncludeObject,
  type Table,
  type TableColumnDefinition,
  type TableOptions,
  type TableRow,
} from '../table.js';
import type { CronJob, DaemonSet, Deployment, Event, Job, Kind, KindMap, KubeObject, Namespace, Node, Pod, ReplicaSet, StatefulSet } from '../types.js';
import { CRON_JOB_COLUMNS, cronJobCells, JOB_COLUMNS, jobCells } from './jobTables.js';
import { NAMESPACE_COLUMNS, namespaceCells, NODE_COLUMNS, nodeCells } from './nodeTable.js';
import {
  DAEMON_SET_COLUMNS,
  daemonSetCells,
  DEPLOYMENT_COLUMNS,
  deploymentCells,
  REPLICA_SET_COLUMNS,
  replicaSetCells,
  STATEFUL_SET_COLUMNS,
  statefulSetCells,
} from './workloadTables.js';

interface Printer<T> {
  columns: readonly TableColumnDefinition[];
  cells(obj: T, nowMs: number): (string | number)[];
}

type CellPrinters = { [K in Exclude<Kind, 'Pod' | 'Event'>]: Printer<KindMap[K]> };

const PRINTERS: CellPrinters = {
  Node: { columns: NODE_COLUMNS, cells: nodeCells },
  Namespace: { columns: NAMESPACE_COLUMNS, cells: namespaceCells },
  Deployment: { columns: DEPLOYMENT_COLUMNS, cells: deploymentCells },
  ReplicaSet: { columns: REPLICA_SET_COLUMNS, cells: replicaSetCells },
  StatefulSet: { columns: STATEFUL_SET_COLUMNS, cells: statefulSetCells },
  DaemonSet: { columns: DAEMON_SET_COLUMNS, cells: daemonSetCells },
  Job: { columns: JOB_COLUMNS, cells: jobCells },
  CronJob: { columns: CRON_JOB_COLUMNS, cells: cronJobCells },
};

function printed<T extends KubeObject>(
  printer: Printer<T>,
  objects: T[],
  nowMs: number,
  includeObject: IncludeObject,
  options: TableOptions | undefined,
): Table {
  const rows = objects.map((obj): TableRow => ({ cells: printer.cells(obj, nowMs), object: rowObject(obj, includeObject) }));
  return table(printer.columns, rows, options);
}

/** The Table for a list (or one watch event) of `kind`, as the apiserver would serve it. */
export function tableFor(kind: Kind, objects: KubeObject[], nowMs: number, includeObject: IncludeObject, options?: TableOptions): Table {
  switch (kind) {
    case 'Pod':
      return podTable(objects as Pod[], nowMs, includeObject, options);
    case 'Event':
      return eventTable(objects as Event[], nowMs, includeObject, options);
    case 'Node':
      return printed(PRINTERS.Node, objects as Node[], nowMs, includeObject, options);
    case 'Namespace':
      return printed(PRINTERS.Namespace, objects as Namespace[], nowMs, includeObject, options);
    case 'Deployment':
      return printed(PRINTERS.Deployment, objects as Deployment[], nowMs, includeObject, options);
    case 'ReplicaSet':
      return printed(PRINTERS.ReplicaSet, objects as ReplicaSet[], nowMs, includeObject, options);
    case 'StatefulSet':
      return printed(PRINTERS.StatefulSet, objects as StatefulSet[], nowMs, includeObject, options);
    case 'DaemonSet':
      return printed(PRINTERS.DaemonSet, objects as DaemonSet[], nowMs, includeObject, options);
    case 'Job':
      return printed(PRINTERS.Job, objects as Job[], nowMs, includeObject, options);
    case 'CronJob':
      return printed(PRINTERS.CronJob, objects as CronJob[], nowMs, includeObject, options);
  }
}

export { formatLabels, formatLabelSelector } from './format.js';
