// The simulator's kube-scheduler (1.33 default profile, reduced to the plugins that shape
// what podscope shows): watches pending pods and nodes, filters and scores nodes, binds,
// and reports FailedScheduling with the scheduler's own wording (k/k pkg/scheduler/schedule_one.go).
import type { Node, Pod, WatchEvent } from '../../kube/types.js';
import type { TimerHandle } from '../clock.js';
import type { Component, SimContext } from '../context.js';
import type { Watch } from '../store.js';
import { type Diagnosis, fitErrorMessage, NO_NODES_AVAILABLE, preemptionMessage, truncateMessage } from './fitError.js';
import { allocatableOf, type Allocatable, filterNode, type NodeStatus, type PodToSchedule } from './filters.js';
import { preFilterNodeNames, requiredNodeMatcher } from './nodeAffinity.js';
import { NodeUsageTable, sameRequestSource } from './nodeUsage.js';
import { updatePodCondition } from './podConditions.js';
import { podRequests, type Resources } from './podResources.js';
import { type QueuedPod, SchedulingQueue } from './schedulingQueue.js';
import { leastAllocatedScore } from './score.js';
import { filterVolumes, podVolumes, type PodVolumes, VOLUME_BINDING } from './volumeBinding.js';
import { ANN_SELECTED_NODE, isClaimBound } from '../controllers/volumeFacts.js';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** Pods scheduled in one timer callback (see armBatch). */
const SCHEDULE_CHUNK = 64;
/** NodeAffinity's PreFilter rejection when DaemonSet-style terms pin disjoint node names. */
export const REASON_AFFINITY_CONFLICT = 'pod affinity terms conflict';
const PLUGIN_RESOURCES = 'NodeResourcesFit';

export interface SchedulerOptions {
  schedulerName?: string;
  /** The scheduler's host: reportingInstance is `<schedulerName>-<hostname>`. */
  hostname?: string;
}

interface NodeEntry {
  node: Node;
  allocatable: Allocatable;
}

function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** numFeasibleNodesToFind with the default adaptive percentageOfNodesToScore. */
function feasibleNodesToFind(numNodes: number): number {
  const minimum = 100;
  if (numNodes < minimum) return numNodes;
  const percentage = Math.max(5, 50 - Math.floor(numNodes / 125));
  return Math.max(minimum, Math.floor((numNodes * percentage) / 100));
}

/** Whether a node change can make a pending pod schedulable (not heartbeats). */
function nodeChangeMatters(before: Node, after: Node): boolean {
  const ready = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  return (
    JSON.stringify(before.metadata?.labels ?? {}) !== JSON.stringify(after.metadata?.labels ?? {}) ||
    JSON.stringify(before.spec ?? {}) !== JSON.stringify(after.spec ?? {}) ||
    JSON.stringify(before.status?.allocatable ?? {}) !== JSON.stringify(after.status?.allocatable ?? {}) ||
    ready(before) !== ready(after)
  );
}

export class Scheduler implements Component {
  readonly schedulerName: string;
  private readonly reportingInstance: string;
  private readonly nodes = new Map<string, NodeEntry>();
  private nodeNames: string[] | undefined;
  private readonly usage = new NodeUsageTable();
  private queue: SchedulingQueue | undefined;
  private watches: Watch[] = [];
  private batchTimer: TimerHandle | undefined;
  /** The batch being scheduled (see armBatch) and the next entry of it. */
  private batch: QueuedPod[] = [];
  private batchNext = 0;
  private moveTimer: TimerHandle | undefined;
  private moveAll = false;
  private moveVolumes = false;
  private nextStartNodeIndex = 0;
  /** The pod being bound and the requests scheduling computed for it. */
  private binding: { key: string; pod: Pod; requests: { requested: Resources; nonZero: Resources } } | undefined;
  /** Pods placed on a node whose WaitForFirstConsumer claims are being provisioned there (VolumeBinding's PreBind). */
  private readonly volumeWaits = new Map<string, { entry: QueuedPod; nodeName: string; requested: Resources; nonZero: Resources; claims: string[] }>();

  constructor(
    private readonly ctx: SimContext,
    options: SchedulerOptions = {},
  ) {
    this.schedulerName = options.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    this.reportingInstance = `${this.schedulerName}-${options.hostname ?? 'control-plane'}`;
  }

