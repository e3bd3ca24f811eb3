// The kubelet fleet's seam for rehearsing: end a running container as a crash does (the
// runtime reports it exited with a code), or make its probes or pulls fail for a while. The
// pod worker then does what it does for any exit: the restart policy and the crash-loop
// back-off decide what follows. Each call answers with the node it acted on or why it could not.
import type { Store } from '../store.js';
import type { ContainerRecord } from './containerRecord.js';
import type { FaultableProbe } from './injectedFaults.js';
import type { Kubelet } from './kubelet.js';
import { probeSpec } from './probes.js';
import type { PodWorker } from './podWorker.js';

export type FaultOutcome = { ok: true; node: string } | { ok: false; message: string };

interface Located {
  kubelet: Kubelet;
  worker: PodWorker;
  rec: ContainerRecord;
  node: string;
}

/** The container's record on its node's kubelet, or why there is none to act on. */
export function locateContainer(store: Store, kubelet: (node: string) => Kubelet | undefined, ns: string, pod: string, container: string): Located | { message: string } {
  const object = store.get('Pod', ns, pod);
  if (!object) return { message: `pods "${pod}" not found` };
  const node = object.spec?.nodeName;
  if (!node) return { message: `pod ${pod} is not scheduled to a node yet` };
  const k = kubelet(node);
  if (!k) return { message: `node ${node} has no kubelet (the node is gone)` };
  if (k.isPaused) return { message: `node ${node} is stopped: its kubelet acts on no container` };
  const worker = k.worker(object.metadata?.uid ?? '');
  if (!worker) return { message: `pod ${pod} has finished: the kubelet runs none of its containers` };
  const rec = worker.container(container);
  if (!rec) return { message: `container ${container} is not valid for pod ${pod}` };
  return { kubelet: k, worker, rec, node };
}

export function notRunningMessage(rec: ContainerRecord): string {
  const s = rec.state;
  let state: string = s.is;
  if (s.is === 'exited' || s.is === 'waiting') {
    const reason = s.reason?.reason ?? (s.is === 'exited' ? s.termination.reason : undefined);
    if (reason) state = `${s.is}: ${reason}`;
  }
  return `container ${rec.name} is not running (${state})`;
}

/** Ends the running container now with `exitCode` and `reason` (Error, or OOMKilled for 137 from memory). */
export function crashContainer(store: Store, kubelet: (node: string) => Kubelet | undefined, ns: string, pod: string, container: string, exitCode: number, reason: string): FaultOutcome {
  const at = locateContainer(store, kubelet, ns, pod, container);
  if ('message' in at) return { ok: false, message: at.message };
  if (!at.rec.running) return { ok: false, message: notRunningMessage(at.rec) };
  at.worker.exited(at.rec, exitCode, reason);
  return { ok: true, node: at.node };
}

/** Makes the container's liveness or readiness probe fail until `untilMs`. */
export function failProbe(store: Store, kubelet: (node: string) => Kubelet | undefined, ns: string, pod: string, container: string, type: FaultableProbe, untilMs: number): FaultOutcome {
  const at = locateContainer(store, kubelet, ns, pod, container);
  if ('message' in at) return { ok: false, message: at.message };
  if (!probeSpec(at.rec, type)) return { ok: false, message: `container ${container} has no ${type} probe` };
  at.kubelet.faults.set(at.worker.uid, container, type, untilMs);
  at.worker.wakeProbe(at.rec, type);
  return { ok: true, node: at.node };
}

/** Makes the container's image pulls fail until `untilMs`; the node forgets the image, so its next start pulls. */
export function failPulls(store: Store, kubelet: (node: string) => Kubelet | undefined, ns: string, pod: string, container: string, untilMs: number): FaultOutcome {
  const at = locateContainer(store, kubelet, ns, pod, container);
  if ('message' in at) return { ok: false, message: at.message };
  at.kubelet.faults.set(at.worker.uid, container, 'pull', untilMs);
  at.kubelet.images.remove(at.rec.image);
  return { ok: true, node: at.node };
}
