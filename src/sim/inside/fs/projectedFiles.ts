// The files of the volumes the kubelet writes from API objects (configMap, secret, projected,
// downwardAPI), as a read-only tree built when read: a ConfigMap changed later shows its new
// data on the next read (the kubelet's sync period is not modelled). Keys become files, or
// `items` pick them (key → path, mode); `defaultMode` (0644 when unset) gives the rest. Secret
// data is base64-decoded. The kubelet's `..data` symlink layout is not reproduced: files sit
// where they are read.
import { createHmac } from 'node:crypto';
import type { ConfigMap, Pod, Secret } from '../../../kube/types.js';
import { fieldRefValue } from '../../kubelet/downwardEnv.js';
import type { Store } from '../../store.js';
import { FsError, MemTree, splitPath } from './tree.js';

type Volume = NonNullable<NonNullable<Pod['spec']>['volumes']>[number];
type KeyToPath = { key: string; path: string; mode?: number };

export const DEFAULT_VOLUME_MODE = 0o644;
/** Generated volumes are small API objects (ConfigMaps and Secrets are capped at 1 MiB each). */
const GENERATED_CAPACITY = 64 * 1024 * 1024;

interface Put {
  path: string;
  data: Buffer;
  mode: number;
}

function fromData(data: Record<string, Buffer>, items: readonly KeyToPath[] | undefined, mode: number): Put[] | undefined {
  if (!items || items.length === 0) return Object.entries(data).map(([k, v]) => ({ path: k, data: v, mode }));
  const out: Put[] = [];
  for (const it of items) {
    const v = data[it.key];
    if (v === undefined) return undefined;
    out.push({ path: it.path, data: v, mode: it.mode ?? mode });
  }
  return out;
}

const configMapData = (cm: ConfigMap): Record<string, Buffer> => {
  const out: Record<string, Buffer> = {};
  for (const [k, v] of Object.entries(cm.data ?? {})) out[k] = Buffer.from(v, 'utf8');
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) out[k] = Buffer.from(v, 'base64');
  return out;
};

const secretData = (s: Secret): Record<string, Buffer> => {
  const out: Record<string, Buffer> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) out[k] = Buffer.from(v, 'base64');
  return out;
};

export interface ProjectionContext {
  readonly store: Store;
  readonly pod: Pod;
  readonly nowMs: number;
  readonly podIP: string;
  readonly hostIP: string;
}

/** A service account token as the kubelet's token manager requests it: a JWT (signed with the simulator's own key). */
export function serviceAccountToken(ctx: ProjectionContext, expirationSeconds: number, audience: string | undefined): string {
  const pod = ctx.pod;
  const ns = pod.metadata?.namespace ?? 'default';
  const saName = pod.spec?.serviceAccountName ?? 'default';
  const sa = ctx.store.get('ServiceAccount', ns, saName);
  const iat = Math.floor(ctx.nowMs / 1000);
  const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = b64({ alg: 'RS256', kid: 'podscope-sim' });
  const claims = b64({
    aud: [audience ?? 'https://kubernetes.default.svc.cluster.local'],
    exp: iat + expirationSeconds,
    iat,
    iss: 'https://kubernetes.default.svc.cluster.local',
    'kubernetes.io': {
      namespace: ns,
      node: { name: pod.spec?.nodeName ?? '' },
      pod: { name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
      serviceaccount: { name: saName, uid: sa?.metadata?.uid ?? '' },
    },
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${saName}`,
  });
  const sig = createHmac('sha256', 'podscope-simulated-token').update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${sig}`;
}

/** The files of one generated volume, or undefined when the volume is not one of these kinds. */
function volumeFiles(v: Volume, ctx: ProjectionContext): Put[] | undefined {
  const ns = ctx.pod.metadata?.namespace ?? 'default';
  if (v.configMap) {
    const cm = ctx.store.get('ConfigMap', ns, v.configMap.name ?? '');
    return cm ? (fromData(configMapData(cm), v.configMap.items, v.configMap.defaultMode ?? DEFAULT_VOLUME_MODE) ?? []) : [];
  }
  if (v.secret) {
    const s = ctx.store.get('Secret', ns, v.secret.secretName ?? '');
    return s ? (fromData(secretData(s), v.secret.items, v.secret.defaultMode ?? DEFAULT_VOLUME_MODE) ?? []) : [];
  }
  if (v.projected) {
    const mode = v.projected.defaultMode ?? DEFAULT_VOLUME_MODE;
    const out: Put[] = [];
    for (const src of v.projected.sources ?? []) {
      if (src.configMap) {
        const cm = ctx.store.get('ConfigMap', ns, src.configMap.name ?? '');
        if (cm) out.push(...(fromData(configMapData(cm), src.configMap.items, mode) ?? []));
      } else if (src.secret) {
        const s = ctx.store.get('Secret', ns, src.secret.name ?? '');
        if (s) out.push(...(fromData(secretData(s), src.secret.items, mode) ?? []));
      } else if (src.serviceAccountToken) {
        const t = src.serviceAccountToken;
        out.push({ path: t.path, data: Buffer.from(serviceAccountToken(ctx, t.expirationSeconds ?? 3607, t.audience)), mode });
      } else if (src.downwardAPI) {
        out.push(...downwardFiles(src.downwardAPI.items ?? [], ctx, mode));
      }
    }
    return out;
  }
  if (v.downwardAPI) return downwardFiles(v.downwardAPI.items ?? [], ctx, v.downwardAPI.defaultMode ?? DEFAULT_VOLUME_MODE);
  return undefined;
}

type DownwardItem = { path: string; mode?: number; fieldRef?: { fieldPath: string } };

function downwardFiles(items: readonly DownwardItem[], ctx: ProjectionContext, mode: number): Put[] {
  const out: Put[] = [];
  const source = { pod: ctx.pod, podIP: ctx.podIP, hostIP: ctx.hostIP, allocatable: undefined };
  for (const it of items) {
    const text = it.fieldRef ? fieldRefValue(source, it.fieldRef.fieldPath) : undefined;
    if (text !== undefined) out.push({ path: it.path, data: Buffer.from(text), mode: it.mode ?? mode });
  }
  return out;
}

/** True for the volume kinds built here. */
export const isGeneratedVolume = (v: Volume): boolean => !!(v.configMap || v.secret || v.projected || v.downwardAPI);

/** The volume's files as a fresh tree (read-only for the container). */
export function generatedTree(v: Volume, ctx: ProjectionContext): MemTree {
  const tree = new MemTree(GENERATED_CAPACITY, ctx.nowMs);
  for (const put of volumeFiles(v, ctx) ?? []) {
    const names = splitPath(put.path);
    if (names.length === 0) continue;
    try {
      tree.mkdir(names.slice(0, -1), ctx.nowMs, true);
      tree.writeFile(names, put.data, { mode: put.mode, mtimeMs: ctx.nowMs });
    } catch (err) {
      if (!(err instanceof FsError)) throw err;
    }
  }
  return tree;
}
