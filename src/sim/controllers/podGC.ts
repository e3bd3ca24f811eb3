// PodGC (k/k pkg/controller/podgc/gc_controller.go), the parts that concern lost nodes:
// - gcOrphaned: a pod bound to a node that no longer exists is marked Failed with the
//   DisruptionTarget condition (DeletionByPodGC, "PodGC: node no longer exists") and force
//   deleted, once the node has been missing for quarantineTime (40 s) as seen by a pass;
// - gcTerminating: a terminating pod on a node that is not Ready and carries the
//   node.kubernetes.io/out-of-service taint is marked Failed and force deleted.
// Passes run every gcCheckPeriod (20 s) from the controller's start; work is only planned
// when a node goes missing or gets the out-of-service taint, so quiet passes cost nothing.
// gcTerminated (the 12500 terminated-pod threshold) is not modelled.
import { rfc3339 } from '../../kube/duration.js';
import { errorText } from '../../kube/errorText.js';
import type { Node, Pod, PodCondition } from '../../kube/types.js';
import type { TimerHandle } from '../clock.js';
import type { Component, SimContext } from '../context.js';
import type { Watch } from '../store.js';
import { OUT_OF_SERVICE_TAINT_KEY, readyConditionOf } from './nodeHealth.js';

export const GC_CHECK_PERIOD_MS = 20_000;
export const QUARANTINE_MS = 40_000;

export class PodGCController implements Component {
  private startedAt = 0;
  private readonly nodes = new Set<string>();
  private readonly timers = new Set<TimerHandle>();
  private readonly watches: Watch[] = [];
  readonly errors: string[] = [];

  constructor(private readonly ctx: SimContext) {}

  start(): void {
    this.startedAt = this.ctx.clock.now();
    const nodes = this.nodes;
    this.watches.push(
      this.ctx.store.watch('Node', {}, (ev) => this.onNode(ev.object, ev.type)),
      // A pod bound to a node that does not exist (now or when it is created): one Set lookup per pod event.
      this.ctx.store.watch('Pod', { filter: (p) => p.spec?.nodeName !== undefined && !nodes.has(p.spec.nodeName) }, (ev) => {
        if (ev.type === 'ADDED') this.planOrphanCheck(ev.object.spec!.nodeName!);
      }),
    );
  }

  stop(): void {
    for (const w of this.watches.splice(0)) w.stop();
    for (const t of this.timers) this.ctx.clock.clearTimer(t);
    this.timers.clear();
  }

  /** The first pass at or after `ms`. */
  private passAt(ms: number): number {
    const k = Math.ceil((ms - this.startedAt) / GC_CHECK_PERIOD_MS);
    return this.startedAt + Math.max(0, k) * GC_CHECK_PERIOD_MS;
  }

  private onNode(node: Node, type: string): void {
    const name = node.metadata!.name!;
    if (type === 'DELETED') {
      this.nodes.delete(name);
      this.planOrphanCheck(name);
      return;
    }
    this.nodes.add(name);
    if (readyConditionOf(node)?.status !== 'True' && (node.spec?.taints ?? []).some((t) => t.key === OUT_OF_SERVICE_TAINT_KEY)) {
      this.at(this.passAt(this.ctx.clock.now()), () => this.gcTerminating(name));
    }
  }

  /** A pass sees the node missing and queues it for quarantineTime; the pass after that deletes its pods. */
  private planOrphanCheck(nodeName: string): void {
    const seen = this.passAt(this.ctx.clock.now());
    this.at(seen + QUARANTINE_MS, () => this.gcOrphaned(nodeName));
  }

  private at(ms: number, fn: () => void): void {
    const handle = this.ctx.clock.setTimer(ms, () => {
      this.timers.delete(handle);
      fn();
    });
    this.timers.add(handle);
  }

  private gcOrphaned(nodeName: string): void {
    if (this.ctx.store.get('Node', undefined, nodeName)) return;
    for (const pod of [...this.ctx.store.all('Pod')]) {
      if (pod.spec?.nodeName !== nodeName) continue;
      this.markFailedAndDelete(pod, {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
        lastTransitionTime: rfc3339(this.ctx.clock.now()),
      });
    }
  }

  private gcTerminating(nodeName: string): void {
    const node = this.ctx.store.get('Node', undefined, nodeName);
    if (!node || readyConditionOf(node)?.status === 'True' || !(node.spec?.taints ?? []).some((t) => t.key === OUT_OF_SERVICE_TAINT_KEY)) return;
    for (const pod of [...this.ctx.store.all('Pod')]) {
      if (pod.spec?.nodeName === nodeName && pod.metadata?.deletionTimestamp) this.markFailedAndDelete(pod, undefined);
    }
  }

  /** markFailedAndDeletePodWithCondition: a non-terminal pod becomes Failed (with the condition), then a grace-0 delete. */
  private markFailedAndDelete(pod: Pod, condition: PodCondition | undefined): void {
    const ns = pod.metadata!.namespace!;
    const name = pod.metadata!.name!;
    try {
      const phase = pod.status?.phase;
      const terminal = phase === 'Succeeded' || phase === 'Failed';
      if (!terminal || condition) {
        const conditions = (pod.status?.conditions ?? []).filter((c) => !condition || c.type !== condition.type);
        this.ctx.api.setStatus('Pod', ns, name, {
          ...pod.status,
          ...(terminal ? {} : { phase: 'Failed' }),
          conditions: condition ? [...conditions, condition] : pod.status?.conditions,
        });
      }
      this.ctx.api.delete('Pod', ns, name, { gracePeriodSeconds: 0 });
    } catch (err) {
      this.errors.push(errorText(err));
      if (this.errors.length > 20) this.errors.shift();
    }
  }
}