  start(): void {
    if (this.queue) return;
    this.queue = new SchedulingQueue(this.ctx.clock, this.ctx.clock.now(), () => this.armBatch());
    this.watches.push(this.ctx.store.watch('Node', {}, (ev) => this.onNode(ev)));
    this.watches.push(this.ctx.store.watch('Pod', {}, (ev) => this.onPod(ev)));
    this.watches.push(this.ctx.store.watch('PersistentVolumeClaim', {}, () => this.onVolumeChange()));
    this.watches.push(this.ctx.store.watch('PersistentVolume', {}, () => this.onVolumeChange()));
    this.watches.push(this.ctx.store.watch('StorageClass', {}, () => this.onVolumeChange()));
  }

  stop(): void {
    for (const w of this.watches) w.stop();
    this.watches = [];
    this.queue?.stop();
    this.queue = undefined;
    for (const t of [this.batchTimer, this.moveTimer]) if (t !== undefined) this.ctx.clock.clearTimer(t);
    this.batchTimer = this.moveTimer = undefined;
    this.batch = [];
  }

  // ---- informers ----------------------------------------------------------------------

  private onNode(ev: WatchEvent<Node>): void {
    const name = ev.object.metadata?.name ?? '';
    const previous = this.nodes.get(name);
    if (ev.type === 'DELETED') {
      this.nodes.delete(name);
      this.nodeNames = undefined;
      return;
    }
    this.nodes.set(name, { node: ev.object, allocatable: allocatableOf(ev.object) });
    if (!previous) this.nodeNames = undefined;
    if (!previous || nodeChangeMatters(previous.node, ev.object)) this.requestMove('all');
  }

  private onPod(ev: WatchEvent<Pod>): void {
    const pod = ev.object;
    const key = podKey(pod);
    const gone = ev.type === 'DELETED';
    const nodeName = pod.spec?.nodeName;
    if (!gone && nodeName && !isTerminal(pod)) {
      const binding = this.binding;
      const known = binding?.key === key && sameRequestSource(binding.pod.spec, pod.spec) ? binding.requests : undefined;
      this.usage.add(key, pod, nodeName, known);
    } else if (this.usage.remove(key) !== undefined) {
      this.requestMove('resources');
    }
    const queue = this.queue!;
    const pending =
      !gone && !nodeName && !isTerminal(pod) && !pod.metadata?.deletionTimestamp && (pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME) === this.schedulerName;
    if (!pending) {
      queue.delete(key);
      this.volumeWaits.delete(key);
      return;
    }
    if (this.volumeWaits.has(key)) return;
    const entry = queue.upsert(key, pod);
    if (entry.state === 'gated') this.markGated(pod);
  }

