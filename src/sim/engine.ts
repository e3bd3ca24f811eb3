// The simulator assembled: store, apiserver rules, recorder, scheduler, one kubelet per
// node, the controllers. Everything else (REST server, TUI source) talks to this.
import { createAdmission } from './admission/index.js';
import { SimApi } from './api.js';
import { RealClock, type Clock } from './clock.js';
import type { Component, SimContext } from './context.js';
import { createControllers } from './controllers/index.js';
import { Recorder } from './events/recorder.js';
import { KubeletFleet } from './kubelet/fleet.js';
import { NODE_LEASE_NAMESPACE } from './kubelet/nodeAgent.js';
import { SimInside } from './inside/world.js';
import type { InsideWorld } from './inside/types.js';
import { containerLogsOf, detachContainerLogs } from './logs/index.js';
import { Random } from './random.js';
import { applyScenario, type Scenario } from './scenario/index.js';
import { Scheduler } from './scheduler/scheduler.js';
import { Store } from './store.js';

export interface SimulatorOptions {
  /** Defaults to a RealClock at `speed`. Tests pass a ManualClock. */
  clock?: Clock;
  speed?: number;
  seed?: number;
  scenario?: Scenario;
  historySize?: number;
  freezeObjects?: boolean;
  /** See StoreOptions: a served simulator starts its versions above an earlier run's. */
  startResourceVersion?: number;
  reserveVersions?: (upTo: number) => void;
  /** The CA bundle published in every namespace's kube-root-ca.crt (sim serve passes its CA). */
  rootCaPem?: string;
}

export class Simulator {
  readonly clock: Clock;
  readonly random: Random;
  readonly store: Store;
  readonly api: SimApi;
  readonly recorder: Recorder;
  readonly context: SimContext;
  private readonly components: Component[] = [];
  /** One kubelet per Node, stopped and started by the node-state annotation. */
  readonly kubelets: KubeletFleet;
  /** The inside of running containers: exec'd processes, files, the pod network (issue 14). */
  readonly inside: InsideWorld;
  private running = false;
  private readonly rootCaPem: string | undefined;

  constructor(options: SimulatorOptions = {}) {
    this.clock = options.clock ?? new RealClock(options.speed ?? 1);
    this.random = new Random(options.seed ?? 0x5eed);
    this.store = new Store(this.clock, this.random, {
      historySize: options.historySize,
      freezeObjects: options.freezeObjects,
      startResourceVersion: options.startResourceVersion,
      reserveVersions: options.reserveVersions,
    });
    this.api = new SimApi(this.store, this.clock, this.random, createAdmission());
    this.recorder = new Recorder(this.store, this.clock, this.random);
    this.context = { store: this.store, api: this.api, clock: this.clock, random: this.random, recorder: this.recorder };
    this.rootCaPem = options.rootCaPem;
    this.kubelets = new KubeletFleet(this.context);
    this.inside = new SimInside(this.store, this.clock, this.kubelets);
    if (options.scenario) applyScenario(this.api, options.scenario);
    // The apiserver creates kube-node-lease itself; the kubelets' leases live there.
    else this.api.create('Namespace', { metadata: { name: NODE_LEASE_NAMESPACE } });
  }

  /** Starts every control loop; kubelets follow the Node objects as they come and go. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.components.push(this.recorder, new Scheduler(this.context), ...createControllers(this.context, { rootCaPem: this.rootCaPem }));
    for (const c of this.components) c.start();
    containerLogsOf(this);
    this.kubelets.start();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.kubelets.stop();
    detachContainerLogs(this.store);
    for (const c of this.components.splice(0).reverse()) c.stop();
    if (this.clock instanceof RealClock) this.clock.stop();
  }
}
