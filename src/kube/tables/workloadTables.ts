// printDeployment, printReplicaSet, printStatefulSet and printDaemonSet (k/k
// pkg/printers/internalversion/printers.go). Descriptions are extensions/v1beta1's SwaggerDoc,
// as the printers take them. Replica counts the apiserver defaults (spec.replicas = 1) are
// defaulted here too, for objects stored without them.
import { column, type TableColumnDefinition } from '../table.js';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from '../types.js';
import { AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN } from './columns.js';
import { ageAndTemplateCells, deploymentSelector, formatLabels, formatLabelSelector } from './format.js';

export const DEPLOYMENT_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Ready', 'string', 'Number of the pod with ready state'),
  column('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
  column('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column(
    'Selector',
    'string',
    'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
    1,
  ),
];

export const REPLICA_SET_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column(
    'Desired',
    'integer',
    'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller',
  ),
  column(
    'Current',
    'integer',
    'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller',
  ),
  column('Ready', 'integer', 'The number of ready replicas for this replica set.'),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column(
    'Selector',
    'string',
    'Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
    1,
  ),
];

export const STATEFUL_SET_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Ready', 'string', 'Number of the pod with ready state'),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
];

export const DAEMON_SET_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column(
    'Desired',
    'integer',
    'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
  ),
  column(
    'Current',
    'integer',
    'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
  ),
  column(
    'Ready',
    'integer',
    'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
  ),
  column('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
  column(
    'Available',
    'integer',
    'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)',
  ),
  column(
    'Node Selector',
    'string',
    "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/",
  ),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column(
    'Selector',
    'string',
    'A label query over pods that are managed by the daemon set. Must match in order to be controlled. If empty, defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
    1,
  ),
];

export function deploymentCells(d: Deployment, nowMs: number): (string | number)[] {
  const status = d.status;
  return [
    d.metadata?.name ?? '',
    `${status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
    status?.updatedReplicas ?? 0,
    status?.availableReplicas ?? 0,
    ...ageAndTemplateCells(d.metadata, d.spec?.template, nowMs),
    deploymentSelector(d.spec?.selector),
  ];
}

export function replicaSetCells(rs: ReplicaSet, nowMs: number): (string | number)[] {
  return [
    rs.metadata?.name ?? '',
    rs.spec?.replicas ?? 1,
    rs.status?.replicas ?? 0,
    rs.status?.readyReplicas ?? 0,
    ...ageAndTemplateCells(rs.metadata, rs.spec?.template, nowMs),
    formatLabelSelector(rs.spec?.selector),
  ];
}

export function statefulSetCells(sts: StatefulSet, nowMs: number): (string | number)[] {
  return [
    sts.metadata?.name ?? '',
    `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 1}`,
    ...ageAndTemplateCells(sts.metadata, sts.spec?.template, nowMs),
  ];
}

export function daemonSetCells(ds: DaemonSet, nowMs: number): (string | number)[] {
  const status = ds.status;
  return [
    ds.metadata?.name ?? '',
    status?.desiredNumberScheduled ?? 0,
    status?.currentNumberScheduled ?? 0,
    status?.numberReady ?? 0,
    status?.updatedNumberScheduled ?? 0,
    status?.numberAvailable ?? 0,
    formatLabels(ds.spec?.template?.spec?.nodeSelector),
    ...ageAndTemplateCells(ds.metadata, ds.spec?.template, nowMs),
    formatLabelSelector(ds.spec?.selector),
  ];
}
