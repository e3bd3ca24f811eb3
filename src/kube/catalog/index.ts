// The resource catalog: one entry per kind the simulator serves and podscope can watch.
// Everything that holds a per-kind fact — the store's keys, discovery, REST routes, the
// scale and status subresources, generation, Tables, field selectors, scenarios, the live
// client's paths — reads it from here; adding a kind is one entry (and its printer).
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from '../describe/describeStorage.js';
import { describePod } from '../describe/describePod.js';
import { describeDaemonSet, describeDeployment, describeReplicaSet, describeStatefulSet } from '../describe/describeWorkloads.js';
import { describeEndpointSlice, describeService } from '../describe/describeService.js';
import { describeNode } from '../describe/describeNode.js';
import { describeCronJob, describeJob } from '../describe/describeJobs.js';
import { describeConfigMap, describeEndpoints, describeNamespace, describeSecret, describeServiceAccount } from '../describe/describeConfig.js';
import { EVENT_COLUMNS, eventTable, POD_COLUMNS, podTable } from '../table.js';
import { CONFIG_MAP_COLUMNS, configMapCells } from '../tables/configMapTable.js';
import { CONTROLLER_REVISION_COLUMNS, controllerRevisionCells } from '../tables/controllerRevisionTable.js';
import { eventFieldValue, genericFieldValue, podFieldValue, secretFieldValue } from '../fields/selectable.js';
import { ENDPOINT_SLICE_COLUMNS, endpointSliceCells, ENDPOINTS_COLUMNS, endpointsCells, SERVICE_COLUMNS, serviceCells } from '../tables/serviceTables.js';
import { SECRET_COLUMNS, secretCells, SERVICE_ACCOUNT_COLUMNS, serviceAccountCells } from '../tables/secretTables.js';
import { LEASE_COLUMNS, leaseCells } from '../tables/leaseTable.js';
import {
  PERSISTENT_VOLUME_CLAIM_COLUMNS,
  PERSISTENT_VOLUME_COLUMNS,
  persistentVolumeCells,
  persistentVolumeClaimCells,
  STORAGE_CLASS_COLUMNS,
  storageClassCells,
} from '../tables/storageTables.js';
import { CRON_JOB_COLUMNS, cronJobCells, JOB_COLUMNS, jobCells } from '../tables/jobTables.js';
import { NAMESPACE_COLUMNS, namespaceCells, NODE_COLUMNS, nodeCells } from '../tables/nodeTable.js';
import {
  DAEMON_SET_COLUMNS,
  daemonSetCells,
  DEPLOYMENT_COLUMNS,
  deploymentCells,
  REPLICA_SET_COLUMNS,
  replicaSetCells,
  STATEFUL_SET_COLUMNS,
  statefulSetCells,
} from '../tables/workloadTables.js';
import type { Kind } from '../types.js';
import { ALL_VERBS, apiVersionOfEntry, cellPrinter, type ResourceEntry } from './entry.js';
import { METRICS } from './metrics.js';
import { REVIEWS } from './reviews.js';

export { ALL_VERBS, apiVersionOfEntry, cellPrinter } from './entry.js';
export type { DescribeRelated, Describer, FieldExtractor, Printer, RelatedNeed, ResourceEntry, Subresources, Verb } from './entry.js';
export { REVIEWS, reviewAtPath, type ReviewEntry } from './reviews.js';

const WITH_STATUS = { status: true, scale: false } as const;
const SCALABLE = { status: true, scale: true } as const;

