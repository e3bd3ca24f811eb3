// Object shapes as the apiserver's JSON decoding enforces them: a field the simulator reads
// must have the Go type k8s.io/api declares for it (a list stays a list, an int32 an integer),
// else the write is refused before it reaches the engine. The first mismatch in document
// order is reported in encoding/json's words:
//   json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32
// Fields the simulator never reads are not described here and pass as they are.
import type { Kind } from '../../kube/types.js';

type Scalar = 'string' | 'int32' | 'int64' | 'bool' | 'time' | 'quantity' | 'intOrString' | 'bytes';
type Shape =
  | { t: Scalar }
  | { t: 'struct'; go: string; fields: () => Record<string, Shape> }
  | { t: 'slice'; of: Shape }
  | { t: 'map'; of: Shape };

const str: Shape = { t: 'string' };
const i32: Shape = { t: 'int32' };
const i64: Shape = { t: 'int64' };
const bool: Shape = { t: 'bool' };
const time: Shape = { t: 'time' };
const quantity: Shape = { t: 'quantity' };
const intOrString: Shape = { t: 'intOrString' };
const strings: Shape = { t: 'slice', of: str };
/** []byte: a base64 string on the wire. */
const bytes: Shape = { t: 'bytes' };
const stringMap: Shape = { t: 'map', of: str };
const struct = (go: string, fields: () => Record<string, Shape>): Shape => ({ t: 'struct', go, fields });
const slice = (of: Shape): Shape => ({ t: 'slice', of });

