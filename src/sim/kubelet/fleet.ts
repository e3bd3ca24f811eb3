// One kubelet per Node object, following the nodes as they come and go: a Node created
// through the API gets a kubelet, a deleted one loses it, and the node-state annotation
// stops and restarts it. A node's stop-after / start-after schedule is carried out by
// writing node-state through the API, so every client sees the change as it happens.
import { errorText } from '../../kube/errorText.js';
import type { Node } from '../../kube/types.js';
import type { TimerHandle } from '../clock.js';
import type { Component, SimContext } from '../context.js';
import { NODE_STATE_ANNOTATION, nodeScheduleOf, nodeStateOf, type NodeState } from '../nodeState.js';
import type { Watch } from '../store.js';
import { crashContainer, failProbe, failPulls, locateContainer, notRunningMessage, type FaultOutcome } from './crash.js';
import { InjectedFaults, type FaultableProbe } from './injectedFaults.js';
import type { ContainerInstanceObserver } from './instances.js';
import { Kubelet } from './kubelet.js';

export class KubeletFleet implements Component {
  private readonly kubelets = new Map<string, Kubelet>();
  private readonly scheduled = new Map<string, TimerHandle[]>();
  private watch: Watch | undefined;
  /** The latest failure of a scheduled stop or start, for diagnostics. */
  lastError: string | undefined;
  private observer: ContainerInstanceObserver | undefined;
  /** Injected probe and pull failures, shared by every kubelet of the fleet. */
  readonly faults = new InjectedFaults();
  private readonly lookup = (node: string): Kubelet | undefined => this.kubelets.get(node);

  constructor(private readonly ctx: SimContext) {}

  /** Ends a running container now, as a crash does, with `exitCode` (reason Error, or OOMKilled given). */
  crashContainer(ns: string, pod: string, container: string, exitCode: number, reason = exitCode === 0 ? 'Completed' : 'Error'): FaultOutcome {
    return crashContainer(this.ctx.store, this.lookup, ns, pod, container, exitCode, reason);
  }

  /** Why a fault cannot reach the container now, or undefined when it can. */
  checkContainer(ns: string, pod: string, container: string, mustRun = false): string | undefined {
    const at = locateContainer(this.ctx.store, this.lookup, ns, pod, container);
    if ('message' in at) return at.message;
    return mustRun && !at.rec.running ? notRunningMessage(at.rec) : undefined;
  }

  failProbe(ns: string, pod: string, container: string, type: FaultableProbe, untilMs: number): FaultOutcome {
    return failProbe(this.ctx.store, this.lookup, ns, pod, container, type, untilMs);
  }

  failPulls(ns: string, pod: string, container: string, untilMs: number): FaultOutcome {
    return failPulls(this.ctx.store, this.lookup, ns, pod, container, untilMs);
  }

  start(): void {
    if (this.watch) return;
    this.watch = this.ctx.store.watch('Node', {}, (ev) => {
      const name = ev.object.metadata?.name;
      if (!name) return;
      if (ev.type === 'DELETED') this.remove(name);
      else this.follow(ev.object, ev.type === 'ADDED');
    });
  }

  stop(): void {
    this.watch?.stop();
    this.watch = undefined;
    for (const name of [...this.kubelets.keys()]) this.remove(name);
  }

  kubelet(name: string): Kubelet | undefined {
    return this.kubelets.get(name);
  }

  get size(): number {
    return this.kubelets.size;
  }

  /** Follows the container instances of every kubelet, those of nodes that come later too. */
  set instances(observer: ContainerInstanceObserver | undefined) {
    this.observer = observer;
    for (const k of this.kubelets.values()) k.instances = observer;
  }

  private follow(node: Node, added: boolean): void {
    const name = node.metadata!.name!;
    let kubelet = this.kubelets.get(name);
    if (!kubelet) {
      kubelet = new Kubelet(this.ctx, name);
      kubelet.instances = this.observer;
      kubelet.faults = this.faults;
      this.kubelets.set(name, kubelet);
      if (nodeStateOf(node) === 'stopped') kubelet.pause();
      else kubelet.start();
    } else if (nodeStateOf(node) === 'stopped') kubelet.pause();
    else kubelet.resume();
    if (added) this.schedule(node);
  }

  private remove(name: string): void {
    this.kubelets.get(name)?.stop();
    this.kubelets.delete(name);
    for (const t of this.scheduled.get(name) ?? []) this.ctx.clock.clearTimer(t);
    this.scheduled.delete(name);
  }

  private schedule(node: Node): void {
    const name = node.metadata!.name!;
    const { stopAtMs, startAtMs } = nodeScheduleOf(node);
    const timers: TimerHandle[] = [];
    const now = this.ctx.clock.now();
    // Each change waits behind whatever else is due at that instant (a lease renewal, say), so a
    // node stopped at t renewed its lease at t when that was due, and is Unknown at t + 40 s.
    const later = (state: NodeState) => () => this.ctx.clock.after(0, () => this.setState(name, state));
    if (stopAtMs !== undefined) timers.push(this.ctx.clock.setTimer(Math.max(now, stopAtMs), later('stopped')));
    if (startAtMs !== undefined) timers.push(this.ctx.clock.setTimer(Math.max(now, startAtMs), later('running')));
    if (timers.length) this.scheduled.set(name, timers);
  }

  private setState(name: string, state: NodeState): void {
    const node = this.ctx.store.get('Node', undefined, name);
    if (!node || nodeStateOf(node) === state) return;
    try {
      this.ctx.api.update('Node', {
        ...node,
        metadata: { ...node.metadata, annotations: { ...node.metadata?.annotations, [NODE_STATE_ANNOTATION]: state } },
      });
    } catch (err) {
      this.lastError = errorText(err);
    }
  }
}
