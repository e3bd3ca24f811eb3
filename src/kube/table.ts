// meta.k8s.io/v1 Tables as the apiserver serves them for `Accept: …;as=Table` (§1, §6).
// The pod and event convertors print with Wide: true, so every column, priority 1 included,
// has a cell (k/k pkg/printers/storage TableConvertor). Kinds without a printer get the
// default convertor's Name + Created At (apiserver pkg/registry/rest/table.go). Each row's
// `object` then follows includeObject, as apiserver endpoints/handlers/response.go asTable.
import { eventCount, eventRow } from './eventColumns.js';
import { podRow } from './podColumns.js';
import type { Event, KubeObject, Pod } from './types.js';

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableRowCondition {
  type: 'Completed';
  status: 'True';
  reason: string;
  message: string;
}

export interface TableRow {
  cells: (string | number | boolean)[];
  conditions?: TableRowCondition[];
  object?: unknown;
}

export interface TableListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: TableListMeta;
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  /** The list's metadata, copied onto the Table (GenerateTable does the same). */
  listMeta?: TableListMeta;
  /** TableOptions.noHeaders: leave columnDefinitions empty (watch events after the first). */
  noHeaders?: boolean;
}

// Descriptions are the API's field docs (SwaggerDoc), as the printers take them.
export const OBJECT_META_NAME =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
export const OBJECT_META_CREATION_TIMESTAMP =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export function column(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description, priority };
}

export const POD_COLUMNS: readonly TableColumnDefinition[] = [
  column('Name', 'string', OBJECT_META_NAME, 0, 'name'),
  column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'string', 'The aggregate status of the containers in this pod.'),
  column(
    'Restarts',
    'string',
    'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
  ),
  column('Age', 'string', OBJECT_META_CREATION_TIMESTAMP),
  column(
    'IP',
    'string',
    'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
    1,
  ),
  column(
    'Node',
    'string',
    'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename',
    1,
  ),
  column(
    'Nominated Node',
    'string',
    'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.',
    1,
  ),
  column(
    'Readiness Gates',
    'string',
    'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
    1,
  ),
];

export const EVENT_COLUMNS: readonly TableColumnDefinition[] = [
  column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
  column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
  column(
    'Reason',
    'string',
    "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
  ),
  column('Object', 'string', 'The object that this event is about.'),
  column(
    'Subobject',
    'string',
    'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.',
    1,
  ),
  column('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1),
  column('Message', 'string', 'A human-readable description of the status of this operation.'),
  column('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1),
  column('Count', 'string', 'The number of times this event has occurred.', 1),
  column('Name', 'string', OBJECT_META_NAME, 1, 'name'),
];

const POD_SUCCEEDED: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const POD_FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

/** What a Table row carries with includeObject=Metadata. */
export function partialObjectMetadata(obj: KubeObject): unknown {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata ?? {} };
}

/** The row's object: absent (JSON null, as RawExtension marshals), metadata only, or all of it. */
export function rowObject(obj: KubeObject, includeObject: IncludeObject): unknown {
  switch (includeObject) {
    case 'None':
      return null;
    case 'Object':
      return obj;
    default:
      return partialObjectMetadata(obj);
  }
}

export function table(columns: readonly TableColumnDefinition[], rows: TableRow[], options: TableOptions | undefined): Table {
  const metadata: TableListMeta = {};
  const meta = options?.listMeta;
  if (meta?.resourceVersion) metadata.resourceVersion = meta.resourceVersion;
  if (meta?.continue) metadata.continue = meta.continue;
  if (meta?.remainingItemCount !== undefined) metadata.remainingItemCount = meta.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: options?.noHeaders ? [] : columns.map((c) => ({ ...c })),
    rows,
  };
}

export function podTable(pods: Pod[], nowMs: number, includeObject: IncludeObject, options?: TableOptions): Table {
  const rows = pods.map((pod): TableRow => {
    const r = podRow(pod, nowMs);
    const row: TableRow = {
      cells: [r.name, r.ready, r.status, r.restarts, r.age, r.ip, r.node, r.nominatedNode, r.readinessGates],
    };
    const phase = pod.status?.phase;
    if (phase === 'Succeeded') row.conditions = POD_SUCCEEDED;
    else if (phase === 'Failed') row.conditions = POD_FAILED;
    row.object = rowObject(pod, includeObject);
    return row;
  });
  return table(POD_COLUMNS, rows, options);
}

export function eventTable(events: Event[], nowMs: number, includeObject: IncludeObject, options?: TableOptions): Table {
  const rows = events.map((ev): TableRow => {
    const r = eventRow(ev, nowMs);
    return {
      // COUNT is declared a string column but printed as an integer cell upstream.
      cells: [r.lastSeen, r.type, r.reason, r.object, r.subobject, r.source, r.message, r.firstSeen, eventCount(ev), r.name],
      object: rowObject(ev, includeObject),
    };
  });
  return table(EVENT_COLUMNS, rows, options);
}