const keyToPath = struct('v1.KeyToPath', () => ({ key: str, path: str, mode: i32 }));
const ownerReference = struct('v1.OwnerReference', () => ({ apiVersion: str, kind: str, name: str, uid: str, controller: bool, blockOwnerDeletion: bool }));
const objectMeta = struct('v1.ObjectMeta', () => ({
  name: str,
  generateName: str,
  namespace: str,
  uid: str,
  resourceVersion: str,
  generation: i64,
  creationTimestamp: time,
  deletionTimestamp: time,
  deletionGracePeriodSeconds: i64,
  labels: stringMap,
  annotations: stringMap,
  ownerReferences: slice(ownerReference),
  finalizers: strings,
}));
const labelSelector = struct('v1.LabelSelector', () => ({
  matchLabels: stringMap,
  matchExpressions: slice(struct('v1.LabelSelectorRequirement', () => ({ key: str, operator: str, values: strings }))),
}));
const resources = struct('v1.ResourceRequirements', () => ({ limits: { t: 'map', of: quantity }, requests: { t: 'map', of: quantity } }));
const probe = struct('v1.Probe', () => ({
  exec: struct('v1.ExecAction', () => ({ command: strings })),
  httpGet: struct('v1.HTTPGetAction', () => ({
    path: str,
    port: intOrString,
    host: str,
    scheme: str,
    httpHeaders: slice(struct('v1.HTTPHeader', () => ({ name: str, value: str }))),
  })),
  tcpSocket: struct('v1.TCPSocketAction', () => ({ port: intOrString, host: str })),
  grpc: struct('v1.GRPCAction', () => ({ port: i32, service: str })),
  initialDelaySeconds: i32,
  timeoutSeconds: i32,
  periodSeconds: i32,
  successThreshold: i32,
  failureThreshold: i32,
  terminationGracePeriodSeconds: i64,
}));
const container = struct('v1.Container', () => ({
  name: str,
  image: str,
  command: strings,
  args: strings,
  workingDir: str,
  ports: slice(struct('v1.ContainerPort', () => ({ name: str, hostPort: i32, containerPort: i32, protocol: str, hostIP: str }))),
  env: slice(
    struct('v1.EnvVar', () => ({
      name: str,
      value: str,
      valueFrom: struct('v1.EnvVarSource', () => ({
        configMapKeyRef: struct('v1.ConfigMapKeySelector', () => ({ name: str, key: str, optional: bool })),
        secretKeyRef: struct('v1.SecretKeySelector', () => ({ name: str, key: str, optional: bool })),
      })),
    })),
  ),
  envFrom: slice(
    struct('v1.EnvFromSource', () => ({
      prefix: str,
      configMapRef: struct('v1.ConfigMapEnvSource', () => ({ name: str, optional: bool })),
      secretRef: struct('v1.SecretEnvSource', () => ({ name: str, optional: bool })),
    })),
  ),
  resources,
  volumeMounts: slice(struct('v1.VolumeMount', () => ({ name: str, readOnly: bool, mountPath: str, subPath: str }))),
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
  imagePullPolicy: str,
  restartPolicy: str,
  stdin: bool,
  tty: bool,
}));
const toleration = struct('v1.Toleration', () => ({ key: str, operator: str, value: str, effect: str, tolerationSeconds: i64 }));
const podSpec = struct('v1.PodSpec', () => ({
  volumes: slice(
    struct('v1.Volume', () => ({
      name: str,
      configMap: struct('v1.ConfigMapVolumeSource', () => ({ name: str, items: slice(keyToPath), defaultMode: i32, optional: bool })),
      secret: struct('v1.SecretVolumeSource', () => ({ secretName: str, items: slice(keyToPath), defaultMode: i32, optional: bool })),
      projected: struct('v1.ProjectedVolumeSource', () => ({
        defaultMode: i32,
        sources: slice(
          struct('v1.VolumeProjection', () => ({
            configMap: struct('v1.ConfigMapProjection', () => ({ name: str, items: slice(keyToPath), optional: bool })),
            secret: struct('v1.SecretProjection', () => ({ name: str, items: slice(keyToPath), optional: bool })),
          })),
        ),
      })),
      downwardAPI: struct('v1.DownwardAPIVolumeSource', () => ({ defaultMode: i32 })),
      persistentVolumeClaim: struct('v1.PersistentVolumeClaimVolumeSource', () => ({ claimName: str, readOnly: bool })),
    })),
  ),
  initContainers: slice(container),
  containers: slice(container),
  ephemeralContainers: slice(container),
  restartPolicy: str,
  terminationGracePeriodSeconds: i64,
  activeDeadlineSeconds: i64,
  nodeSelector: stringMap,
  serviceAccountName: str,
  serviceAccount: str,
  automountServiceAccountToken: bool,
  nodeName: str,
  hostNetwork: bool,
  schedulerName: str,
  tolerations: slice(toleration),
  priorityClassName: str,
  priority: i32,
  preemptionPolicy: str,
}));
const condition = (go: string): Shape =>
  struct(go, () => ({ type: str, status: str, lastProbeTime: time, lastTransitionTime: time, lastUpdateTime: time, reason: str, message: str }));
const containerState = struct('v1.ContainerState', () => ({
  waiting: struct('v1.ContainerStateWaiting', () => ({ reason: str, message: str })),
  running: struct('v1.ContainerStateRunning', () => ({ startedAt: time })),
  terminated: struct('v1.ContainerStateTerminated', () => ({ exitCode: i32, signal: i32, reason: str, message: str, startedAt: time, finishedAt: time })),
}));
const containerStatus = struct('v1.ContainerStatus', () => ({
  name: str,
  state: containerState,
  lastState: containerState,
  ready: bool,
  restartCount: i32,
  image: str,
  imageID: str,
  containerID: str,
  started: bool,
}));
const podStatus = struct('v1.PodStatus', () => ({
  phase: str,
  conditions: slice(condition('v1.PodCondition')),
  message: str,
  reason: str,
  nominatedNodeName: str,
  hostIP: str,
  podIP: str,
  startTime: time,
  initContainerStatuses: slice(containerStatus),
  containerStatuses: slice(containerStatus),
  qosClass: str,
}));
const podTemplate = struct('v1.PodTemplateSpec', () => ({ metadata: objectMeta, spec: podSpec }));
const workloadStatus = (go: string, condGo: string): Shape =>
  struct(go, () => ({
    observedGeneration: i64,
    replicas: i32,
    updatedReplicas: i32,
    readyReplicas: i32,
    availableReplicas: i32,
    unavailableReplicas: i32,
    currentReplicas: i32,
    fullyLabeledReplicas: i32,
    conditions: slice(condition(condGo)),
  }));
