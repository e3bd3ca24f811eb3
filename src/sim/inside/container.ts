// One running container as the inside sees it: its pod, spec, image, files, environment, user
// and network identity, assembled from the store and its kubelet's record when a process starts
// in it (or a connection reaches it).
import { ApiError } from '../../kube/apiError.js';
import type { Container, Pod } from '../../kube/types.js';
import { behaviourOf, type ContainerBehaviour } from './behaviourOf.js';
import type { PodWorker } from '../kubelet/podWorker.js';
import { ContainerFs } from './fs/containerFs.js';
import { hostnameText } from './fs/etcFiles.js';
import type { InsideDeps } from './deps.js';
import { containerMounts } from './fs/mounts.js';
import { applyWrites } from './fs/commandWrites.js';
import { imageInside, type ImageInside } from './image.js';
import { NGINX_50X_HTML, NGINX_INDEX_HTML } from './servers/nginxPages.js';

export type { InsideDeps };

export interface ContainerInside {
  readonly pod: Pod;
  readonly namespace: string;
  readonly podName: string;
  readonly spec: Container;
  readonly image: ImageInside;
  readonly fs: ContainerFs;
  /** The process environment (image ENV, HOSTNAME, the kubelet's variables, HOME). */
  readonly env: ReadonlyMap<string, string>;
  readonly uid: number;
  readonly gid: number;
  readonly hostname: string;
  readonly podIP: string;
  readonly containerID: string;
  readonly startedMs: number;
  readonly behaviour: ContainerBehaviour | undefined;
  readonly worker: PodWorker;
}

const notFound = (name: string): ApiError => new ApiError(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' });

/** The pod's worker, or the apiserver's / kubelet's refusal (the order the apiserver checks in). */
export function runningPod(deps: InsideDeps, namespace: string, name: string, verb: 'exec' | 'attach' = 'exec'): { pod: Pod; worker: PodWorker } {
  const pod = deps.store.get('Pod', namespace, name);
  if (!pod) throw notFound(name);
  const node = pod.spec?.nodeName;
  if (!node) throw new ApiError(400, 'BadRequest', `pod ${name} does not have a host assigned`);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new ApiError(400, 'BadRequest', verb === 'exec' ? `cannot exec into a container in a completed pod; current phase is ${phase}` : `cannot attach a container in a completed pod; current phase is ${phase}`);
  const worker = deps.kubelets.kubelet(node)?.worker(pod.metadata?.uid ?? '');
  // The node's kubelet does not answer (stopped node): the apiserver cannot reach it.
  if (!worker) throw new ApiError(500, 'InternalError', `error dialing backend: dial tcp: connect: connection refused`);
  return { pod, worker };
}

function idsOf(pod: Pod, c: Container): { uid: number; gid: number } {
  const p = pod.spec?.securityContext;
  const s = c.securityContext;
  return { uid: s?.runAsUser ?? p?.runAsUser ?? 0, gid: s?.runAsGroup ?? p?.runAsGroup ?? 0 };
}

function imageFiles(img: ImageInside): [string, string][] {
  if (img.family !== 'nginx') return [];
  return [
    ['/usr/share/nginx/html/index.html', NGINX_INDEX_HTML],
    ['/usr/share/nginx/html/50x.html', NGINX_50X_HTML],
  ];
}

/** The inside of `container` in a running pod; the kubelet's `container not found` when it does not run. */
export function containerInside(deps: InsideDeps, namespace: string, podName: string, container: string, verb: 'exec' | 'attach' = 'exec'): ContainerInside {
  const { pod, worker } = runningPod(deps, namespace, podName, verb);
  const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === container);
  if (!spec) throw new ApiError(400, 'BadRequest', `container ${container} is not valid for pod ${podName}`);
  const rec = worker.container(container);
  const s = rec?.state;
  if (!rec || (s?.is !== 'running' && s?.is !== 'stopping')) throw new ApiError(500, 'InternalError', `container not found ("${container}")`);
  return insideOf(deps, pod, worker, spec, rec.containerID, s.startedMs, rec.env);
}

function insideOf(deps: InsideDeps, pod: Pod, worker: PodWorker, spec: Container, containerID: string, startedMs: number, kubeletEnv: ReadonlyMap<string, string> | undefined): ContainerInside {
  deps.layers.prune((l) => deps.store.get('Pod', l.namespace, l.name)?.metadata?.uid === l.uid);
  const image = imageInside(spec.image ?? '');
  const { uid, gid } = idsOf(pod, spec);
  const hostname = hostnameText(pod);
  const nowMs = deps.clock.now();
  const mounts = containerMounts({ store: deps.store, layers: deps.layers, pod, container: spec, containerID, image, podIP: worker.podIP, hostIP: worker.hostIP, nowMs, imageFiles: imageFiles(image) });
  const env = new Map<string, string>(image.env);
  env.set('HOSTNAME', hostname);
  for (const [k, v] of kubeletEnv ?? []) env.set(k, v);
  if (!env.has('HOME')) env.set('HOME', uid === 0 ? '/root' : '/');
  const fs = new ContainerFs(mounts, uid, () => deps.clock.now(), () => applyWrites(deps, pod, worker));
  return {
    pod,
    namespace: pod.metadata?.namespace ?? 'default',
    podName: pod.metadata?.name ?? '',
    spec,
    image,
    fs,
    env,
    uid,
    gid,
    hostname,
    podIP: worker.podIP,
    containerID,
    startedMs,
    behaviour: behaviourOf(pod, spec),
    worker,
  };
}

/** Every running container of the pod (for the servers listening in its network namespace). */
export function runningContainers(deps: InsideDeps, pod: Pod, worker: PodWorker): ContainerInside[] {
  const out: ContainerInside[] = [];
  for (const spec of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    const rec = worker.container(spec.name);
    const s = rec?.state;
    if (!rec || (s?.is !== 'running' && s?.is !== 'stopping')) continue;
    out.push(insideOf(deps, pod, worker, spec, rec.containerID, s.startedMs, rec.env));
  }
  return out;
}
