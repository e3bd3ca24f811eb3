// Pod defaulting as a 1.33 apiserver does it: the core/v1 defaulters (pkg/apis/core/v1/defaults.go)
// for every pod spec, pod templates included, then — for Pods only — SetDefaults_Pod and the
// admission plugins ServiceAccount, DefaultTolerationSeconds and Priority.
import { ApiError } from '../../kube/apiError.js';
import type { Container, Pod, PodSpec, Probe, Toleration } from '../../kube/types.js';
import type { Random } from '../random.js';

type Handler = NonNullable<Probe['httpGet']>;
type Volume = NonNullable<PodSpec['volumes']>[number];

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const DEFAULT_TOLERATION_SECONDS = 300;
const DEFAULT_FILE_MODE = 420; // 0644
/** The two built-in PriorityClasses; any other name must exist as an object, which the simulator has none of. */
const SYSTEM_PRIORITIES: Readonly<Record<string, number>> = {
  'system-cluster-critical': 2000000000,
  'system-node-critical': 2000001000,
};

/** `latest` or no tag (and no digest) → Always, else IfNotPresent. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return 'Always';
  return image.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultHttpGet(h: Handler | undefined): void {
  if (!h) return;
  if (!h.path) h.path = '/';
  if (!h.scheme) h.scheme = 'HTTP';
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  defaultHttpGet(p.httpGet);
  // SetDefaults_GRPCAction: an unset service is "" (kubectl describe dereferences it).
  if (p.grpc) p.grpc.service ??= '';
}

function defaultContainer(c: Container): void {
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  if (!c.imagePullPolicy && c.image) c.imagePullPolicy = defaultPullPolicy(c.image);
  c.resources ??= {};
  for (const port of c.ports ?? []) port.protocol ||= 'TCP';
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHttpGet(c.lifecycle?.postStart?.httpGet);
  defaultHttpGet(c.lifecycle?.preStop?.httpGet);
  for (const env of c.env ?? []) {
    const ref = env.valueFrom?.fieldRef;
    if (ref) ref.apiVersion ||= 'v1';
  }
}

function defaultVolume(v: Volume): void {
  if (v.secret) v.secret.defaultMode ??= DEFAULT_FILE_MODE;
  if (v.configMap) v.configMap.defaultMode ??= DEFAULT_FILE_MODE;
  if (v.projected) v.projected.defaultMode ??= DEFAULT_FILE_MODE;
  if (v.downwardAPI) v.downwardAPI.defaultMode ??= DEFAULT_FILE_MODE;
  if (v.hostPath) v.hostPath.type ??= '';
  const sources = Object.keys(v).filter((k) => k !== 'name');
  if (sources.length === 0) v.emptyDir = {};
}

/** SetDefaults_PodSpec and the per-container defaulters: what a pod template gets too. Mutates `spec`. */
export function defaultPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

/** SetDefaults_Pod: a missing request takes its limit's value (Pods only, not templates). */
function defaultRequestsFromLimits(c: Container): void {
  const limits = c.resources?.limits;
  if (!limits) return;
  const requests = (c.resources!.requests ??= {});
  for (const [name, value] of Object.entries(limits)) {
    if (!(name in requests)) requests[name] = value;
  }
}

/**
 * The ServiceAccount admission plugin: service account "default" and the projected token
 * volume. A pod that already has a kube-api-access-* volume (a copy, as `kubectl debug
 * --copy-to` sends) keeps it; containers without a mount at the token path get one, and a new
 * volume is added only when none existed and some container needed it (mountServiceAccountToken).
 */
function admitServiceAccount(spec: PodSpec, random: Random): void {
  const account = spec.serviceAccountName || spec.serviceAccount || 'default';
  spec.serviceAccountName = account;
  spec.serviceAccount = account;
  if (spec.automountServiceAccountToken === false) return;
  const existing = spec.volumes?.find((v) => typeof v.name === 'string' && v.name.startsWith('kube-api-access-'));
  const name = existing?.name ?? `kube-api-access-${random.suffix(5)}`;
  const mount = { name, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH };
  let needsVolume = false;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if (c.volumeMounts?.some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) continue;
    c.volumeMounts = [...(c.volumeMounts ?? []), { ...mount }];
    needsVolume = true;
  }
  if (existing || !needsVolume) return;
  spec.volumes = [
    ...(spec.volumes ?? []),
    {
      name,
      projected: {
        defaultMode: DEFAULT_FILE_MODE,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    },
  ];
}

function tolerates(tolerations: Toleration[], key: string): boolean {
  return tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
}

/** DefaultTolerationSeconds: tolerate not-ready and unreachable nodes for 5 minutes unless the pod says otherwise. */
function admitDefaultTolerations(spec: PodSpec): void {
  const existing = spec.tolerations ?? [];
  const added: Toleration[] = [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(existing, key)) {
      added.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
    }
  }
  if (added.length) spec.tolerations = [...existing, ...added];
}

/** Priority admission: no global default PriorityClass exists, so priority 0 unless a system class is named. */
function admitPriority(pod: Pod): void {
  const spec = pod.spec!;
  const className = spec.priorityClassName;
  if (className) {
    const value = SYSTEM_PRIORITIES[className];
    if (value === undefined) {
      throw new ApiError(403, 'Forbidden', `pods "${pod.metadata?.name ?? ''}" is forbidden: no PriorityClass with name ${className} was found`, {
        name: pod.metadata?.name,
        kind: 'pods',
      });
    }
    spec.priority = value;
  } else {
    spec.priority ??= 0;
  }
  spec.preemptionPolicy ||= 'PreemptLowerPriority';
}

/** The scheme's defaulters alone, as a PUT body gets them before ValidatePodUpdate (no admission). Mutates `pod`. */
export function defaultPodBody(pod: Pod): void {
  const spec = (pod.spec ??= { containers: [] });
  defaultPodSpec(spec);
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) defaultRequestsFromLimits(c);
  spec.enableServiceLinks ??= true;
}

/** Every default a new Pod gets, in the apiserver's order (defaulters, then admission). Mutates `pod`. */
export function defaultPod(pod: Pod, random: Random): void {
  const spec = (pod.spec ??= { containers: [] });
  defaultPodSpec(spec);
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) defaultRequestsFromLimits(c);
  spec.enableServiceLinks ??= true;
  admitServiceAccount(spec, random);
  admitDefaultTolerations(spec);
  admitPriority(pod);
}