const jobSpec = struct('v1.JobSpec', () => ({
  parallelism: i32,
  completions: i32,
  activeDeadlineSeconds: i64,
  backoffLimit: i32,
  completionMode: str,
  suspend: bool,
  ttlSecondsAfterFinished: i32,
  selector: labelSelector,
  manualSelector: bool,
  template: podTemplate,
}));

/** The top-level struct of each kind: its Go name and the fields the simulator reads. */
const KIND_SHAPES: Partial<Record<Kind, Shape>> = {
  Secret: struct('v1.Secret', () => ({ metadata: objectMeta, data: { t: 'map', of: bytes }, stringData: stringMap, type: str, immutable: bool })),
  Pod: struct('v1.Pod', () => ({ metadata: objectMeta, spec: podSpec, status: podStatus })),
  Service: struct('v1.Service', () => ({
    metadata: objectMeta,
    spec: struct('v1.ServiceSpec', () => ({
      type: str,
      selector: stringMap,
      clusterIP: str,
      clusterIPs: strings,
      externalName: str,
      externalIPs: strings,
      loadBalancerIP: str,
      publishNotReadyAddresses: bool,
      allocateLoadBalancerNodePorts: bool,
      sessionAffinity: str,
      externalTrafficPolicy: str,
      internalTrafficPolicy: str,
      ports: slice(
        struct('v1.ServicePort', () => ({ name: str, protocol: str, appProtocol: str, port: i32, targetPort: intOrString, nodePort: i32 })),
      ),
    })),
  })),
  Deployment: struct('v1.Deployment', () => ({
    metadata: objectMeta,
    spec: struct('v1.DeploymentSpec', () => ({
      replicas: i32,
      selector: labelSelector,
      template: podTemplate,
      minReadySeconds: i32,
      revisionHistoryLimit: i32,
      paused: bool,
      progressDeadlineSeconds: i32,
      strategy: struct('v1.DeploymentStrategy', () => ({ type: str })),
    })),
    status: workloadStatus('v1.DeploymentStatus', 'v1.DeploymentCondition'),
  })),
  ReplicaSet: struct('v1.ReplicaSet', () => ({
    metadata: objectMeta,
    spec: struct('v1.ReplicaSetSpec', () => ({ replicas: i32, minReadySeconds: i32, selector: labelSelector, template: podTemplate })),
    status: workloadStatus('v1.ReplicaSetStatus', 'v1.ReplicaSetCondition'),
  })),
  StatefulSet: struct('v1.StatefulSet', () => ({
    metadata: objectMeta,
    spec: struct('v1.StatefulSetSpec', () => ({
      replicas: i32,
      selector: labelSelector,
      template: podTemplate,
      serviceName: str,
      podManagementPolicy: str,
      minReadySeconds: i32,
      revisionHistoryLimit: i32,
    })),
    status: workloadStatus('v1.StatefulSetStatus', 'v1.StatefulSetCondition'),
  })),
  DaemonSet: struct('v1.DaemonSet', () => ({
    metadata: objectMeta,
    spec: struct('v1.DaemonSetSpec', () => ({ selector: labelSelector, template: podTemplate, minReadySeconds: i32, revisionHistoryLimit: i32 })),
    status: struct('v1.DaemonSetStatus', () => ({
      currentNumberScheduled: i32,
      numberMisscheduled: i32,
      desiredNumberScheduled: i32,
      numberReady: i32,
      observedGeneration: i64,
      updatedNumberScheduled: i32,
      numberAvailable: i32,
      numberUnavailable: i32,
    })),
  })),
  Job: struct('v1.Job', () => ({
    metadata: objectMeta,
    spec: jobSpec,
    status: struct('v1.JobStatus', () => ({
      conditions: slice(condition('v1.JobCondition')),
      startTime: time,
      completionTime: time,
      active: i32,
      succeeded: i32,
      failed: i32,
      ready: i32,
    })),
  })),
  CronJob: struct('v1.CronJob', () => ({
    metadata: objectMeta,
    spec: struct('v1.CronJobSpec', () => ({
      schedule: str,
      timeZone: str,
      startingDeadlineSeconds: i64,
      concurrencyPolicy: str,
      suspend: bool,
      jobTemplate: struct('v1.JobTemplateSpec', () => ({ metadata: objectMeta, spec: jobSpec })),
      successfulJobsHistoryLimit: i32,
      failedJobsHistoryLimit: i32,
    })),
    status: struct('v1.CronJobStatus', () => ({ lastScheduleTime: time, lastSuccessfulTime: time })),
  })),
  Namespace: struct('v1.Namespace', () => ({
    metadata: objectMeta,
    spec: struct('v1.NamespaceSpec', () => ({ finalizers: strings })),
    status: struct('v1.NamespaceStatus', () => ({ phase: str })),
  })),
  Node: struct('v1.Node', () => ({
    metadata: objectMeta,
    spec: struct('v1.NodeSpec', () => ({
      podCIDR: str,
      unschedulable: bool,
      taints: slice(struct('v1.Taint', () => ({ key: str, value: str, effect: str, timeAdded: time }))),
    })),
    status: struct('v1.NodeStatus', () => ({ capacity: { t: 'map', of: quantity }, allocatable: { t: 'map', of: quantity }, conditions: slice(condition('v1.NodeCondition')) })),
  })),
  Event: struct('v1.Event', () => ({
    metadata: objectMeta,
    involvedObject: struct('v1.ObjectReference', () => ({ kind: str, namespace: str, name: str, uid: str, apiVersion: str, resourceVersion: str, fieldPath: str })),
    reason: str,
    message: str,
    type: str,
    count: i32,
    firstTimestamp: time,
    lastTimestamp: time,
    source: struct('v1.EventSource', () => ({ component: str, host: str })),
  })),
};