/** In the order `kubectl api-resources` and the scenario errors list them. */
export const CATALOG: { readonly [K in Kind]: ResourceEntry<K> } = {
  Namespace: {
    kind: 'Namespace',
    group: '',
    version: 'v1',
    resource: 'namespaces',
    singular: 'namespace',
    listKind: 'NamespaceList',
    namespaced: false,
    shortNames: ['ns'],
    categories: [],
    verbs: ALL_VERBS,
    subresources: WITH_STATUS,
    returnsDeletedObject: false,
    hasGeneration: false,
    printer: cellPrinter(NAMESPACE_COLUMNS, namespaceCells),
    describer: (ns) => describeNamespace(ns),
    selectableFields: genericFieldValue,
  },
  Node: {
    kind: 'Node',
    group: '',
    version: 'v1',
    resource: 'nodes',
    singular: 'node',
    listKind: 'NodeList',
    namespaced: false,
    shortNames: ['no'],
    categories: [],
    verbs: ALL_VERBS,
    subresources: WITH_STATUS,
    returnsDeletedObject: false,
    hasGeneration: false,
    printer: cellPrinter(NODE_COLUMNS, nodeCells),
    describer: (node, events, nowMs, related) => describeNode(node, events, nowMs, related.pods ?? [], related.lease),
    describeNeeds: ['lease', 'pods'],
    selectableFields: genericFieldValue,
  },
  Pod: {
    kind: 'Pod',
    group: '',
    version: 'v1',
    resource: 'pods',
    singular: 'pod',
    listKind: 'PodList',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    verbs: ALL_VERBS,
    subresources: { ...WITH_STATUS, log: true, eviction: true, streams: true },
    returnsDeletedObject: true,
    hasGeneration: true,
    printer: { columns: POD_COLUMNS, table: podTable },
    describer: (pod, events, nowMs) => describePod(pod, events, nowMs),
    selectableFields: podFieldValue,
  },
  Event: {
    kind: 'Event',
    group: '',
    version: 'v1',
    resource: 'events',
    singular: 'event',
    listKind: 'EventList',
    namespaced: true,
    shortNames: ['ev'],
    categories: [],
    verbs: ALL_VERBS,
    subresources: { status: false, scale: false },
    returnsDeletedObject: false,
    hasGeneration: false,
    printer: { columns: EVENT_COLUMNS, table: eventTable },
    selectableFields: eventFieldValue,
  },
  Deployment: {
    kind: 'Deployment',
    group: 'apps',
    version: 'v1',
    resource: 'deployments',
    singular: 'deployment',
    listKind: 'DeploymentList',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    verbs: ALL_VERBS,
    subresources: SCALABLE,
    returnsDeletedObject: false,
    hasGeneration: true,
    printer: cellPrinter(DEPLOYMENT_COLUMNS, deploymentCells),
    describer: (d, events, nowMs, related) => describeDeployment(d, events, nowMs, related.replicaSets ?? []),
    describeNeeds: ['replicaSets'],
    selectableFields: genericFieldValue,
  },
  ReplicaSet: {
    kind: 'ReplicaSet',
    group: 'apps',
    version: 'v1',
    resource: 'replicasets',
    singular: 'replicaset',
    listKind: 'ReplicaSetList',
    namespaced: true,
    shortNames: ['rs'],
    categories: ['all'],
    verbs: ALL_VERBS,
    subresources: SCALABLE,
    returnsDeletedObject: false,
    hasGeneration: true,
    printer: cellPrinter(REPLICA_SET_COLUMNS, replicaSetCells),
    describer: (rs, events, nowMs, related) => describeReplicaSet(rs, events, nowMs, related.pods ?? []),
    describeNeeds: ['pods'],
    selectableFields: genericFieldValue,
  },
  StatefulSet: {
    kind: 'StatefulSet',
    group: 'apps',
    version: 'v1',
    resource: 'statefulsets',
    singular: 'statefulset',
    listKind: 'StatefulSetList',
    namespaced: true,
    shortNames: ['sts'],
    categories: ['all'],
    verbs: ALL_VERBS,
    subresources: SCALABLE,
    returnsDeletedObject: false,
    hasGeneration: true,
    printer: cellPrinter(STATEFUL_SET_COLUMNS, statefulSetCells),
    describer: (o, events, nowMs, related) => describeStatefulSet(o, events, nowMs, related.pods ?? []),
    describeNeeds: ['pods'],
    selectableFields: genericFieldValue,
  },
  DaemonSet: {
    kind: 'DaemonSet',
    group: 'apps',
    version: 'v1',
    resource: 'daemonsets',
    singular: 'daemonset',
    listKind: 'DaemonSetList',
    namespaced: true,
    shortNames: ['ds'],
    categories: ['all'],
    verbs: ALL_VERBS,
    subresources: WITH_STATUS,
    returnsDeletedObject: false,
    hasGeneration: true,
    printer: cellPrinter(DAEMON_SET_COLUMNS, daemonSetCells),
    describer: (o, events, nowMs, related) => describeDaemonSet(o, events, nowMs, related.pods ?? []),
    describeNeeds: ['pods'],
    selectableFields: genericFieldValue,
  },
  Job: {
    kind: 'Job',
    group: 'batch',
    version: 'v1',
    resource: 'jobs',
    singular: 'job',
    listKind: 'JobList',
    namespaced: true,
    shortNames: [],
    categories: ['all'],
    verbs: ALL_VERBS,
    subresources: WITH_STATUS,
    returnsDeletedObject: false,
    hasGeneration: true,
    printer: cellPrinter(JOB_COLUMNS, jobCells),
    describer: (o, events, nowMs) => describeJob(o, events, nowMs),
    selectableFields: genericFieldValue,
  },
  CronJob: {
    kind: 'CronJob',
    group: 'batch',
    version: 'v1',
    resource: 'cronjobs',
    singular: 'cronjob',
    listKind: 'CronJobList',
    namespaced: true,
    shortNames: ['cj'],
    categories: ['all'],
    verbs: ALL_VERBS,
    subresources: WITH_STATUS,
    returnsDeletedObject: false,
    hasGeneration: true,
    printer: cellPrinter(CRON_JOB_COLUMNS, cronJobCells),
    describer: (o, events, nowMs) => describeCronJob(o, events, nowMs),
    selectableFields: genericFieldValue,
  },
  ConfigMap: {
    kind: 'ConfigMap',
    group: '',
    version: 'v1',
    resource: 'configmaps',
    singular: 'configmap',
    listKind: 'ConfigMapList',
    namespaced: true,
    shortNames: ['cm'],
    categories: [],
    verbs: ALL_VERBS,
    subresources: { status: false, scale: false },
    returnsDeletedObject: false,
    hasGeneration: false,
    printer: cellPrinter(CONFIG_MAP_COLUMNS, configMapCells),
    describer: (cm, events, nowMs) => describeConfigMap(cm, events, nowMs),
    selectableFields: genericFieldValue,
  },
  ControllerRevision: {
    kind: 'ControllerRevision',
    group: 'apps',
    version: 'v1',
    resource: 'controllerrevisions',
    singular: 'controllerrevision',
    listKind: 'ControllerRevisionList',
    namespaced: true,
    shortNames: [],
    categories: [],
    verbs: ALL_VERBS,
    subresources: { status: false, scale: false },
    returnsDeletedObject: false,
    hasGeneration: false,
    printer: cellPrinter(CONTROLLER_REVISION_COLUMNS, controllerRevisionCells),
    selectableFields: genericFieldValue,
  },
  Secret: {
    kind: 'Secret',
    group: '',
    version: 'v1',
    resource: 'secrets',
    singular: 'secret',
    listKind: 'SecretList',
    namespaced: true,
    shortNames: [],
    categories: [],
    verbs: ALL_VERBS,
    subresources: { status: false, scale: false },
    returnsDeletedObject: false,
    hasGeneration: false,
    printer: cellPrinter(SECRET_COLUMNS, secretCells),
    describer: (secret) => describeSecret(secret),
    selectableFields: secretFieldValue,
  },
  ServiceAccount: {
    kind: 'ServiceAccount',
    group: '',
    version: 'v1',
    resource: 'serviceaccounts',
    singular: 'serviceaccount',
    listKind: 'ServiceAccountList',
    namespaced: true,
    shortNames: ['sa'],
    categories: [],
    verbs: ALL_VERBS,
    subresources: { status: false, scale: false },
    returnsDeletedObject: false,
    hasGeneration: false,
    printer: cellPrinter(SERVICE_ACCOUNT_COLUMNS, serviceAccountCells),
    describer: (sa, events, nowMs, related) => describeServiceAccount(sa, events, nowMs, related.secrets ?? []),
    describeNeeds: ['secrets'],
    selectableFields: genericFieldValue,
  },
  Service: {
    kind: 'Service',
    group: '',
    version: 'v1',
    resource: 'services',
    singular: 'service',
    listKind: 'ServiceList',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    verbs: ALL_VERBS,
    subresources: WITH_STATUS,
    returnsDeletedObject: false,
    hasGeneration: false,
    printer: cellPrinter(SERVICE_COLUMNS, serviceCells),
    describer: (svc, events, nowMs, related) => describeService(svc, events, nowMs, related.endpointSlices ?? []),
    describeNeeds: ['endpointSlices'],
    selectableFields: genericFieldValue,
  },
  Endpoints: {
    kind: 'Endpoints',
    group: '',
    version: 'v1',
    resource: 'endpoints',
    singular: 'endpoints',
    listKind: 'EndpointsList',
    namespaced: true,
    shortNames: ['ep'],
    categories: [],
    verbs: ALL_VERBS,
    subresources: { status: false, scale: false },
    returnsDeletedObject: false,
    hasGeneration: false,
    printer: cellPrinter(ENDPOINTS_COLUMNS, endpointsCells),
    describer: (ep, events, nowMs) => describeEndpoints(ep, events, nowMs),
    selectableFields: genericFieldValue,
  },
  EndpointSlice: {
    kind: 'EndpointSlice',
    group: 'discovery.k8s.io',
    version: 'v1',
    resource: 'endpointslices',
    singular: 'endpointslice',
    listKind: 'EndpointSliceList',
    namespaced: true,
    shortNames: [],
    categories: [],
    verbs: ALL_VERBS,
    subresources: { status: false, scale: false },
    returnsDeletedObject: false,
    hasGeneration: false,
    printer: cellPrinter(ENDPOINT_SLICE_COLUMNS, endpointSliceCells),
    describer: (eps, events, nowMs) => describeEndpointSlice(eps, events, nowMs),
    selectableFields: genericFieldValue,
  },
  Lease: {
    kind: 'Lease',
    group: 'coordination.k8s.io',
    version: 'v1',
    resource: 'leases',
    singular: 'lease',
    listKind: 'LeaseList',
    namespaced: true,
    shortNames: [],
    categories: [],
    verbs: ALL_VERBS,
    subresources: { status: false, scale: false },
    returnsDeletedObject: false,
    hasGeneration: false,
    printer: cellPrinter(LEASE_COLUMNS, leaseCells),
    selectableFields: genericFieldValue,
  },
  PersistentVolumeClaim: {
    kind: 'PersistentVolumeClaim',
    group: '',
    version: 'v1',
    resource: 'persistentvolumeclaims',
    singular: 'persistentvolumeclaim',
    listKind: 'PersistentVolumeClaimList',
    namespaced: true,
    shortNames: ['pvc'],
    categories: [],
    verbs: ALL_VERBS,
    subresources: WITH_STATUS,
    returnsDeletedObject: false,
    hasGeneration: false,
    printer: cellPrinter(PERSISTENT_VOLUME_CLAIM_COLUMNS, persistentVolumeClaimCells),
    describer: (pvc, events, nowMs, related) => describePersistentVolumeClaim(pvc, events, nowMs, related.pods ?? []),
    describeNeeds: ['pods'],
    selectableFields: genericFieldValue,
  },
  PersistentVolume: {
    kind: 'PersistentVolume',
    group: '',
    version: 'v1',
    resource: 'persistentvolumes',
    singular: 'persistentvolume',
    listKind: 'PersistentVolumeList',
    namespaced: false,
    shortNames: ['pv'],
    categories: [],
    verbs: ALL_VERBS,
    subresources: WITH_STATUS,
    returnsDeletedObject: false,
    hasGeneration: false,
    printer: cellPrinter(PERSISTENT_VOLUME_COLUMNS, persistentVolumeCells),
    describer: (pv, events, nowMs) => describePersistentVolume(pv, events, nowMs),
    selectableFields: genericFieldValue,
  },
  StorageClass: {
    kind: 'StorageClass',
    group: 'storage.k8s.io',
    version: 'v1',
    resource: 'storageclasses',
    singular: 'storageclass',
    listKind: 'StorageClassList',
    namespaced: false,
    shortNames: ['sc'],
    categories: [],
    verbs: ALL_VERBS,
    subresources: { status: false, scale: false },
    returnsDeletedObject: false,
    hasGeneration: false,
    printer: cellPrinter(STORAGE_CLASS_COLUMNS, storageClassCells),
    describer: (sc, events, nowMs) => describeStorageClass(sc, events, nowMs),
    selectableFields: genericFieldValue,
  },
};

