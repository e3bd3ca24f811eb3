// Faults an operator injects into running containers while rehearsing (src/sim/rehearse):
// a probe that fails, or image pulls that fail, until a given simulated instant. The pod
// workers consult this table at each probe tick and each pull; entries past their end are
// dropped when next read, and a pod's entries go with its worker.
import type { ProbeType } from './probes.js';

/** The probes a fault can make fail (a startup probe's failure is a liveness-like kill; not offered). */
export type FaultableProbe = Extract<ProbeType, 'liveness' | 'readiness'>;

interface ContainerFaultEnds {
  liveness?: number;
  readiness?: number;
  pull?: number;
}

type FaultKind = keyof ContainerFaultEnds;

export class InjectedFaults {
  /** pod uid → container name → when each fault ends (epoch ms). */
  private readonly byPod = new Map<string, Map<string, ContainerFaultEnds>>();

  set(podUid: string, container: string, kind: FaultKind, untilMs: number): void {
    let pod = this.byPod.get(podUid);
    if (!pod) this.byPod.set(podUid, (pod = new Map()));
    let ends = pod.get(container);
    if (!ends) pod.set(container, (ends = {}));
    ends[kind] = untilMs;
  }

  /** Whether the fault holds at `nowMs` (its end is exclusive). */
  active(podUid: string, container: string, kind: FaultKind, nowMs: number): boolean {
    const pod = this.byPod.get(podUid);
    if (pod === undefined) return false;
    const ends = pod.get(container);
    const until = ends?.[kind];
    if (until === undefined) return false;
    if (nowMs < until) return true;
    delete ends![kind];
    if (ends!.liveness === undefined && ends!.readiness === undefined && ends!.pull === undefined) pod.delete(container);
    if (pod.size === 0) this.byPod.delete(podUid);
    return false;
  }

  forgetPod(podUid: string): void {
    this.byPod.delete(podUid);
  }

  /** Pods with a fault recorded (tests: the table does not grow without bound). */
  get podCount(): number {
    return this.byPod.size;
  }
}
