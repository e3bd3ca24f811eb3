// The taint eviction controller (k/k pkg/controller/tainteviction/taint_eviction.go): pods on
// a node with NoExecute taints are deleted once their tolerations run out — at once when a
// taint is not tolerated, after the smallest tolerationSeconds otherwise (300 s for the
// not-ready/unreachable defaults that DefaultTolerationSeconds admission adds), never when
// every matching toleration is unbounded (DaemonSet pods). Each eviction records
// TaintManagerEviction, sets the DisruptionTarget condition and deletes with the pod's grace.
// Pods are looked at only while their node has NoExecute taints.
import { rfc3339 } from '../../kube/duration.js';
import { errorText } from '../../kube/errorText.js';
import type { Node, Pod, Taint } from '../../kube/types.js';
import type { TimerHandle } from '../clock.js';
import type { Component, SimContext } from '../context.js';
import type { Watch } from '../store.js';
import { objectKey } from './keys.js';
import { evictionDelay } from './tolerationTime.js';

const COMPONENT = 'taint-eviction-controller';

interface Scheduled {
  createdAt: number;
  fireAt: number;
  timer: TimerHandle;
  nodeName: string;
}

export class TaintEvictionController implements Component {
  /** Node name → its NoExecute taints, for nodes that have any. */
  private readonly tainted = new Map<string, Taint[]>();
  private readonly scheduled = new Map<string, Scheduled>();
  private readonly watches: Watch[] = [];
  readonly errors: string[] = [];

  constructor(private readonly ctx: SimContext) {}

  start(): void {
    const tainted = this.tainted;
    this.watches.push(
      this.ctx.store.watch('Node', {}, (ev) => this.onNode(ev.object, ev.type === 'DELETED')),
      this.ctx.store.watch('Pod', { filter: (p) => p.spec?.nodeName !== undefined && tainted.has(p.spec.nodeName) }, (ev) => {
        if (ev.type === 'DELETED') this.cancel(objectKey(ev.object), false);
        else this.processPod(ev.object, this.ctx.clock.now());
      }),
    );
  }

  stop(): void {
    for (const w of this.watches.splice(0)) w.stop();
    for (const s of this.scheduled.values()) this.ctx.clock.clearTimer(s.timer);
    this.scheduled.clear();
    this.tainted.clear();
  }

  private onNode(node: Node, deleted: boolean): void {
    const name = node.metadata!.name!;
    const taints = deleted ? [] : (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    const before = this.tainted.get(name);
    if (sameTaints(before, taints)) return;
    if (taints.length) this.tainted.set(name, taints);
    else this.tainted.delete(name);
    if (!before && !taints.length) return;
    const now = this.ctx.clock.now();
    for (const pod of [...this.ctx.store.all('Pod')]) {
      if (pod.spec?.nodeName === name) this.processPod(pod, now);
    }
  }

  /** processPodOnNode: schedule, keep, move or cancel the pod's eviction. */
  private processPod(pod: Pod, now: number): void {
    const key = objectKey(pod);
    const nodeName = pod.spec!.nodeName!;
    const taints = this.tainted.get(nodeName);
    if (!taints) {
      this.cancel(key, true);
      return;
    }
    const delay = evictionDelay(taints, pod.spec?.tolerations);
    if (delay === 'never') {
      this.cancel(key, true);
      return;
    }
    const ms = delay === 'now' ? 0 : delay;
    const existing = this.scheduled.get(key);
    if (existing) {
      // An eviction planned earlier stands (its start time is older, so it fires no later).
      if (existing.createdAt < now || existing.fireAt === now + ms) return;
      this.cancel(key, true);
    }
    const createdAt = now;
    const fireAt = now + ms;
    const timer = this.ctx.clock.setTimer(fireAt, () => this.evict(key));
    this.scheduled.set(key, { createdAt, fireAt, timer, nodeName });
  }

  private cancel(key: string, withEvent: boolean): void {
    const s = this.scheduled.get(key);
    if (!s) return;
    this.ctx.clock.clearTimer(s.timer);
    this.scheduled.delete(key);
    if (!withEvent) return;
    const [namespace, name] = key.split('/') as [string, string];
    this.ctx.recorder.event(
      { apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name } },
      'Normal',
      'TaintManagerEviction',
      `Cancelling deletion of Pod ${key}`,
      { component: COMPONENT },
    );
  }

  /** deletePodHandler: the event, then addConditionAndDeletePod. */
  private evict(key: string): void {
    this.scheduled.delete(key);
    const [namespace, name] = key.split('/') as [string, string];
    this.ctx.recorder.event({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name } }, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, {
      component: COMPONENT,
    });
    try {
      const pod = this.ctx.store.get('Pod', namespace, name);
      if (!pod) return;
      const conditions = pod.status?.conditions ?? [];
      const current = conditions.find((c) => c.type === 'DisruptionTarget');
      if (!current || current.status !== 'True' || current.reason !== 'DeletionByTaintManager') {
        const condition = {
          type: 'DisruptionTarget',
          status: 'True',
          lastTransitionTime: current?.status === 'True' ? current.lastTransitionTime : rfc3339(this.ctx.clock.now()),
          reason: 'DeletionByTaintManager',
          message: 'Taint manager: deleting due to NoExecute taint',
        };
        const next = current ? conditions.map((c) => (c === current ? condition : c)) : [...conditions, condition];
        this.ctx.api.setStatus('Pod', namespace, name, { ...pod.status, conditions: next });
      }
      this.ctx.api.delete('Pod', namespace, name);
    } catch (err) {
      this.errors.push(errorText(err));
      if (this.errors.length > 20) this.errors.shift();
    }
  }
}

function sameTaints(a: readonly Taint[] | undefined, b: readonly Taint[]): boolean {
  if (!a) return b.length === 0;
  return a.length === b.length && a.every((t, i) => t.key === b[i]!.key && t.value === b[i]!.value && t.effect === b[i]!.effect);
}
