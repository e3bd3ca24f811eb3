// printNode and printNamespace (k/k pkg/printers/internalversion/printers.go).
import { since } from '../duration.js';
import { column, type TableColumnDefinition } from '../table.js';
import type { Namespace, Node } from '../types.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';

export const NODE_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Status', 'string', 'The status of the node'),
  column('Roles', 'string', 'The roles of the node'),
  AGE_COLUMN,
  column('Version', 'string', 'Kubelet Version reported by the node.'),
  column(
    'Internal-IP',
    'string',
    "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).",
    1,
  ),
  column(
    'External-IP',
    'string',
    "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).",
    1,
  ),
  column('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
  column('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
  column(
    'Container-Runtime',
    'string',
    'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
    1,
  ),
];

export const NAMESPACE_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Status', 'string', 'The status of the namespace'),
  AGE_COLUMN,
];

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and a non-empty `kubernetes.io/role` value, sorted, unique. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith(ROLE_LABEL_PREFIX)) {
      const role = key.slice(ROLE_LABEL_PREFIX.length);
      if (role) roles.add(role);
    } else if (key === ROLE_LABEL && value !== '') {
      roles.add(value);
    }
  }
  return [...roles].sort();
}

/** STATUS: the Ready condition as `Ready`/`NotReady` (`Unknown` without one), then `SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Node): string {
  // The printer keeps the last condition of each type.
  const ready = node.status?.conditions?.filter((c) => c.type === 'Ready').at(-1);
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function address(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

function orUnknown(value: string | undefined): string {
  return value ? value : '<unknown>';
}

export function nodeCells(node: Node, nowMs: number): (string | number)[] {
  const info = node.status?.nodeInfo;
  const roles = nodeRoles(node).join(',');
  return [
    node.metadata?.name ?? '',
    nodeStatus(node),
    roles || '<none>',
    since(node.metadata?.creationTimestamp, nowMs),
    info?.kubeletVersion ?? '',
    address(node, 'InternalIP'),
    address(node, 'ExternalIP'),
    orUnknown(info?.osImage),
    orUnknown(info?.kernelVersion),
    orUnknown(info?.containerRuntimeVersion),
  ];
}

export function namespaceCells(ns: Namespace, nowMs: number): (string | number)[] {
  return [ns.metadata?.name ?? '', ns.status?.phase ?? '', since(ns.metadata?.creationTimestamp, nowMs)];
}
