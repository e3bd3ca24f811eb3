// A node with one Kubelet on a manual clock, the real admission and recorder, and logs of
// every event the kubelet records and every status it writes, stamped with the exact
// simulated time (ms since the harness started).
import { podStatus, podSummary } from '../../../../src/kube/podColumns.js';
import type { Container, KubeObject, Pod, PodSpec } from '../../../../src/kube/types.js';
import { createAdmission } from '../../../../src/sim/admission/index.js';
import { SimApi } from '../../../../src/sim/api.js';
import { ManualClock } from '../../../../src/sim/clock.js';
import type { CoreEventOptions, EventRecorder, EventsV1Options, EventType, SimContext } from '../../../../src/sim/context.js';
import { Recorder } from '../../../../src/sim/events/recorder.js';
import { Kubelet } from '../../../../src/sim/kubelet/index.js';
import type { KubeletTiming } from '../../../../src/sim/kubelet/index.js';
import { Random } from '../../../../src/sim/random.js';
import { Store } from '../../../../src/sim/store.js';

export const NODE = 'node-1';
export const HOST_IP = '172.18.0.2';

export interface LoggedEvent {
  /** ms since the harness started */
  t: number;
  type: EventType;
  reason: string;
  message: string;
  fieldPath: string | undefined;
  pod: string;
}

export interface StatusSample {
  t: number;
  /** kubectl's STATUS column */
  status: string;
  /** READY as `n/m` */
  ready: string;
  restarts: number;
  phase: string | undefined;
  pod: Pod;
}

class CapturingRecorder implements EventRecorder {
  readonly log: LoggedEvent[] = [];
  constructor(
    private readonly inner: EventRecorder,
    private readonly clock: ManualClock,
    private readonly t0: number,
  ) {}

  event(involved: KubeObject, type: EventType, reason: string, message: string, options: CoreEventOptions): void {
    this.log.push({ t: this.clock.now() - this.t0, type, reason, message, fieldPath: options.fieldPath, pod: involved.metadata?.name ?? '' });
    this.inner.event(involved, type, reason, message, options);
  }

  eventV1(regarding: KubeObject, type: EventType, reason: string, note: string, options: EventsV1Options): void {
    this.inner.eventV1(regarding, type, reason, note, options);
  }
}

export class KubeletHarness {
  readonly clock = new ManualClock();
  readonly t0 = this.clock.now();
  readonly random = new Random(42);
  readonly store = new Store(this.clock, this.random, { freezeObjects: true });
  readonly api = new SimApi(this.store, this.clock, this.random, createAdmission());
  readonly recorder = new CapturingRecorder(new Recorder(this.store, this.clock, this.random), this.clock, this.t0);
  readonly ctx: SimContext = { store: this.store, api: this.api, clock: this.clock, random: this.random, recorder: this.recorder };
  readonly kubelet: Kubelet;
  readonly samples: StatusSample[] = [];
  readonly deleted: { t: number; name: string; pod: Pod }[] = [];

  constructor(timing: Partial<KubeletTiming> = {}, podCIDR = '10.244.1.0/24') {
    this.api.create('Namespace', { metadata: { name: 'default' } });
    // What the root-ca-cert-publisher keeps in every namespace: every pod's kube-api-access volume mounts it.
    this.api.create('ConfigMap', { metadata: { name: 'kube-root-ca.crt', namespace: 'default' }, data: { 'ca.crt': 'CA' } });
    this.store.create('Node', {
      metadata: { name: NODE },
      spec: { podCIDR, podCIDRs: [podCIDR] },
      status: { addresses: [{ type: 'InternalIP', address: HOST_IP }, { type: 'Hostname', address: NODE }] },
    });
    this.store.watch('Pod', {}, (ev) => {
      const t = this.clock.now() - this.t0;
      if (ev.type === 'DELETED') {
        this.deleted.push({ t, name: ev.object.metadata!.name!, pod: ev.object });
        return;
      }
      const s = podSummary(ev.object);
      this.samples.push({ t, status: s.status, ready: `${s.ready}/${s.total}`, restarts: s.restarts, phase: ev.object.status?.phase, pod: ev.object });
    });
    this.kubelet = new Kubelet(this.ctx, NODE, timing);
    this.kubelet.start();
  }

  /** Creates a pod bound to the node (as if scheduled) and lets the kubelet's first sync run. */
  createPod(name: string, spec: Partial<PodSpec> & { containers: Container[] }, annotations?: Record<string, string>): Pod {
    const pod = this.api.create('Pod', {
      metadata: { name, namespace: 'default', ...(annotations ? { annotations } : {}) },
      spec: { nodeName: NODE, ...spec },
    });
    this.clock.flush();
    return pod;
  }

  pod(name: string): Pod | undefined {
    return this.store.get('Pod', 'default', name);
  }

  /** The pod as stored; fails the test when it is gone. */
  must(name: string): Pod {
    const p = this.pod(name);
    if (!p) throw new Error(`pod ${name} is gone`);
    return p;
  }

  status(name: string): string {
    return podStatus(this.must(name));
  }

  /** Moves the clock to `seconds` after the harness started (firing every timer on the way). */
  at(seconds: number): void {
    this.clock.advanceTo(this.t0 + Math.round(seconds * 1000));
  }

  elapsed(): number {
    return this.clock.now() - this.t0;
  }

  /** `<t>s <Type> <Reason> <message>` lines for one pod, in recording order. */
  events(name: string, filter?: (e: LoggedEvent) => boolean): string[] {
    return this.recorder.log
      .filter((e) => e.pod === name && (!filter || filter(e)))
      .map((e) => `${e.t / 1000}s ${e.type} ${e.reason} ${e.message}`);
  }

  /** STATUS column changes for one pod: `<t>s <STATUS> <READY> <RESTARTS>`, consecutive repeats folded. */
  statusLine(name: string): string[] {
    const out: string[] = [];
    let last = '';
    for (const s of this.samples) {
      if (s.pod.metadata?.name !== name) continue;
      const text = `${s.status} ${s.ready} ${s.restarts}`;
      if (text === last) continue;
      last = text;
      out.push(`${s.t / 1000}s ${text}`);
    }
    return out;
  }

  /** Status writes (MODIFIED events carrying a status) for one pod. */
  writes(name: string): number {
    return this.samples.filter((s) => s.pod.metadata?.name === name).length;
  }
}

export function container(name: string, image: string, extra: Partial<Container> = {}): Container {
  return { name, image, imagePullPolicy: 'IfNotPresent', ...extra };
}