export type ShapePathSegment = string | number;

export interface ShapeError {
  /** Where the bad value sits, keys and list indices from the object's root. */
  path: ShapePathSegment[];
  /** The apiserver's path notation (`spec.containers[0].ports[0].containerPort`). */
  field: string;
  value: unknown;
  /** encoding/json's (or the custom unmarshaller's) words for it. */
  message: string;
}

const INT_RANGE: Record<'int32' | 'int64', [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** What encoding/json calls a JSON value in an UnmarshalTypeError ("number 1.5" for a number that does not fit). */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  return 'string';
}

const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

function fieldOf(path: ShapePathSegment[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

interface Walk {
  path: ShapePathSegment[];
  /** JSON keys of struct fields only, as encoding/json's error context keeps them. */
  goFields: string[];
  /** The innermost struct's Go name without its package. */
  goStruct: string;
}

function typeError(w: Walk, value: unknown, valueKind: string, goType: string): ShapeError {
  return {
    path: w.path,
    field: fieldOf(w.path),
    value,
    message: `json: cannot unmarshal ${valueKind} into Go struct field ${w.goStruct}.${w.goFields.join('.')} of type ${goType}`,
  };
}

function check(shape: Shape, value: unknown, w: Walk): ShapeError | undefined {
  if (value === null || value === undefined) return undefined;
  switch (shape.t) {
    case 'string':
      return typeof value === 'string' ? undefined : typeError(w, value, jsonKind(value), 'string');
    case 'bool':
      return typeof value === 'boolean' ? undefined : typeError(w, value, jsonKind(value), 'bool');
    case 'int32':
    case 'int64': {
      if (typeof value !== 'number') return typeError(w, value, jsonKind(value), shape.t);
      const [lo, hi] = INT_RANGE[shape.t];
      if (!Number.isInteger(value) || value < lo || value > hi) return typeError(w, value, `number ${value}`, shape.t);
      return undefined;
    }
    case 'bytes': {
      if (typeof value !== 'string') return typeError(w, value, jsonKind(value), '[]uint8');
      const at = base64ErrorAt(value);
      return at === undefined ? undefined : { path: w.path, field: fieldOf(w.path), value, message: `illegal base64 data at input byte ${at}` };
    }
    case 'time':
      // metav1.Time unmarshals a JSON string (RFC 3339); anything else fails decoding into that string.
      if (typeof value === 'string') return undefined;
      return { path: w.path, field: fieldOf(w.path), value, message: `json: cannot unmarshal ${jsonKind(value)} into Go value of type string` };
    case 'intOrString':
      // IntOrString.UnmarshalJSON: a JSON string, else decoding into its int32.
      if (typeof value === 'string') return undefined;
      if (typeof value === 'number' && Number.isInteger(value) && value >= INT_RANGE.int32[0] && value <= INT_RANGE.int32[1]) return undefined;
      return { path: w.path, field: fieldOf(w.path), value, message: `json: cannot unmarshal ${typeof value === 'number' ? `number ${value}` : jsonKind(value)} into Go value of type int32` };
    case 'quantity':
      if ((typeof value === 'string' && QUANTITY.test(value.trim())) || (typeof value === 'number' && Number.isFinite(value))) return undefined;
      return { path: w.path, field: fieldOf(w.path), value, message: QUANTITY_ERROR };
    case 'slice': {
      if (!Array.isArray(value)) return typeError(w, value, jsonKind(value), `[]${goName(shape.of)}`);
      for (let i = 0; i < value.length; i++) {
        const err = check(shape.of, value[i], { ...w, path: [...w.path, i] });
        if (err) return err;
      }
      return undefined;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return typeError(w, value, jsonKind(value), `map[string]${goName(shape.of)}`);
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const err = check(shape.of, v, { ...w, path: [...w.path, k] });
        if (err) return err;
      }
      return undefined;
    }
    case 'struct': {
      if (typeof value !== 'object' || Array.isArray(value)) return typeError(w, value, jsonKind(value), shape.go);
      const fields = shape.fields();
      const inner = shape.go.slice(shape.go.indexOf('.') + 1);
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const fieldShape = Object.hasOwn(fields, k) ? fields[k] : undefined;
        if (!fieldShape) continue;
        const err = check(fieldShape, v, { path: [...w.path, k], goFields: [...w.goFields, k], goStruct: inner });
        if (err) return err;
      }
      return undefined;
    }
  }
}