  /** The apiserver gives a gated pod PodScheduled=False/SchedulingGated on create; make sure it is there. */
  private markGated(pod: Pod): void {
    if (pod.status?.conditions?.some((c) => c.type === 'PodScheduled')) return;
    const { conditions } = updatePodCondition(
      pod.status?.conditions,
      { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' },
      this.ctx.clock.now(),
    );
    this.ctx.api.setStatus('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '', { ...pod.status, conditions });
  }

  /** A claim, volume or class changed: pods VolumeBinding rejected may fit now; pods waiting in PreBind may be bound. */
  private onVolumeChange(): void {
    for (const [key, wait] of [...this.volumeWaits]) {
      const ns = wait.entry.pod.metadata?.namespace;
      const bound = wait.claims.every((name) => {
        const pvc = this.ctx.store.get('PersistentVolumeClaim', ns, name);
        return pvc !== undefined && isClaimBound(pvc);
      });
      if (!bound) continue;
      this.volumeWaits.delete(key);
      this.bind(wait.entry, wait.nodeName, wait.requested, wait.nonZero);
    }
    this.requestMove('volumes');
  }

  /** Cluster events are coalesced per tick, then move the unschedulable pods they may help. */
  private requestMove(kind: 'all' | 'resources' | 'volumes'): void {
    if (kind === 'all') this.moveAll = true;
    if (kind === 'volumes') this.moveVolumes = true;
    if (this.moveTimer !== undefined || !this.queue) return;
    this.moveTimer = this.ctx.clock.after(0, () => {
      this.moveTimer = undefined;
      const all = this.moveAll;
      const volumes = this.moveVolumes;
      this.moveAll = this.moveVolumes = false;
      this.queue?.moveUnschedulable((e) => all || e.rejectedBy.has(PLUGIN_RESOURCES) || (volumes && e.rejectedBy.has(VOLUME_BINDING)));
    });
  }

  /**
   * Schedules the active pods in priority order, SCHEDULE_CHUNK to a timer callback: a running
   * clock lets I/O in between callbacks (100k pods bound in one callback kept a served API
   * from answering for tens of seconds). Pods that become active meanwhile wait for the next batch.
   */
  private armBatch(): void {
    if (this.batchTimer !== undefined) return;
    this.batchTimer = this.ctx.clock.after(0, () => {
      this.batchTimer = undefined;
      if (this.batch.length === 0) {
        this.batch = this.queue?.popActive() ?? [];
        this.batchNext = 0;
      }
      const end = Math.min(this.batch.length, this.batchNext + SCHEDULE_CHUNK);
      const entries = this.batch;
      if (end < entries.length || this.queue?.hasActive()) this.armBatch();
      for (; this.batchNext < end && this.batch === entries; ) this.scheduleOne(entries[this.batchNext++]!);
      if (this.batch === entries && this.batchNext >= entries.length) this.batch = [];
    });
  }

  // ---- scheduling cycle ---------------------------------------------------------------

  private sortedNodeNames(): string[] {
    if (!this.nodeNames) this.nodeNames = [...this.nodes.keys()].sort();
    return this.nodeNames;
  }

  private scheduleOne(entry: QueuedPod): void {
    const queue = this.queue;
    if (!queue || queue.get(entry.key) !== entry) return;
    const pod = entry.pod;
    entry.attempts++;
    entry.lastAttemptMs = this.ctx.clock.now();

    const allNames = this.sortedNodeNames();
    if (allNames.length === 0) {
      this.fail(entry, NO_NODES_AVAILABLE, new Set());
      return;
    }
    const requested = podRequests(pod);
    const nonZero = podRequests(pod, true);
    const p: PodToSchedule = { pod, tolerations: pod.spec?.tolerations, requested, nodeMatcher: requiredNodeMatcher(pod) };

    const diagnosis: Diagnosis = { nodeStatuses: new Map() };
    let candidates = allNames;
    const pinned = preFilterNodeNames(pod);
    if (pinned) {
      if (pinned.size === 0) {
        diagnosis.preFilterMsg = REASON_AFFINITY_CONFLICT;
        this.failFit(entry, allNames.length, diagnosis, new Set(['NodeAffinity']));
        return;
      }
      candidates = [...pinned].filter((n) => this.nodes.has(n)).sort();
      diagnosis.absent = { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't satisfy plugin(s) [NodeAffinity]"], plugin: 'NodeAffinity' };
    }

    const hasClaims = (pod.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim);
    const volumes = hasClaims ? podVolumes(pod, this.ctx.store) : undefined;
    if (volumes?.preFilterMsg) {
      diagnosis.preFilterMsg = volumes.preFilterMsg;
      diagnosis.absent = undefined;
      this.failFit(entry, allNames.length, diagnosis, new Set([VOLUME_BINDING]));
      return;
    }

    const feasible = this.findFeasible(p, candidates, allNames.length, diagnosis.nodeStatuses, volumes);
    if (feasible.length === 0) {
      const rejectedBy = new Set<string>([...diagnosis.nodeStatuses.values()].map((s: NodeStatus) => s.plugin));
      if (diagnosis.absent) rejectedBy.add('NodeAffinity');
      this.failFit(entry, allNames.length, diagnosis, rejectedBy);
      return;
    }
    const nodeName = this.pickNode(feasible, nonZero);
    if (volumes && volumes.delayed.length > 0) {
      this.waitForVolumes(entry, nodeName, requested, nonZero, volumes);
      return;
    }
    this.bind(entry, nodeName, requested, nonZero);
  }

  /** VolumeBinding's PreBind: the node goes on each waiting claim; the pod is bound when they all are. */
  private waitForVolumes(entry: QueuedPod, nodeName: string, requested: Resources, nonZero: Resources, volumes: PodVolumes): void {
    this.queue?.delete(entry.key);
    this.volumeWaits.set(entry.key, { entry, nodeName, requested, nonZero, claims: volumes.delayed.map((c) => c.metadata?.name ?? '') });
    for (const pvc of volumes.delayed) {
      if (pvc.metadata?.annotations?.[ANN_SELECTED_NODE] === nodeName) continue;
      this.ctx.api.update('PersistentVolumeClaim', {
        ...pvc,
        metadata: { ...pvc.metadata, annotations: { ...pvc.metadata?.annotations, [ANN_SELECTED_NODE]: nodeName } },
      });
    }
  }

  private findFeasible(p: PodToSchedule, names: string[], numAllNodes: number, statuses: Map<string, NodeStatus>, volumes?: PodVolumes): string[] {
    const want = feasibleNodesToFind(names.length);
    const feasible: string[] = [];
    let processed = 0;
    for (let i = 0; i < names.length && feasible.length < want; i++) {
      const name = names[(this.nextStartNodeIndex + i) % names.length]!;
      const entry = this.nodes.get(name)!;
      processed++;
      const status = filterNode(p, entry.node, entry.allocatable, this.usage.usage(name)) ?? (volumes ? filterVolumes(volumes, entry.node, this.ctx.store) : undefined);
      if (status) statuses.set(name, status);
      else feasible.push(name);
    }
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % numAllNodes;
    return feasible;
  }

  /**
   * Highest LeastAllocated score. Upstream breaks ties at random; we take the node with the
   * fewest pods, then the first name, so equal pods still spread and runs replay exactly.
   */
  private pickNode(feasible: string[], nonZero: Resources): string {
    let best = '';
    let bestScore = -1;
    let bestPods = Infinity;
    for (const name of feasible) {
      const { allocatable } = this.nodes.get(name)!;
      const usage = this.usage.usage(name);
      const used = usage.nonZeroRequested;
      const score = leastAllocatedScore(
        used.cpuMillis + nonZero.cpuMillis,
        allocatable.cpuMillis,
        used.memoryBytes + nonZero.memoryBytes,
        allocatable.memoryBytes,
      );
      const better =
        score > bestScore || (score === bestScore && (usage.pods < bestPods || (usage.pods === bestPods && name < best)));
      if (better) {
        best = name;
        bestScore = score;
        bestPods = usage.pods;
      }
    }
    return best;
  }

  /** The binding subresource: nodeName and PodScheduled=True in one write. */
  private bind(entry: QueuedPod, nodeName: string, requested: Resources, nonZero: Resources): void {
    const { store, clock } = this.ctx;
    const assumed = entry.pod;
    const ns = assumed.metadata?.namespace ?? '';
    const name = assumed.metadata?.name ?? '';
    const current = store.get('Pod', ns, name);
    this.queue?.delete(entry.key);
    if (!current || current.spec?.nodeName || current.metadata?.deletionTimestamp) return;
    const { conditions } = updatePodCondition(current.status?.conditions, { type: 'PodScheduled', status: 'True' }, clock.now());
    // The write's own watch event counts the pod on the node: hand it the requests.
    this.binding = { key: entry.key, pod: assumed, requests: { requested, nonZero } };
    let bound: Pod;
    try {
      bound = store.update('Pod', {
        ...current,
        metadata: { ...current.metadata, resourceVersion: undefined },
        spec: { ...current.spec!, nodeName },
        status: { ...current.status, conditions },
      });
    } finally {
      this.binding = undefined;
    }
    this.usage.add(entry.key, bound, nodeName, { requested, nonZero });
    this.ctx.recorder.eventV1(assumed, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${nodeName}`, {
      reportingController: this.schedulerName,
      reportingInstance: this.reportingInstance,
      action: 'Binding',
    });
  }

  private failFit(entry: QueuedPod, numAllNodes: number, diagnosis: Diagnosis, rejectedBy: Set<string>): void {
    const message = fitErrorMessage(numAllNodes, diagnosis, preemptionMessage(entry.pod, numAllNodes, diagnosis));
    this.fail(entry, message, rejectedBy);
  }

  /** handleSchedulingFailure: the event first, then the PodScheduled condition (if it changed). */
  private fail(entry: QueuedPod, message: string, rejectedBy: Set<string>): void {
    const pod = entry.pod;
    this.queue?.markUnschedulable(entry, rejectedBy);
    this.ctx.recorder.eventV1(pod, 'Warning', 'FailedScheduling', truncateMessage(message), {
      reportingController: this.schedulerName,
      reportingInstance: this.reportingInstance,
      action: 'Scheduling',
    });
    const current = this.ctx.store.get('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '');
    if (!current || current.spec?.nodeName) return;
    const { conditions, changed } = updatePodCondition(
      current.status?.conditions,
      { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message },
      this.ctx.clock.now(),
    );
    if (changed) this.ctx.api.setStatus('Pod', current.metadata?.namespace, current.metadata?.name ?? '', { ...current.status, conditions });
  }
}
