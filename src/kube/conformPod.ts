// A pod as podscope reads it, whatever the server sent. A server (or a proxy, or a bug) can
// send JSON that parses but breaks the schema: `spec.nodeName: 5`, a name that is a number,
// `containers: {}`, `metadata: null`. Every view reads pods through this, so none of them
// has to guard each field: a value of the wrong type becomes INVALID where a string belongs
// (the cell shows it), and is dropped where a number, flag, time, object or list belongs
// (the view shows what it shows for a missing value). Copy-on-write: a well-formed pod is
// returned as it is, so the common case costs one walk and no allocation.
import type { Pod } from './types.js';

/** What a string field that held something else shows. */
export const INVALID = '<invalid>';

/** `name!`-style required fields (no `?` in the API types): missing or wrong, they get a value views can print. */
export type Required = 'string!' | 'number!' | 'bool!';
export type Shape = 'string' | 'number' | 'bool' | 'time' | 'stringMap' | 'any' | Required | { fields: Record<string, Shape> } | { list: Shape };

export const REQUIRED_DEFAULT: Record<Required, unknown> = { 'string!': INVALID, 'number!': 0, 'bool!': false };

const obj = (fields: Record<string, Shape>): { fields: Record<string, Shape> } => ({ fields });
const list = <T extends Shape>(of: T): { list: T } => ({ list: of });
const strings = list('string');

/**
 * The parts of a pod's schema, by name: the pod list's projection (podProjection.ts) picks its
 * fields from these same shapes, so a field is typed in one place for both.
 */
export const CONTAINER_STATE = obj({
  waiting: obj({ reason: 'string', message: 'string' }),
  running: obj({ startedAt: 'time' }),
  terminated: obj({ exitCode: 'number', signal: 'number', reason: 'string', message: 'string', startedAt: 'time', finishedAt: 'time', containerID: 'string' }),
});

export const CONTAINER_STATUS = obj({
  name: 'string!',
  image: 'string!',
  imageID: 'string!',
  containerID: 'string',
  ready: 'bool!',
  started: 'bool',
  restartCount: 'number!',
  state: CONTAINER_STATE,
  lastState: CONTAINER_STATE,
});

const probe = 'any';
export const CONTAINER = obj({
  name: 'string!',
  image: 'string',
  imagePullPolicy: 'string',
  command: strings,
  args: strings,
  workingDir: 'string',
  ports: list(obj({ name: 'string', containerPort: 'number!', hostPort: 'number', protocol: 'string', hostIP: 'string' })),
  env: list(obj({ name: 'string!', value: 'string', valueFrom: 'any' })),
  envFrom: list('any'),
  resources: obj({ limits: 'stringMap', requests: 'stringMap' }),
  volumeMounts: list(obj({ name: 'string!', mountPath: 'string!', subPath: 'string', readOnly: 'bool' })),
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
  lifecycle: 'any',
  restartPolicy: 'string',
  securityContext: 'any',
  stdin: 'bool',
  stdinOnce: 'bool',
  tty: 'bool',
});

export const VOLUME = obj({ name: 'string!', persistentVolumeClaim: 'any', configMap: 'any', secret: 'any' });
export const OWNER_REFERENCE = obj({ apiVersion: 'string!', kind: 'string!', name: 'string!', uid: 'string!', controller: 'bool' });
export const TOLERATION = obj({ key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: 'number' });
export const READINESS_GATE = obj({ conditionType: 'string!' });
export const SCHEDULING_GATE = obj({ name: 'string!' });
export const POD_IP = obj({ ip: 'string!' });
export const POD_CONDITION = obj({ type: 'string!', status: 'string!', reason: 'string', message: 'string', lastProbeTime: 'time', lastTransitionTime: 'time' });

export const POD_METADATA = obj({
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  uid: 'string',
  resourceVersion: 'string',
  creationTimestamp: 'time',
  deletionTimestamp: 'time',
  deletionGracePeriodSeconds: 'number',
  labels: 'stringMap',
  annotations: 'stringMap',
  ownerReferences: list(OWNER_REFERENCE),
  finalizers: strings,
});

