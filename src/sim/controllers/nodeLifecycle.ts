// The node lifecycle controller (k/k pkg/controller/nodelifecycle/node_lifecycle_controller.go):
// a node whose kubelet has neither renewed its Lease nor posted a new heartbeat within
// nodeMonitorGracePeriod (40 s) gets its conditions set Unknown ("Kubelet stopped posting node
// status."), a NodeNotReady event, the node.kubernetes.io/unreachable NoSchedule and NoExecute
// taints, and its pods' Ready condition False (MarkPodsNotReady); a node reporting Ready again
// loses those taints. Each node has one deadline timer, moved when its kubelet renews, so
// nodes cost a timer each and pods cost nothing until their node is lost.
// Simplification: upstream notices at its next 5 s monitor pass after the deadline; this acts
// at the deadline itself. Zone disruption states and eviction rate limits are not modelled.
import { errorText } from '../../kube/errorText.js';
import type { Lease, Node } from '../../kube/types.js';
import type { TimerHandle } from '../clock.js';
import type { Component, SimContext } from '../context.js';
import { NODE_LEASE_NAMESPACE } from '../kubelet/nodeAgent.js';
import type { Watch } from '../store.js';
import {
  hasHealthTaint,
  NODE_MONITOR_GRACE_PERIOD_MS,
  notReadyConditions,
  readyConditionOf,
  unknownConditions,
  withoutHealthTaints,
  withUnreachableTaints,
} from './nodeHealth.js';

const COMPONENT = 'node-controller';

interface NodeHealth {
  probeMs: number;
  renewTime?: string;
  heartbeat?: string;
  timer?: TimerHandle;
}

export class NodeLifecycleController implements Component {
  private readonly health = new Map<string, NodeHealth>();
  private readonly watches: Watch[] = [];
  /** The latest failed writes (newest last, at most 20), for diagnostics. */
  readonly errors: string[] = [];

  constructor(private readonly ctx: SimContext) {}

  start(): void {
    this.watches.push(
      this.ctx.store.watch('Node', {}, (ev) => {
        const name = ev.object.metadata?.name;
        if (!name) return;
        if (ev.type === 'DELETED') this.forget(name);
        else this.observeNode(ev.object);
      }),
      this.ctx.store.watch('Lease', { namespace: NODE_LEASE_NAMESPACE }, (ev) => {
        if (ev.type !== 'DELETED') this.observeLease(ev.object);
      }),
    );
  }

  stop(): void {
    for (const w of this.watches.splice(0)) w.stop();
    for (const name of [...this.health.keys()]) this.forget(name);
  }

  private observeNode(node: Node): void {
    const name = node.metadata!.name!;
    const heartbeat = readyConditionOf(node)?.lastHeartbeatTime;
    let h = this.health.get(name);
    if (!h) {
      h = { probeMs: this.ctx.clock.now(), heartbeat };
      this.health.set(name, h);
      this.arm(name, h);
    } else if (heartbeat !== h.heartbeat) {
      h.heartbeat = heartbeat;
      this.probed(name, h);
    }
    if (readyConditionOf(node)?.status === 'True' && hasHealthTaint(node)) this.untaint(node);
  }

  private observeLease(lease: Lease): void {
    const name = lease.metadata?.name;
    if (!name) return;
    const h = this.health.get(name);
    if (!h || lease.spec?.renewTime === h.renewTime) return;
    h.renewTime = lease.spec?.renewTime;
    this.probed(name, h);
  }

  private probed(name: string, h: NodeHealth): void {
    h.probeMs = this.ctx.clock.now();
    this.arm(name, h);
  }

  private arm(name: string, h: NodeHealth): void {
    if (h.timer !== undefined) this.ctx.clock.clearTimer(h.timer);
    h.timer = this.ctx.clock.setTimer(h.probeMs + NODE_MONITOR_GRACE_PERIOD_MS, () => {
      h.timer = undefined;
      this.lost(name);
    });
  }

  private forget(name: string): void {
    const h = this.health.get(name);
    if (h?.timer !== undefined) this.ctx.clock.clearTimer(h.timer);
    this.health.delete(name);
  }

  /** The grace period passed without a renewal: Unknown, event, taints, pods not ready. */
  private lost(name: string): void {
    const now = this.ctx.clock.now();
    let node = this.ctx.store.get('Node', undefined, name);
    if (!node) return;
    const wasReady = readyConditionOf(node)?.status === 'True';
    if (readyConditionOf(node)?.status !== 'Unknown') {
      node = this.write(() => this.ctx.api.setStatus('Node', undefined, name, { ...node!.status, conditions: unknownConditions(node!, now) })) ?? node;
    }
    if (wasReady) this.ctx.recorder.event(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, { component: COMPONENT });
    const taints = withUnreachableTaints(node.spec?.taints, now);
    if (taints.length !== (node.spec?.taints?.length ?? 0)) {
      const current = node;
      this.write(() => this.ctx.api.update('Node', { ...current, spec: { ...current.spec, taints } }));
    }
    if (wasReady) this.markPodsNotReady(name, now);
  }

  private markPodsNotReady(nodeName: string, now: number): void {
    for (const pod of [...this.ctx.store.all('Pod')]) {
      if (pod.spec?.nodeName !== nodeName) continue;
      const conditions = notReadyConditions(pod, now);
      if (!conditions) continue;
      const written = this.write(() => this.ctx.api.setStatus('Pod', pod.metadata!.namespace, pod.metadata!.name!, { ...pod.status, conditions }));
      if (written) this.ctx.recorder.event(written, 'Warning', 'NodeNotReady', 'Node is not ready', { component: COMPONENT });
    }
  }

  private untaint(seen: Node): void {
    const node = this.ctx.store.get('Node', undefined, seen.metadata!.name!);
    if (!node || !hasHealthTaint(node)) return;
    const taints = withoutHealthTaints(node.spec?.taints);
    this.write(() => this.ctx.api.update('Node', { ...node, spec: { ...node.spec, taints: taints.length ? taints : undefined } }));
  }

  private write<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (err) {
      this.errors.push(errorText(err));
      if (this.errors.length > 20) this.errors.shift();
      return undefined;
    }
  }
}
