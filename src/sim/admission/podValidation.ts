// The common mistakes ValidatePodSpec (k/k pkg/apis/core/validation/validation.go, 1.33) reports,
// with its field paths and messages. Runs after defaulting, as the apiserver does.
import { compareQuantities, QuantityError, quantityNanos } from '../../kube/quantity.js';
import type { Container, PodSpec, Probe } from '../../kube/types.js';
import { duplicate, forbidden, invalidValue, notFoundValue, notSupported, required, type FieldError } from './fieldErrors.js';
import { nameErrors } from './names.js';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const QUANTITY_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

type ContainerRole = 'container' | 'init' | 'sidecar';

function validateProbe(probe: Probe | undefined, path: string, mustSucceedOnce: boolean): FieldError[] {
  if (!probe) return [];
  const errs: FieldError[] = [];
  const handlers = [probe.exec, probe.httpGet, probe.tcpSocket, probe.grpc].filter((h) => h !== undefined);
  if (handlers.length === 0) errs.push(required(path, 'must specify a handler type'));
  else if (handlers.length > 1) errs.push(forbidden(path, 'may not specify more than 1 handler type'));
  if (mustSucceedOnce && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    errs.push(invalidValue(`${path}.successThreshold`, probe.successThreshold, 'must be 1'));
  }
  return errs;
}

function validQuantity(value: string | number): boolean {
  try {
    quantityNanos(value);
    return true;
  } catch (err) {
    if (err instanceof QuantityError) return false;
    throw err;
  }
}

function validateResources(c: Container, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const limits: Record<string, string> = c.resources?.limits ?? {};
  const requests: Record<string, string> = c.resources?.requests ?? {};
  const checkList = (list: Record<string, string>, listPath: string): void => {
    for (const name of Object.keys(list).sort()) {
      const value = list[name]!;
      if (!validQuantity(value)) errs.push(invalidValue(`${listPath}[${name}]`, value, QUANTITY_FORMAT));
      else if (quantityNanos(value) < 0n) errs.push(invalidValue(`${listPath}[${name}]`, value, 'must be greater than or equal to 0'));
    }
  };
  checkList(limits, `${path}.resources.limits`);
  checkList(requests, `${path}.resources.requests`);
  for (const name of Object.keys(requests).sort()) {
    const request = requests[name]!;
    const limit = limits[name];
    if (limit === undefined || !validQuantity(request) || !validQuantity(limit)) continue;
    if (compareQuantities(request, limit) > 0) {
      // The apiserver reports this one on the requests list itself, not on the keyed entry.
      errs.push(invalidValue(`${path}.resources.requests`, request, `must be less than or equal to ${name} limit of ${limit}`));
    }
  }
  return errs;
}

const SECURITY_CONTEXT_FIELDS: readonly (readonly [string, string, string])[] = [
  ['Capabilities', 'capabilities', '*core.Capabilities'],
  ['Privileged', 'privileged', '*bool'],
  ['SELinuxOptions', 'seLinuxOptions', '*core.SELinuxOptions'],
  ['WindowsOptions', 'windowsOptions', '*core.WindowsSecurityContextOptions'],
  ['RunAsUser', 'runAsUser', '*int64'],
  ['RunAsGroup', 'runAsGroup', '*int64'],
  ['RunAsNonRoot', 'runAsNonRoot', '*bool'],
  ['ReadOnlyRootFilesystem', 'readOnlyRootFilesystem', '*bool'],
  ['AllowPrivilegeEscalation', 'allowPrivilegeEscalation', '*bool'],
  ['ProcMount', 'procMount', '*core.ProcMountType'],
  ['SeccompProfile', 'seccompProfile', '*core.SeccompProfile'],
  ['AppArmorProfile', 'appArmorProfile', '*core.AppArmorProfile'],
];

/**
 * field.Invalid's rendering of a core.SecurityContext (Go's %#v): every field, pointers as
 * `(*T)(nil)` or `(*T)(0xc…)`. The addresses are the apiserver's heap and differ on every
 * request there; here they are made up, stable per field.
 */
function goSecurityContext(sc: Record<string, unknown>): string {
  const parts = SECURITY_CONTEXT_FIELDS.map(([goName, jsonName, type], i) => {
    const set = sc[jsonName] !== undefined && sc[jsonName] !== null;
    return `${goName}:(${type})(${set ? `0xc000${(0x4a1c30 + i * 8).toString(16)}` : 'nil'})`;
  });
  return `core.SecurityContext{${parts.join(', ')}}`;
}