function goName(shape: Shape): string {
  switch (shape.t) {
    case 'struct':
      return shape.go;
    case 'slice':
      return `[]${goName(shape.of)}`;
    case 'map':
      return `map[string]${goName(shape.of)}`;
    case 'time':
      return 'v1.Time';
    case 'intOrString':
      return 'intstr.IntOrString';
    case 'quantity':
      return 'resource.Quantity';
    case 'bytes':
      return '[]uint8';
    default:
      return shape.t;
  }
}

/**
 * Where Go's base64.StdEncoding.Decode stops on `s` (its CorruptInputError offset), or
 * undefined when it decodes: a character outside the alphabet, a quantum cut short (reported
 * at its start), or padding in the wrong place. CR and LF are skipped, as Go skips them.
 */
export function base64ErrorAt(s: string): number | undefined {
  const quantum: number[] = [];
  let padded = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\r' || c === '\n') continue;
    if (padded) return i;
    if (c === '=') {
      // Padding may only finish a quantum of two or three characters.
      if (quantum.length < 2) return i;
      quantum.push(i);
      if (quantum.length === 3) {
        let j = i + 1;
        while (j < s.length && (s[j] === '\r' || s[j] === '\n')) j++;
        if (s[j] !== '=') return j;
        i = j;
      }
      padded = true;
      quantum.length = 0;
      continue;
    }
    if (!/[A-Za-z0-9+/]/.test(c)) return i;
    quantum.push(i);
    if (quantum.length === 4) quantum.length = 0;
  }
  return quantum.length === 0 ? undefined : quantum[0];
}

