// A controller test bed: manual clock, frozen store, the real admission chain, and a
// recorder that keeps every event in order, so tests can assert exact reasons and texts.
// No kubelet: tests move pods through their lives with setStatus.
import type { KubeObject, Pod, PodCondition } from '../../../../src/kube/types.js';
import { createAdmission } from '../../../../src/sim/admission/index.js';
import { SimApi } from '../../../../src/sim/api.js';
import { ManualClock } from '../../../../src/sim/clock.js';
import type { Component, CoreEventOptions, EventRecorder, EventType, SimContext } from '../../../../src/sim/context.js';
import { Random } from '../../../../src/sim/random.js';
import { Store } from '../../../../src/sim/store.js';

export interface RecordedEvent {
  kind: string;
  name: string;
  type: EventType;
  reason: string;
  message: string;
  component: string;
  at: number;
}

export class CapturingRecorder implements EventRecorder {
  readonly events: RecordedEvent[] = [];
  constructor(private readonly clock: ManualClock) {}
  event(involved: KubeObject, type: EventType, reason: string, message: string, options: CoreEventOptions): void {
    this.events.push({
      kind: involved.kind ?? '',
      name: involved.metadata?.name ?? '',
      type,
      reason,
      message,
      component: options.component,
      at: this.clock.now(),
    });
  }
  eventV1(): void {}
}

export interface Harness {
  ctx: SimContext;
  clock: ManualClock;
  store: Store;
  api: SimApi;
  recorder: CapturingRecorder;
  start(...components: Component[]): void;
  stop(): void;
  /** Pods in the namespace, sorted by name. */
  pods(namespace?: string): Pod[];
  /** "reason: message" lines from one component, in order. */
  eventLines(component?: string): string[];
  /** Marks a pod scheduled, Running and Ready (or not ready). */
  runPod(pod: Pod | string, ready?: boolean, namespace?: string): Pod;
  /** Ends a pod's run: Succeeded or Failed, with the container's finishedAt now. */
  finishPod(pod: Pod | string, phase: 'Succeeded' | 'Failed', namespace?: string): Pod;
}

export const START = Date.UTC(2026, 0, 1, 0, 0, 0);

export function createHarness(): Harness {
  const clock = new ManualClock(START);
  const random = new Random(42);
  const store = new Store(clock, random, { freezeObjects: true });
  const api = new SimApi(store, clock, random, createAdmission());
  const recorder = new CapturingRecorder(clock);
  const ctx: SimContext = { store, api, clock, random, recorder };
  const started: Component[] = [];
  api.create('Namespace', { metadata: { name: 'default' } });

  const resolve = (pod: Pod | string, namespace = 'default'): Pod => {
    const name = typeof pod === 'string' ? pod : pod.metadata!.name!;
    const ns = typeof pod === 'string' ? namespace : pod.metadata!.namespace!;
    return api.get('Pod', ns, name);
  };
  const iso = (): string => new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');

  return {
    ctx,
    clock,
    store,
    api,
    recorder,
    start(...components) {
      for (const c of components) {
        c.start();
        started.push(c);
      }
      clock.flush();
    },
    /** Stops everything; a sync that failed on the way (controllers retry and keep going) fails the test here. */
    stop() {
      const failures: string[] = [];
      for (const c of started.splice(0)) {
        c.stop();
        for (const e of (c as { errors?: { key: string; error: unknown }[] }).errors ?? []) failures.push(`${c.constructor.name} ${e.key}: ${String(e.error)}`);
      }
      if (failures.length) throw new Error(`controller sync failures:\n${failures.join('\n')}`);
    },
    pods(namespace = 'default') {
      return [...store.all('Pod', namespace)].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    },
    eventLines(component) {
      return recorder.events.filter((e) => !component || e.component === component).map((e) => `${e.reason}: ${e.message}`);
    },
    runPod(pod, ready = true, namespace) {
      const current = resolve(pod, namespace);
      const now = iso();
      const conditions: PodCondition[] = [
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
      ];
      const name = current.spec?.containers?.[0]?.name ?? 'app';
      return api.setStatus('Pod', current.metadata!.namespace, current.metadata!.name!, {
        ...current.status,
        phase: 'Running',
        startTime: now,
        conditions,
        containerStatuses: [{ name, image: 'img', imageID: '', ready, restartCount: 0, state: { running: { startedAt: now } } }],
      });
    },
    finishPod(pod, phase, namespace) {
      const current = resolve(pod, namespace);
      const now = iso();
      const name = current.spec?.containers?.[0]?.name ?? 'app';
      const exitCode = phase === 'Succeeded' ? 0 : 1;
      return api.setStatus('Pod', current.metadata!.namespace, current.metadata!.name!, {
        ...current.status,
        phase,
        conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: now }],
        containerStatuses: [
          {
            name,
            image: 'img',
            imageID: '',
            ready: false,
            restartCount: 0,
            state: { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', finishedAt: now } },
          },
        ],
      });
    },
  };
}

/** A minimal valid pod template. */
export function template(labels: Record<string, string>, image = 'nginx:1.27'): { metadata: { labels: Record<string, string> }; spec: { containers: { name: string; image: string }[] } } {
  return { metadata: { labels }, spec: { containers: [{ name: 'app', image }] } };
}
