// The simulated kubelet of one node: watches the pods bound to it and runs one PodWorker
// per pod. It owns what the node shares between pods: the image cache, the back-off
// tables and the pod IP range from spec.podCIDR, and runs the node's heartbeats (NodeAgent).
// A stopped node's kubelet (pause) renews nothing and acts on no pod; resumed, it lists its
// pods again, so deletions made meanwhile are carried out and the rest start afresh.
import type { Pod, WatchEvent } from '../../kube/types.js';
import type { Component, SimContext } from '../context.js';
import type { Watch } from '../store.js';
import { crashLoopBackoff, imagePullBackoff, type Backoff } from './backoff.js';
import { DEFAULT_TIMING, type KubeletHost, type KubeletTiming } from './host.js';
import { NodeImageCache } from './images.js';
import { InjectedFaults } from './injectedFaults.js';
import type { ContainerInstanceObserver } from './instances.js';
import { PodIpAllocator } from './ipam.js';
import { NodeAgent } from './nodeAgent.js';
import { PodWorker } from './podWorker.js';

export class Kubelet implements Component, KubeletHost {
  readonly timing: KubeletTiming;
  readonly images = new NodeImageCache();
  readonly crashBackoff: Backoff = crashLoopBackoff();
  readonly imageBackoff: Backoff = imagePullBackoff();
  /** Set before start() to follow container instances (per-instance logs). */
  instances: ContainerInstanceObserver | undefined;
  /** The fleet shares one table between its kubelets (set before start()). */
  faults = new InjectedFaults();
  private readonly workers = new Map<string, PodWorker>();
  private ips: PodIpAllocator | undefined;
  private watch: Watch | undefined;
  private readonly agent: NodeAgent;
  private paused = false;

  constructor(
    readonly ctx: SimContext,
    readonly nodeName: string,
    timing: Partial<KubeletTiming> = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...timing };
    this.agent = new NodeAgent(ctx, nodeName);
  }

  start(): void {
    if (this.watch || this.paused) return;
    this.agent.start();
    const nodeName = this.nodeName;
    this.watch = this.ctx.store.watch('Pod', { nodeName }, (ev) => this.onPodEvent(ev));
  }

  stop(): void {
    this.agent.stop();
    this.watch?.stop();
    this.watch = undefined;
    for (const w of this.workers.values()) w.dispose();
    this.workers.clear();
  }

  /** The node stops: no lease renewal, no status, no pod worker (its containers are out of reach). */
  pause(): void {
    if (this.paused) return;
    this.stop();
    this.paused = true;
  }

  /** The node is back: heartbeats resume and the kubelet takes up the pods still bound to it. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.start();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** The worker of a pod bound here, by uid (fault injection reaches a container through it). */
  worker(uid: string): PodWorker | undefined {
    return this.workers.get(uid);
  }

  /** The workers running now (for tests and the integrator's diagnostics). */
  get podCount(): number {
    return this.workers.size;
  }

  hostIP(): string | undefined {
    const node = this.ctx.store.get('Node', undefined, this.nodeName);
    return node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  }

  allocatePodIP(): string | undefined {
    if (!this.ips) this.ips = new PodIpAllocator(this.ctx.store.get('Node', undefined, this.nodeName)?.spec?.podCIDR);
    return this.ips.allocate();
  }

  releasePodIP(ip: string): void {
    this.ips?.release(ip);
  }

  private onPodEvent(ev: WatchEvent<Pod>): void {
    try {
      this.handle(ev);
    } catch (err) {
      this.ctx.clock.onError(err);
    }
  }

  private handle(ev: WatchEvent<Pod>): void {
    const pod = ev.object;
    const uid = pod.metadata?.uid ?? '';
    const worker = this.workers.get(uid);
    if (ev.type === 'DELETED') {
      worker?.dispose();
      this.workers.delete(uid);
      return;
    }
    if (worker) {
      worker.onUpdate(pod);
      return;
    }
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    const fresh = new PodWorker(this, pod);
    this.workers.set(uid, fresh);
    fresh.begin();
  }
}
