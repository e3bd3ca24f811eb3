// describeContainers (kubectl 1.33): one block per container under "Containers:",
// "Init Containers:" or "Ephemeral Containers:".
import { canonicalQuantity } from '../quantity.js';
import type { Container, ContainerState, ContainerStatus, Pod } from '../types.js';
import { goSort } from './goSort.js';
import { resolveFieldRef, resolveResourceFieldRef } from './envResolve.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './prefixWriter.js';
import { describeProbe } from './probe.js';
import { formatTimestamp, type ZoneOffset } from './timeFormat.js';

type ResourceList = { [name: string]: string } | undefined;

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Limits then Requests, each sorted by resource name (describeResources). */
export function writeResources(
  w: PrefixWriter,
  resources: { limits?: ResourceList; requests?: ResourceList } | undefined,
  level: number,
): void {
  if (!resources) return;
  for (const [title, list] of [
    ['Limits', resources.limits],
    ['Requests', resources.requests],
  ] as const) {
    if (!list) continue;
    const names = Object.keys(list).sort(compareStrings);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${canonicalQuantity(list[name]!)}\n`);
  }
}

function portList(c: Container, pick: 'containerPort' | 'hostPort'): string {
  return (c.ports ?? []).map((p) => `${p[pick] ?? 0}/${p.protocol ?? ''}`).join(', ');
}

function writeBasicInfo(w: PrefixWriter, c: Container, status: ContainerStatus | undefined, space: string): void {
  // A pod template's containers sit one space further in (describeContainerBasicInfo's nameIndent).
  w.write(LEVEL_1, `${space ? ' ' : ''}${c.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
  const ports = portList(c, 'containerPort');
  if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
  else w.write(LEVEL_2, `Port:\t${ports || '<none>'}\n`);
  const hostPorts = portList(c, 'hostPort');
  if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
  else w.write(LEVEL_2, `Host Port:\t${hostPorts || '<none>'}\n`);
  const seccomp = c.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type ?? ''}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
}

function writeCommand(w: PrefixWriter, c: Container): void {
  for (const [title, parts] of [
    ['Command', c.command],
    ['Args', c.args],
  ] as const) {
    if (!parts || parts.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const part of parts) for (const line of part.split('\n')) w.write(LEVEL_3, `${line}\n`);
  }
}

function writeState(w: PrefixWriter, name: string, state: ContainerState | undefined, zone: ZoneOffset): void {
  if (state?.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatTimestamp(state.running.startedAt, zone)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatTimestamp(t.startedAt, zone)}\n`);
    w.write(LEVEL_3, `Finished:\t${formatTimestamp(t.finishedAt, zone)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

function writeStatus(w: PrefixWriter, status: ContainerStatus, zone: ZoneOffset): void {
  writeState(w, 'State', status.state, zone);
  if (status.lastState?.terminated) writeState(w, 'Last State', status.lastState, zone);
  w.write(LEVEL_2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

function writeProbes(w: PrefixWriter, c: Container): void {
  if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

function writeEnvFrom(w: PrefixWriter, c: Container): void {
  const sources = c.envFrom ?? [];
  if (sources.length === 0) return;
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const e of sources) {
    let from = '';
    let name = '';
    let optional = false;
    if (e.configMapRef) {
      from = 'ConfigMap';
      name = e.configMapRef.name ?? '';
      optional = e.configMapRef.optional === true;
    } else if (e.secretRef) {
      from = 'Secret';
      name = e.secretRef.name ?? '';
      optional = e.secretRef.optional === true;
    }
    const kind = e.prefix ? `${from} with prefix '${e.prefix}'` : from;
    w.write(LEVEL_3, `${name}\t${kind}\tOptional: ${optional}\n`);
  }
}

function writeEnv(w: PrefixWriter, c: Container, pod: Pod | undefined): void {
  const env = c.env ?? [];
  w.write(LEVEL_2, env.length === 0 ? 'Environment:\t<none>\n' : 'Environment:\n');
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      const lines = (e.value ?? '').split('\n');
      w.write(LEVEL_3, `${e.name}:\t${lines[0]}\n`);
      for (let i = 1; i < lines.length; i++) w.write(LEVEL_3, `\t${lines[i]}\n`);
    } else if (from.fieldRef) {
      const ref = from.fieldRef;
      w.write(LEVEL_3, `${e.name}:\t${pod ? resolveFieldRef(pod, ref) : ''} (${ref.apiVersion ?? ''}:${ref.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      const ref = from.resourceFieldRef;
      w.write(LEVEL_3, `${e.name}:\t${resolveResourceFieldRef(c, ref)} (${ref.resource})\n`);
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${ref.key}' in secret '${ref.name ?? ''}'>\tOptional: ${ref.optional === true}\n`,
      );
    } else if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${ref.key}' of config map '${ref.name ?? ''}'>\tOptional: ${ref.optional === true}\n`,
      );
    }
  }
}

function writeMounts(w: PrefixWriter, c: Container): void {
  const mounts = goSort([...(c.volumeMounts ?? [])], (a, b) => a.mountPath < b.mountPath);
  w.write(LEVEL_2, mounts.length === 0 ? 'Mounts:\t<none>\n' : 'Mounts:\n');
  for (const m of mounts) {
    let flags = m.readOnly ? 'ro' : 'rw';
    if (m.subPath) flags += `,path=${JSON.stringify(m.subPath)}`;
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags})\n`);
  }
  const devices = goSort([...(c.volumeDevices ?? [])], (a, b) => a.devicePath < b.devicePath);
  if (devices.length > 0) {
    w.write(LEVEL_2, mounts.length === 0 ? 'Devices:\t<none>\n' : 'Devices:\n');
    for (const d of devices) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
  }
}

export function writeContainers(
  w: PrefixWriter,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  /** undefined for a pod template: field references are not resolved. */
  pod: Pod | undefined,
  zone: ZoneOffset,
  /** "  " under a pod template (describeContainers' space). */
  space = '',
): void {
  const byName = new Map<string, ContainerStatus>();
  for (const s of statuses ?? []) byName.set(s.name, s);
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    writeBasicInfo(w, c, status, space);
    writeCommand(w, c);
    if (status) writeStatus(w, status, zone);
    writeResources(w, c.resources, LEVEL_2);
    writeProbes(w, c);
    writeEnvFrom(w, c);
    writeEnv(w, c, pod);
    writeMounts(w, c);
  }
}
