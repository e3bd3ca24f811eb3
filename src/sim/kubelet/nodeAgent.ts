// The kubelet's node-level loops (k/k pkg/kubelet/nodelease, kubelet_node_status.go): it
// renews its node's Lease in kube-node-lease every renewInterval (a quarter of the 40 s
// lease duration) and posts the node's conditions when they change or, unchanged, every
// nodeStatusReportFrequency (5 min). A node created through the API without a status gets
// one as a registering kubelet would fill it. Work is per node, never per pod.
import { rfc3339Micro } from '../../kube/duration.js';
import { errorText } from '../../kube/errorText.js';
import type { Lease, Node } from '../../kube/types.js';
import type { TimerHandle } from '../clock.js';
import type { SimContext } from '../context.js';
import { makeNode } from '../nodes.js';
import { conditionsDiffer, readyStatusOf, reportedConditions } from './nodeConditions.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_DURATION_SECONDS = 40;
/** nodelease.NewController: renewInterval = leaseDuration × 0.25. */
export const LEASE_RENEW_INTERVAL_MS = LEASE_DURATION_SECONDS * 1000 * 0.25;
/** nodeStatusReportFrequency's default. */
export const NODE_STATUS_REPORT_MS = 5 * 60 * 1000;

export class NodeAgent {
  private leaseTimer: TimerHandle | undefined;
  private statusTimer: TimerHandle | undefined;
  private lastReportMs = Number.NEGATIVE_INFINITY;
  /** The latest failure to write (the loops retry on their next tick), for diagnostics. */
  lastError: string | undefined;

  constructor(
    private readonly ctx: SimContext,
    private readonly nodeName: string,
  ) {}

  start(): void {
    if (this.leaseTimer !== undefined) return;
    this.lastReportMs = Number.NEGATIVE_INFINITY;
    this.renewLease();
    this.postStatus();
  }

  stop(): void {
    if (this.leaseTimer !== undefined) this.ctx.clock.clearTimer(this.leaseTimer);
    if (this.statusTimer !== undefined) this.ctx.clock.clearTimer(this.statusTimer);
    this.leaseTimer = undefined;
    this.statusTimer = undefined;
  }

  private renewLease(): void {
    const now = this.ctx.clock.now();
    this.leaseTimer = this.ctx.clock.setTimer(now + LEASE_RENEW_INTERVAL_MS, () => this.renewLease());
    try {
      const existing = this.ctx.store.get('Lease', NODE_LEASE_NAMESPACE, this.nodeName);
      const renewTime = rfc3339Micro(now);
      if (existing) {
        this.ctx.api.update('Lease', {
          ...existing,
          spec: { ...existing.spec, holderIdentity: this.nodeName, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime },
        });
        return;
      }
      const node = this.ctx.store.get('Node', undefined, this.nodeName);
      if (!node) return;
      const lease: Lease = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: this.nodeName,
          namespace: NODE_LEASE_NAMESPACE,
          ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: node.metadata!.uid! }],
        },
        spec: { holderIdentity: this.nodeName, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime },
      };
      this.ctx.api.create('Lease', lease);
    } catch (err) {
      this.lastError = errorText(err);
    }
  }

  /** syncNodeStatus: write when something changed or the report interval has passed; check again every 10 s as nodeStatusUpdateFrequency does. */
  private postStatus(): void {
    const now = this.ctx.clock.now();
    this.statusTimer = this.ctx.clock.setTimer(now + LEASE_RENEW_INTERVAL_MS, () => this.postStatus());
    const node = this.ctx.store.get('Node', undefined, this.nodeName);
    if (!node) return;
    const unfilled = !node.status?.nodeInfo?.kubeletVersion;
    if (!unfilled && !conditionsDiffer(node.status?.conditions) && now - this.lastReportMs < NODE_STATUS_REPORT_MS) return;
    const wasReady = readyStatusOf(node) === 'True';
    const base = unfilled ? { ...this.registeredStatus(), ...node.status } : node.status;
    try {
      this.ctx.api.setStatus('Node', undefined, this.nodeName, { ...base, conditions: reportedConditions(unfilled ? undefined : node.status?.conditions, now) });
      this.lastReportMs = now;
      if (!wasReady) {
        this.ctx.recorder.event(node, 'Normal', 'NodeReady', `Node ${this.nodeName} status is now: NodeReady`, {
          component: 'kubelet',
          host: this.nodeName,
        });
      }
    } catch (err) {
      this.lastError = errorText(err);
    }
  }

  /** What a registering kubelet reports for a node object that came without a status: capacity, addresses, node info. */
  private registeredStatus(): NonNullable<Node['status']> {
    let index = 0;
    for (const _ of this.ctx.store.all('Node')) index++;
    const made = makeNode(this.nodeName, index - 1);
    return { ...made.status, conditions: undefined };
  }
}
