// Pure facts about a pod's world for the pod view: each volume and whether it is mounted or
// why not (a missing ConfigMap/Secret/key as the kubelet words it, a missing, deleting or
// unbound claim), the Services whose selector matches the pod and whether its address is
// in their Endpoints right now (ready or not), and, for a pod on a node whose Ready
// condition is Unknown, since when and when taint-based eviction deletes the pod.
import type { Node, Pod, PodSpec } from '../kube/types.js';
import type { WorldLookup } from './podWorld.js';

type Volume = NonNullable<PodSpec['volumes']>[number];

export interface VolumeFact {
  name: string;
  /** `configMap nginx-conf`, `pvc data-db-0`, `emptyDir`, … */
  source: string;
  state: 'mounted' | 'waiting' | 'pending';
  /** Why it is not mounted, or what it is bound to. */
  detail: string;
}

function volumeSource(v: Volume): string {
  if (v.persistentVolumeClaim) return `pvc ${v.persistentVolumeClaim.claimName}`;
  if (v.configMap) return `configMap ${v.configMap.name ?? ''}`;
  if (v.secret) return `secret ${v.secret.secretName ?? ''}`;
  if (v.projected) return 'projected';
  const kind = Object.keys(v).find((k) => k !== 'name');
  return kind ?? 'unknown';
}

function configMapProblem(world: WorldLookup, name: string, items: readonly { key: string }[] | undefined, optional: boolean): string | undefined {
  const cm = world.configMap(name);
  if (!cm) return optional ? undefined : `configmap "${name}" not found`;
  for (const item of items ?? []) {
    if (!Object.hasOwn(cm.data ?? {}, item.key) && !Object.hasOwn(cm.binaryData ?? {}, item.key) && !optional) return `configmap references non-existent config key: ${item.key}`;
  }
  return undefined;
}

function secretProblem(world: WorldLookup, name: string, items: readonly { key: string }[] | undefined, optional: boolean): string | undefined {
  const s = world.secret(name);
  if (!s) return optional ? undefined : `secret "${name}" not found`;
  for (const item of items ?? []) if (!Object.hasOwn(s.data ?? {}, item.key) && !optional) return `references non-existent secret key: ${item.key}`;
  return undefined;
}

/** Why the volume cannot be set up now (undefined when nothing stands in its way), and what a claim is bound to. */
function volumeProblem(v: Volume, world: WorldLookup): { problem?: string; bound?: string } {
  if (v.persistentVolumeClaim) {
    const name = v.persistentVolumeClaim.claimName;
    const pvc = world.claim(name);
    if (!pvc) return { problem: `persistentvolumeclaim "${name}" not found` };
    if (pvc.metadata?.deletionTimestamp) return { problem: `persistentvolumeclaim "${name}" is being deleted` };
    if (pvc.status?.phase !== 'Bound') return { problem: `claim is ${pvc.status?.phase ?? 'Pending'} (unbound)` };
    return { bound: `bound to ${pvc.spec?.volumeName ?? ''}` };
  }
  if (v.configMap) return { problem: configMapProblem(world, v.configMap.name ?? '', v.configMap.items, v.configMap.optional === true) };
  if (v.secret) return { problem: secretProblem(world, v.secret.secretName ?? '', v.secret.items, v.secret.optional === true) };
  if (v.projected) {
    for (const src of v.projected.sources ?? []) {
      const p = src.configMap
        ? configMapProblem(world, src.configMap.name ?? '', src.configMap.items, src.configMap.optional === true)
        : src.secret
          ? secretProblem(world, src.secret.name ?? '', src.secret.items, src.secret.optional === true)
          : undefined;
      if (p) return { problem: p };
    }
  }
  return {};
}

/** The sandbox is up (PodReadyToStartContainers), so every volume was set up. */
function sandboxReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'PodReadyToStartContainers' && c.status === 'True') === true;
}

export function volumeFacts(pod: Pod, world: WorldLookup): VolumeFact[] {
  const ready = sandboxReady(pod);
  const scheduled = Boolean(pod.spec?.nodeName);
  return (pod.spec?.volumes ?? []).map((v) => {
    const { problem, bound } = volumeProblem(v, world);
    const source = volumeSource(v);
    if (ready) return { name: v.name, source, state: 'mounted', detail: bound ?? '' };
    if (problem) return { name: v.name, source, state: 'waiting', detail: problem };
    return { name: v.name, source, state: 'pending', detail: scheduled ? 'being set up' : 'waits for the pod to be scheduled' };
  });
}

export interface ServiceFact {
  name: string;
  type: string;
  clusterIP: string;
  ports: string;
  /** `ready`, `not ready` (notReadyAddresses) or `not in endpoints`. */
  endpoint: 'ready' | 'not ready' | 'not in endpoints';
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

export function serviceFacts(pod: Pod, world: WorldLookup): ServiceFact[] {
  const labels = pod.metadata?.labels ?? {};
  const uid = pod.metadata?.uid;
  const ip = pod.status?.podIP;
  const out: ServiceFact[] = [];
  for (const svc of world.services()) {
    if (!selects(svc.spec?.selector, labels)) continue;
    const ep = world.endpoints(svc.metadata?.name ?? '');
    const isPod = (a: { ip?: string; targetRef?: { uid?: string } }): boolean => (uid !== undefined && a.targetRef?.uid === uid) || (ip !== undefined && a.ip === ip);
    let endpoint: ServiceFact['endpoint'] = 'not in endpoints';
    for (const subset of ep?.subsets ?? []) {
      if ((subset.addresses ?? []).some(isPod)) endpoint = 'ready';
      else if (endpoint !== 'ready' && (subset.notReadyAddresses ?? []).some(isPod)) endpoint = 'not ready';
    }
    out.push({
      name: svc.metadata?.name ?? '',
      type: svc.spec?.type ?? 'ClusterIP',
      clusterIP: svc.spec?.clusterIP ?? '<none>',
      ports: (svc.spec?.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',') || '<none>',
      endpoint,
    });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface NodeReachability {
  node: string;
  /** When the node's Ready condition went Unknown. */
  sinceMs: number;
  /** When taint-based eviction deletes the pod; undefined when the pod tolerates the taint for ever. */
  evictAtMs: number | undefined;
}

const UNREACHABLE = 'node.kubernetes.io/unreachable';

/** For a pod on a node whose Ready condition is Unknown: since when, and when it is evicted. */
export function nodeReachability(pod: Pod, node: Node | undefined): NodeReachability | undefined {
  if (!node || !pod.spec?.nodeName) return undefined;
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status !== 'Unknown') return undefined;
  const sinceMs = Date.parse(ready.lastTransitionTime ?? '') || 0;
  const taint = node.spec?.taints?.find((t) => t.key === UNREACHABLE && t.effect === 'NoExecute');
  const added = Date.parse(taint?.timeAdded ?? '') || sinceMs;
  const toleration = pod.spec.tolerations?.find((t) => (t.key === UNREACHABLE || (t.key === undefined && t.operator === 'Exists')) && (t.effect === 'NoExecute' || t.effect === undefined));
  if (!taint) return { node: pod.spec.nodeName, sinceMs, evictAtMs: undefined };
  if (!toleration) return { node: pod.spec.nodeName, sinceMs, evictAtMs: added };
  if (toleration.tolerationSeconds === undefined || toleration.tolerationSeconds === null) return { node: pod.spec.nodeName, sinceMs, evictAtMs: undefined };
  return { node: pod.spec.nodeName, sinceMs, evictAtMs: added + Math.max(0, toleration.tolerationSeconds) * 1000 };
}

