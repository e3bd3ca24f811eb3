// Loads a parsed scenario into a simulator through its API, in the order a cluster needs:
// namespaces, nodes, then the objects as the file lists them.
import type { Kind, KindMap, Namespace, Node } from '../../kube/types.js';
import type { SimApi } from '../api.js';
import { defaultNodes, makeNode } from '../nodes.js';
import { CLUSTER_SCOPED } from '../store.js';
import type { Scenario } from './parse.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/**
 * A scenario's Node may give only what matters to it (a name, labels, taints, capacity); the rest
 * comes from makeNode, and allocatable follows capacity when only capacity is given.
 */
function completeNode(given: Node, index: number, now: number): Node {
  const name = given.metadata?.name ?? `sim-node-${index + 1}`;
  const base = makeNode(name, index, { now });
  const capacity = { ...base.status!.capacity, ...given.status?.capacity };
  const allocatable = given.status?.allocatable
    ? { ...base.status!.allocatable, ...given.status.allocatable }
    : given.status?.capacity
      ? { ...base.status!.allocatable, ...given.status.capacity }
      : base.status!.allocatable;
  return {
    ...base,
    metadata: {
      ...base.metadata,
      ...given.metadata,
      labels: { ...base.metadata!.labels, ...given.metadata?.labels },
      annotations: { ...base.metadata!.annotations, ...given.metadata?.annotations },
    },
    spec: { ...base.spec, ...given.spec },
    status: { ...base.status, ...given.status, capacity, allocatable },
  };
}

/**
 * Creates the scenario's objects through `api`:
 * 1. namespaces — the four system ones, the scenario's Namespace objects, and (a convenience of
 *    scenario files, unlike `kubectl apply`) every namespace an object names, created on the fly;
 * 2. nodes — the scenario's (completed with makeNode defaults), or `defaultNodes()` when it has none;
 * 3. everything else, in file order.
 * Namespaces and nodes that already exist are left as they are. `parseScenario` has run
 * admission on every object, so creation errors here mean a clash with what the store holds.
 */
export function applyScenario(api: SimApi, scenario: Scenario): void {
  const now = api.clock.now();
  const objects = scenario.objects;
  const declared = new Map<string, Namespace>();
  for (const obj of objects) {
    if (obj.kind === 'Namespace' && obj.metadata?.name) declared.set(obj.metadata.name, obj as Namespace);
  }
  const wanted: string[] = [...SYSTEM_NAMESPACES, ...declared.keys()];
  for (const obj of objects) {
    const kind = obj.kind as Kind;
    if (!CLUSTER_SCOPED.has(kind)) wanted.push(obj.metadata?.namespace || 'default');
  }
  for (const name of new Set(wanted)) {
    if (api.store.get('Namespace', undefined, name)) continue;
    api.create('Namespace', declared.get(name) ?? { metadata: { name } });
  }

  const nodes = objects.filter((o) => o.kind === 'Node') as Node[];
  const toCreate = nodes.length > 0 ? nodes.map((n, i) => completeNode(n, i, now)) : defaultNodes(now);
  for (const node of toCreate) {
    if (!api.store.get('Node', undefined, node.metadata!.name!)) api.create('Node', node);
  }

  for (const obj of objects) {
    if (obj.kind === 'Namespace' || obj.kind === 'Node') continue;
    const kind = obj.kind as Kind;
    api.create(kind, obj as KindMap[typeof kind]);
  }
}

