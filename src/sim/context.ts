// What every simulator component (scheduler, kubelets, controllers, recorder) is handed.
import type { KubeObject } from '../kube/types.js';
import type { SimApi } from './api.js';
import type { Clock } from './clock.js';
import type { Random } from './random.js';
import type { Store } from './store.js';

export type EventType = 'Normal' | 'Warning';

export interface CoreEventOptions {
  /** source.component, e.g. "kubelet", "replicaset-controller". */
  component: string;
  /** source.host (the node, for the kubelet). */
  host?: string;
  /** involvedObject.fieldPath, e.g. "spec.containers{app}" or "spec.initContainers{init}". */
  fieldPath?: string;
}

export interface EventsV1Options {
  /** reportingController, e.g. "default-scheduler". */
  reportingController: string;
  reportingInstance: string;
  /** action, e.g. "Binding", "Scheduling". */
  action: string;
}

/** Records Kubernetes Events the way client-go's recorders do (client-go tools/record). */
export interface EventRecorder {
  /** A core/v1 Event (kubelet, controllers): identical repeats bump count and lastTimestamp. */
  event(involved: KubeObject, type: EventType, reason: string, message: string, options: CoreEventOptions): void;
  /** An events.k8s.io/v1-style Event (scheduler): eventTime and reportingComponent, no source or lastTimestamp. */
  eventV1(regarding: KubeObject, type: EventType, reason: string, note: string, options: EventsV1Options): void;
}

export interface SimContext {
  store: Store;
  api: SimApi;
  clock: Clock;
  random: Random;
  recorder: EventRecorder;
}

/** A control loop: start() subscribes to the store; stop() releases its watches and timers. */
export interface Component {
  start(): void;
  stop(): void;
}
