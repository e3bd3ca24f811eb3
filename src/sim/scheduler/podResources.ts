// The resources a pod asks of a node (k8s.io/component-helpers resource.PodRequests):
// regular containers add up; each init container needs its own request plus the
// sidecars started before it; sidecars (restartPolicy Always) also run alongside the
// main containers; the pod needs the larger of the two, plus spec.overhead.
import { cpuMillis, memoryBytes } from '../../kube/quantity.js';
import type { Container, Pod } from '../../kube/types.js';

export interface Resources {
  cpuMillis: number;
  memoryBytes: number;
}

/** What NodeResourcesFit scores with for a container that sets no request (schedutil). */
export const DEFAULT_CPU_REQUEST_MILLIS = 100;
export const DEFAULT_MEMORY_REQUEST_BYTES = 200 * 1024 * 1024;

type Requests = Record<string, string | number | undefined> | undefined;

function containerRequests(c: Container, nonZero: boolean): Resources {
  const req = c.resources?.requests as Requests;
  const cpu = req?.['cpu'];
  const mem = req?.['memory'];
  return {
    cpuMillis: cpu === undefined ? (nonZero ? DEFAULT_CPU_REQUEST_MILLIS : 0) : cpuMillis(cpu),
    memoryBytes: mem === undefined ? (nonZero ? DEFAULT_MEMORY_REQUEST_BYTES : 0) : memoryBytes(mem),
  };
}

/** Pod requests; `nonZero` substitutes the scoring defaults for unset container requests. */
export function podRequests(pod: Pod, nonZero = false): Resources {
  const spec = pod.spec;
  let cpu = 0;
  let mem = 0;
  for (const c of spec?.containers ?? []) {
    const r = containerRequests(c, nonZero);
    cpu += r.cpuMillis;
    mem += r.memoryBytes;
  }
  let sidecarCpu = 0;
  let sidecarMem = 0;
  let initCpu = 0;
  let initMem = 0;
  for (const c of spec?.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    let needCpu: number;
    let needMem: number;
    if (c.restartPolicy === 'Always') {
      cpu += r.cpuMillis;
      mem += r.memoryBytes;
      sidecarCpu += r.cpuMillis;
      sidecarMem += r.memoryBytes;
      needCpu = sidecarCpu;
      needMem = sidecarMem;
    } else {
      needCpu = r.cpuMillis + sidecarCpu;
      needMem = r.memoryBytes + sidecarMem;
    }
    initCpu = Math.max(initCpu, needCpu);
    initMem = Math.max(initMem, needMem);
  }
  cpu = Math.max(cpu, initCpu);
  mem = Math.max(mem, initMem);
  const overhead = spec?.overhead as Requests;
  if (overhead) {
    cpu += cpuMillis(overhead['cpu']);
    mem += memoryBytes(overhead['memory']);
  }
  return { cpuMillis: cpu, memoryBytes: mem };
}