/** Every catalogued kind, in catalog order. */
export const KINDS: readonly Kind[] = Object.keys(CATALOG) as Kind[];

export function entryOf<K extends Kind>(kind: K): ResourceEntry<K> {
  return CATALOG[kind] as ResourceEntry<K>;
}

/** Whether `name` is a catalogued kind (for input that names a kind as a string). */
export function isKind(name: string): name is Kind {
  return Object.prototype.hasOwnProperty.call(CATALOG, name);
}

export function apiVersionOf(kind: Kind): string {
  return apiVersionOfEntry(CATALOG[kind]);
}

export function isNamespaced(kind: Kind): boolean {
  return CATALOG[kind].namespaced;
}

const BY_PATH = new Map<string, Kind>(KINDS.map((k) => [`${CATALOG[k].group}/${CATALOG[k].version}/${CATALOG[k].resource}`, k]));

/** The kind served at a group version's resource path segment ("apps", "v1", "deployments"). */
export function kindAtPath(group: string, version: string, resource: string): Kind | undefined {
  return BY_PATH.get(`${group}/${version}/${resource}`);
}

const BY_NAME = new Map<string, Kind>();
for (const k of KINDS) {
  const e = CATALOG[k];
  for (const name of [e.resource, e.singular, ...e.shortNames]) BY_NAME.set(name, k);
}

/** The kind a user's word names: its plural, singular or short name (kubectl's resource words). */
export function kindNamed(word: string): Kind | undefined {
  return BY_NAME.get(word);
}

/** The API groups that serve at least one kind, review or metrics resource ("" for the core group left out). */
export const SERVED_GROUPS: ReadonlySet<string> = new Set(
  [...KINDS.map((k) => CATALOG[k].group), ...REVIEWS.map((r) => r.group), ...METRICS.map((m) => m.group)].filter((g) => g !== ''),
);