export const POD_SPEC = obj({
  nodeName: 'string',
  nodeSelector: 'stringMap',
  serviceAccountName: 'string',
  restartPolicy: 'string',
  priority: 'number',
  priorityClassName: 'string',
  schedulerName: 'string',
  terminationGracePeriodSeconds: 'number',
  activeDeadlineSeconds: 'number',
  hostNetwork: 'bool',
  containers: list(CONTAINER),
  initContainers: list(CONTAINER),
  ephemeralContainers: list(CONTAINER),
  volumes: list(VOLUME),
  tolerations: list(TOLERATION),
  readinessGates: list(READINESS_GATE),
  schedulingGates: list(SCHEDULING_GATE),
  affinity: 'any',
  securityContext: 'any',
});

export const POD_STATUS = obj({
  phase: 'string',
  reason: 'string',
  message: 'string',
  nominatedNodeName: 'string',
  hostIP: 'string',
  podIP: 'string',
  podIPs: list(POD_IP),
  hostIPs: list(POD_IP),
  startTime: 'time',
  qosClass: 'string',
  conditions: list(POD_CONDITION),
  containerStatuses: list(CONTAINER_STATUS),
  initContainerStatuses: list(CONTAINER_STATUS),
  ephemeralContainerStatuses: list(CONTAINER_STATUS),
});

const POD = obj({ apiVersion: 'string', kind: 'string', metadata: POD_METADATA, spec: POD_SPEC, status: POD_STATUS });

/** What conform() answers for a value to leave out. */
export const DROP = Symbol('drop');
export type Out = unknown | typeof DROP;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value conformed to the shape: the same reference when it already fits. */
export function conform(value: unknown, shape: Shape): Out {
  if (value === undefined) return value;
  switch (shape) {
    case 'any':
      return value;
    case 'string!':
      return typeof value === 'string' ? value : INVALID;
    case 'number!':
      return typeof value === 'number' && Number.isFinite(value) ? value : 0;
    case 'bool!':
      return typeof value === 'boolean' ? value : false;
    case 'string':
      return typeof value === 'string' ? value : value === null ? DROP : INVALID;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : DROP;
    case 'bool':
      return typeof value === 'boolean' ? value : DROP;
    case 'time':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : DROP;
    case 'stringMap': {
      if (!isPlainObject(value)) return DROP;
      let out: Record<string, unknown> | undefined;
      for (const [k, v] of Object.entries(value)) {
        if (typeof v === 'string') continue;
        out ??= { ...value };
        out[k] = INVALID;
      }
      return out ?? value;
    }
  }
  if ('list' in shape) {
    if (!Array.isArray(value)) return DROP;
    let out: unknown[] | undefined;
    // An index loop, not forEach: a sparse array's holes must be seen (and left out).
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const c = conform(item, shape.list);
      // A list item that is not even the right kind of value (null, a number for a container) is left out.
      const keep = c !== DROP && c !== undefined;
      if (keep && c === item && out === undefined) continue;
      out ??= value.slice(0, i);
      if (keep) out.push(c);
    }
    return out ?? value;
  }
  if (!isPlainObject(value)) return DROP;
  let out: Record<string, unknown> | undefined;
  for (const [key, fieldShape] of Object.entries(shape.fields)) {
    if (!Object.hasOwn(value, key) || value[key] === undefined) {
      if (typeof fieldShape === 'string' && fieldShape in REQUIRED_DEFAULT) {
        out ??= { ...value };
        out[key] = REQUIRED_DEFAULT[fieldShape as Required];
      }
      continue;
    }
    const before = value[key];
    const after = conform(before, fieldShape);
    if (after === before) continue;
    out ??= { ...value };
    if (after === DROP) delete out[key];
    else out[key] = after;
  }
  return out ?? value;
}

/** The pod with every field podscope reads of the type the API declares (INVALID or absent otherwise). */
export function conformPod(raw: unknown): Pod {
  const c = conform(raw, POD);
  return (c === DROP || c === undefined ? {} : c) as Pod;
}
