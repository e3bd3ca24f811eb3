// metrics.k8s.io over the simulator's store, as metrics-server answers it: pods in Running
// phase on a reachable node have PodMetrics, every reachable node has NodeMetrics. A stopped
// node's kubelet cannot be scraped, so neither it nor its pods are measured.
import { notFound } from '../../kube/apiError.js';
import { METRICS_GROUP } from '../../kube/catalog/metrics.js';
import { objectSelector } from '../../kube/catalog/objectSelector.js';
import type { NodeMetrics, PodMetrics } from '../../kube/metricsTypes.js';
import type { KubeObject, Node, Pod } from '../../kube/types.js';
import type { Clock } from '../clock.js';
import { nodeStateOf } from '../nodeState.js';
import type { Store } from '../store.js';
import { nodeMetricsAt, podMetricsAt } from './usage.js';

export { cpuQuantity, measuredAt, memoryQuantity, NODE_OVERHEAD, nodeMetricsAt, nodeUsage, podMetricsAt, podUsage, type Usage } from './usage.js';

/**
 * Label and field selectors as metrics-server applies them: labels on the object, fields
 * from its metadata only (metadata.name, metadata.namespace). Throws SelectorError.
 */
function selector(labelSelector: string | undefined, fieldSelector: string | undefined): ((obj: KubeObject) => boolean) | undefined {
  return objectSelector('Namespace', labelSelector, fieldSelector) as ((obj: KubeObject) => boolean) | undefined;
}

export class SimMetrics {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  private reachableNodes(): Set<string> {
    const names = new Set<string>();
    for (const node of this.store.all('Node')) if (nodeStateOf(node) === 'running') names.add(node.metadata!.name!);
    return names;
  }

  private measured(pod: Pod, reachable: Set<string>, nowMs: number): PodMetrics | undefined {
    const node = pod.spec?.nodeName;
    return node !== undefined && reachable.has(node) ? podMetricsAt(pod, nowMs) : undefined;
  }

  /** Sorted by namespace and name; `namespace` undefined for all. */
  listPods(namespace: string | undefined, labelSelector?: string, fieldSelector?: string): PodMetrics[] {
    const filter = selector(labelSelector, fieldSelector);
    const now = this.clock.now();
    const reachable = this.reachableNodes();
    const out: PodMetrics[] = [];
    for (const pod of this.store.list('Pod', { namespace, filter }).items) {
      const m = this.measured(pod, reachable, now);
      if (m) out.push(m);
    }
    return out;
  }

  /** Throws the NotFound metrics-server answers: the pod's own, or the metrics' when it has none. */
  getPod(namespace: string, name: string): PodMetrics {
    const pod = this.store.get('Pod', namespace, name);
    if (!pod) throw notFound('pods', name);
    const m = this.measured(pod, this.reachableNodes(), this.clock.now());
    if (!m) throw notFound('podmetrics', `${namespace}/${name}`, METRICS_GROUP);
    return m;
  }

  private podsByNode(): Map<string, Pod[]> {
    const byNode = new Map<string, Pod[]>();
    for (const pod of this.store.all('Pod')) {
      const node = pod.spec?.nodeName;
      if (node === undefined) continue;
      let list = byNode.get(node);
      if (!list) byNode.set(node, (list = []));
      list.push(pod);
    }
    return byNode;
  }

  listNodes(labelSelector?: string, fieldSelector?: string): NodeMetrics[] {
    const filter = selector(labelSelector, fieldSelector);
    const now = this.clock.now();
    const byNode = this.podsByNode();
    const out: NodeMetrics[] = [];
    for (const node of this.store.list('Node', { filter }).items) {
      if (nodeStateOf(node) !== 'running') continue;
      out.push(nodeMetricsAt(node, byNode.get(node.metadata!.name!) ?? [], now));
    }
    return out;
  }

  getNode(name: string): NodeMetrics {
    const node: Node | undefined = this.store.get('Node', undefined, name);
    if (!node) throw notFound('nodes', name);
    if (nodeStateOf(node) !== 'running') throw notFound('nodemetrics', name, METRICS_GROUP);
    const pods = [...this.store.all('Pod')].filter((p) => p.spec?.nodeName === name);
    return nodeMetricsAt(node, pods, this.clock.now());
  }
}
