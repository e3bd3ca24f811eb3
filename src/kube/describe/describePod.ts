// `kubectl describe pod` (kubectl 1.33 describePod), byte for byte, as a pure function.
import { since } from '../duration.js';
import { qosClass } from '../qos.js';
import type { Container, Event, Pod } from '../types.js';
import { writeContainers, writeResources } from './containers.js';
import { writeEvents } from './events.js';
import { writeAnnotations, writeLabels, writeTolerations, writeTopologySpread } from './metadata.js';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './prefixWriter.js';
import { formatTimestamp, localZone, type ZoneOffset } from './timeFormat.js';
import { writeVolumes } from './volumes.js';

export interface DescribeOptions {
  /** The zone times print in; default: the process's local zone, as kubectl does. */
  zone?: ZoneOffset;
  /** false leaves the Events section out (kubectl --show-events=false). */
  showEvents?: boolean;
}

function writeHeader(w: PrefixWriter, pod: Pod, nowMs: number, zone: ZoneOffset): void {
  const meta = pod.metadata ?? {};
  const spec = pod.spec;
  const status = pod.status ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (spec?.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec?.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec?.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec?.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(LEVEL_0, spec?.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatTimestamp(status.startTime, zone)}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, nowMs)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  const seccomp = spec?.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type ?? ''}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  const ips = status.podIPs ?? [];
  if (ips.length === 0) {
    w.write(LEVEL_0, 'IPs:\t<none>\n');
  } else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const controller = (meta.ownerReferences ?? []).find((r) => r.controller === true);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec?.resources) {
    w.write(LEVEL_0, 'Resources:\n');
    writeResources(w, spec.resources, LEVEL_1);
  }
}

function writeGatesAndConditions(w: PrefixWriter, pod: Pod): void {
  const conditions = pod.status?.conditions ?? [];
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      const status = conditions.find((c) => c.type === g.conditionType)?.status ?? '<none>';
      w.write(LEVEL_1, `${g.conditionType} \t${status} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
}

export function describePod(pod: Pod, events: Event[], nowMs: number, opts: DescribeOptions = {}): string {
  const zone = opts.zone ?? localZone;
  const w = new PrefixWriter();
  const spec = pod.spec;
  writeHeader(w, pod, nowMs, zone);
  if (spec?.initContainers && spec.initContainers.length > 0) {
    writeContainers(w, 'Init Containers', spec.initContainers, pod.status?.initContainerStatuses, pod, zone);
  }
  writeContainers(w, 'Containers', spec?.containers ?? [], pod.status?.containerStatuses, pod, zone);
  if (spec?.ephemeralContainers && spec.ephemeralContainers.length > 0) {
    // An ephemeral container has a container's fields (EphemeralContainerCommon).
    const ephemeral = spec.ephemeralContainers as Container[];
    writeContainers(w, 'Ephemeral Containers', ephemeral, pod.status?.ephemeralContainerStatuses, pod, zone);
  }
  writeGatesAndConditions(w, pod);
  writeVolumes(w, spec?.volumes);
  w.write(LEVEL_0, `QoS Class:\t${qosClass(pod, { podLevelResources: true })}\n`);
  writeLabels(w, 'Node-Selectors', spec?.nodeSelector);
  writeTolerations(w, spec?.tolerations);
  writeTopologySpread(w, pod);
  if (opts.showEvents !== false) writeEvents(w, events, nowMs);
  return w.toString();
}
