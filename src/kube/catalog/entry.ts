// What the catalog knows about one kind: the facts discovery serves (group, version, plural,
// scope, short names, categories, verbs, subresources), the registry's behaviour switches
// (generation), and the kind's capabilities as small values — its Table printer, its
// describer, its selectable fields — as k9s's registry (internal/model/registry.go) pairs a
// GVR with its renderer and kubectl's printers.go AddHandlers pairs a type with its columns.
import { rowObject, table, type IncludeObject, type Table, type TableColumnDefinition, type TableOptions, type TableRow } from '../table.js';
import type { EndpointSlice, Event, Kind, KindMap, KubeObject, Lease, Pod, ReplicaSet, Secret } from '../types.js';

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

/** Every verb the simulator serves on a kind's main resource. */
export const ALL_VERBS: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** How a kind prints as a Table (the apiserver's TableConvertor, kubectl's column handler). */
export interface Printer<T> {
  readonly columns: readonly TableColumnDefinition[];
  /** The Table of a list (or of one watch event), with `nowMs` for ages. */
  table(objects: T[], nowMs: number, includeObject: IncludeObject, options?: TableOptions): Table;
}

/** What kubectl fetches beside the object to describe it (describe.go's describers). */
export interface DescribeRelated {
  /** A ReplicaSet's pods (its namespace, its selector); a Node's non-terminated pods; every pod of a claim's namespace. */
  pods?: Pod[];
  /** A Deployment's namespace's ReplicaSets. */
  replicaSets?: ReplicaSet[];
  /** A Service's EndpointSlices (label kubernetes.io/service-name). */
  endpointSlices?: EndpointSlice[];
  /** A Node's Lease in kube-node-lease. */
  lease?: Lease;
  /** A ServiceAccount's namespace's Secrets (its tokens, and which it names are missing). */
  secrets?: Secret[];
}

/** Which related objects a describer reads (the caller fetches them: see source/describeRelated.ts). */
export type RelatedNeed = keyof DescribeRelated;

/** kubectl describe's text for one object, given the events that concern it and the related objects it needs. */
export type Describer<T> = (obj: T, events: Event[], nowMs: number, related: DescribeRelated) => string;

/** The value of a selectable field, or undefined for a field the kind cannot be selected on. */
export type FieldExtractor<T> = (obj: T, field: string) => string | undefined;

export interface Subresources {
  /** `/status`: status is written only there; PUT on the object keeps the stored status. */
  readonly status: boolean;
  /** `/scale` (autoscaling/v1 Scale over spec.replicas). */
  readonly scale: boolean;
  /** `/log` (GET only): the kubelet's container log, as text. */
  readonly log?: boolean;
  /** `/eviction` (POST only): a policy/v1 Eviction, the graceful delete `kubectl drain` asks for. */
  readonly eviction?: boolean;
  /** `/exec`, `/attach` and `/portforward`: streams upgraded to WebSocket or SPDY (pods only). */
  readonly streams?: boolean;
}

export interface ResourceEntry<K extends Kind = Kind> {
  readonly kind: K;
  /** "" for the core group. */
  readonly group: string;
  readonly version: string;
  /** The plural resource name, the REST path segment. */
  readonly resource: string;
  readonly singular: string;
  readonly listKind: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly verbs: readonly Verb[];
  readonly subresources: Subresources;
  /** metadata.generation is set on create and bumped when the spec changes. */
  readonly hasGeneration: boolean;
  /** DELETE answers with the deleted object, not a Status (the store's ReturnDeletedObject). */
  readonly returnsDeletedObject: boolean;
  readonly printer: Printer<KindMap[K]>;
  readonly describer?: Describer<KindMap[K]>;
  /** The related objects the describer reads. */
  readonly describeNeeds?: readonly RelatedNeed[];
  readonly selectableFields: FieldExtractor<KindMap[K]>;
}

/** "v1" for the core group, else "group/version". */
export function apiVersionOfEntry(entry: Pick<ResourceEntry, 'group' | 'version'>): string {
  return entry.group ? `${entry.group}/${entry.version}` : entry.version;
}

/** A printer from column definitions and a row function (printers.go's TableHandler pair). */
export function cellPrinter<T extends KubeObject>(
  columns: readonly TableColumnDefinition[],
  cells: (obj: T, nowMs: number) => (string | number | boolean)[],
): Printer<T> {
  return {
    columns,
    table: (objects, nowMs, includeObject, options) =>
      table(
        columns,
        objects.map((obj): TableRow => ({ cells: cells(obj, nowMs), object: rowObject(obj, includeObject) })),
        options,
      ),
  };
}