/**
 * The first field whose JSON type the apiserver could not decode into `kind`'s Go struct, or
 * undefined when every field the simulator reads has its declared type.
 */
export function shapeError(kind: Kind, obj: unknown): ShapeError | undefined {
  const shape = KIND_SHAPES[kind];
  if (!shape || shape.t !== 'struct') return undefined;
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return { path: [], field: '', value: obj, message: `json: cannot unmarshal ${jsonKind(obj)} into Go value of type ${shape.go}` };
  }
  return check(shape, obj, { path: [], goFields: [], goStruct: shape.go.slice(shape.go.indexOf('.') + 1) });
}

/** Struct fields that k8s.io/api declares as pointers (nil when null); other structs are values. */
const POINTER_FIELDS = new Set(['valueFrom', 'configMapKeyRef', 'secretKeyRef', 'configMapRef', 'secretRef', 'configMap', 'secret', 'projected', 'downwardAPI', 'persistentVolumeClaim', 'selector', 'livenessProbe', 'readinessProbe', 'startupProbe', 'waiting', 'running', 'terminated', 'deletionTimestamp']);

function zeroOf(shape: Shape): unknown {
  switch (shape.t) {
    case 'struct':
    case 'map':
      return {};
    case 'slice':
      return [];
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int32':
    case 'int64':
      return 0;
    case 'quantity':
      // resource.Quantity decodes null as zero.
      return '0';
    default:
      return undefined;
  }
}

function fillNulls(shape: Shape, value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (shape.t === 'slice' && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const zero = value[i] === null ? zeroOf(shape.of) : undefined;
      if (zero !== undefined) value[i] = zero;
      fillNulls(shape.of, value[i]);
    }
  } else if (shape.t === 'map' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      const zero = obj[k] === null ? zeroOf(shape.of) : undefined;
      if (zero !== undefined) obj[k] = zero;
      fillNulls(shape.of, obj[k]);
    }
  } else if (shape.t === 'struct' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const fields = shape.fields();
    for (const k of Object.keys(obj)) {
      const f = Object.hasOwn(fields, k) ? fields[k] : undefined;
      if (!f) continue;
      if (obj[k] === null) {
        // A struct held by value decodes null as its zero value; pointers and scalars as absent.
        if (f.t === 'struct' && !POINTER_FIELDS.has(k)) obj[k] = {};
        else delete obj[k];
      } else fillNulls(f, obj[k]);
    }
  }
}

/**
 * What decoding does with JSON nulls, in place on a decoded (private) object: a null list item
 * or map value becomes its type's zero value (`ports: [null]` is one port with no fields, to be
 * refused by validation), a null field is absent. Call after shapeError found nothing.
 */
export function decodeNulls(kind: Kind, obj: unknown): void {
  const shape = KIND_SHAPES[kind];
  if (shape) fillNulls(shape, obj);
}

/** The 400 message of a create or update whose body does not decode: `Pod in version "v1" cannot be handled as a Pod: …`. */
export function decodeFailureMessage(kind: Kind, version: string, err: ShapeError): string {
  return `${kind} in version "${version}" cannot be handled as a ${kind}: ${err.message}`;
}

/**
 * A decoded JSON value as Go's fmt prints it with %+v (maps with sorted keys, `map[k:v]`,
 * slices `[a b]`, nil `<nil>`): the value the apiserver quotes for a strategic merge patch
 * that does not decode.
 */
export function goPlusV(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goPlusV).join(' ')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `map[${keys.map((k) => `${k}:${goPlusV((value as Record<string, unknown>)[k])}`).join(' ')}]`;
  }
  return String(value);
}