/** ValidateSecurityContext: privileged and allowPrivilegeEscalation=false (or CAP_SYS_ADMIN) contradict each other. */
function securityContextErrors(c: Container, path: string): FieldError[] {
  const sc = c.securityContext;
  if (!sc || sc.allowPrivilegeEscalation !== false) return [];
  const errs: FieldError[] = [];
  const invalid = (detail: string): FieldError => ({ field: path, reason: 'FieldValueInvalid', message: `Invalid value: ${goSecurityContext(sc as Record<string, unknown>)}: ${detail}` });
  if (sc.privileged === true) errs.push(invalid('cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  for (const cap of sc.capabilities?.add ?? []) {
    if (cap === 'CAP_SYS_ADMIN') errs.push(invalid('cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
  }
  return errs;
}

function validateContainer(c: Container, path: string, role: ContainerRole, volumes: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.image) errs.push(required(`${path}.image`));
  if (c.imagePullPolicy && !PULL_POLICIES.includes(c.imagePullPolicy)) {
    errs.push(notSupported(`${path}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
  }
  (c.ports ?? []).forEach((port, i) => {
    const p = `${path}.ports[${i}]`;
    if (!port.containerPort) errs.push(required(`${p}.containerPort`));
    else if (port.containerPort < 1 || port.containerPort > 65535) {
      errs.push(invalidValue(`${p}.containerPort`, port.containerPort, 'must be between 1 and 65535, inclusive'));
    }
    if (port.protocol && !PROTOCOLS.includes(port.protocol)) errs.push(notSupported(`${p}.protocol`, port.protocol, PROTOCOLS));
  });
  (c.env ?? []).forEach((env, i) => {
    if (!env.name) errs.push(required(`${path}.env[${i}].name`));
  });
  (c.volumeMounts ?? []).forEach((m, i) => {
    const p = `${path}.volumeMounts[${i}]`;
    if (!m.name) errs.push(required(`${p}.name`));
    else if (!volumes.has(m.name)) errs.push(notFoundValue(`${p}.name`, m.name));
    if (!m.mountPath) errs.push(required(`${p}.mountPath`));
  });
  errs.push(...validateResources(c, path));
  errs.push(...securityContextErrors(c, `${path}.securityContext`));
  if (role === 'init') {
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'] as const) {
      if (c[probe]) errs.push(forbidden(`${path}.${probe}`, 'may not be set for init containers without restartPolicy=Always'));
    }
  } else {
    errs.push(...validateProbe(c.livenessProbe, `${path}.livenessProbe`, true));
    errs.push(...validateProbe(c.readinessProbe, `${path}.readinessProbe`, false));
    errs.push(...validateProbe(c.startupProbe, `${path}.startupProbe`, true));
  }
  return errs;
}

/** ValidatePodSpec's common checks. `path` is where the spec sits: `spec`, `spec.template.spec`, … */
export function validatePodSpec(spec: PodSpec | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const volumes = new Set<string>();
  (spec?.volumes ?? []).forEach((v, i) => {
    const p = `${path}.volumes[${i}].name`;
    if (!v.name) errs.push(required(p));
    else if (volumes.has(v.name)) errs.push(duplicate(p, v.name));
    else errs.push(...nameErrors(p, v.name, 'label'));
    if (v.name) volumes.add(v.name);
  });

  const names = new Set<string>();
  const checkName = (c: Container, p: string): void => {
    if (!c.name) errs.push(required(`${p}.name`));
    else if (names.has(c.name)) errs.push(duplicate(`${p}.name`, c.name));
    else errs.push(...nameErrors(`${p}.name`, c.name, 'label'));
    if (c.name) names.add(c.name);
  };

  const containers = spec?.containers ?? [];
  if (containers.length === 0) errs.push(required(`${path}.containers`));
  containers.forEach((c, i) => {
    const p = `${path}.containers[${i}]`;
    checkName(c, p);
    if (c.restartPolicy) errs.push(forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
    errs.push(...validateContainer(c, p, 'container', volumes));
  });
  (spec?.initContainers ?? []).forEach((c, i) => {
    const p = `${path}.initContainers[${i}]`;
    checkName(c, p);
    if (c.restartPolicy && c.restartPolicy !== 'Always') errs.push(notSupported(`${p}.restartPolicy`, c.restartPolicy, ['Always']));
    errs.push(...validateContainer(c, p, c.restartPolicy === 'Always' ? 'sidecar' : 'init', volumes));
  });

  const restartPolicy = spec?.restartPolicy;
  if (restartPolicy !== undefined && !RESTART_POLICIES.includes(restartPolicy)) {
    errs.push(notSupported(`${path}.restartPolicy`, restartPolicy, RESTART_POLICIES));
  }
  if (spec?.dnsPolicy !== undefined && !DNS_POLICIES.includes(spec.dnsPolicy)) {
    errs.push(notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  }
  const grace = spec?.terminationGracePeriodSeconds;
  if (grace !== undefined && grace < 0) errs.push(invalidValue(`${path}.terminationGracePeriodSeconds`, grace, 'must be greater than or equal to 0'));
  const deadline = spec?.activeDeadlineSeconds;
  if (deadline !== undefined && deadline <= 0) {
    errs.push(invalidValue(`${path}.activeDeadlineSeconds`, deadline, 'must be between 1 and 2147483647, inclusive'));
  }
  return errs;
}
