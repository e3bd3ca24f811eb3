// `kubectl describe deployment` and `describe replicaset` (kubectl 1.33 describeDeployment,
// describeReplicaSet, DescribePodTemplate), byte for byte, as pure functions of the object,
// its events and what kubectl fetches beside it (a Deployment's ReplicaSets, a
// ReplicaSet's pods).
import type { DaemonSet, Deployment, Event, Pod, PodTemplateSpec, ReplicaSet, StatefulSet } from '../types.js';
import { formatLabels } from '../tables/format.js';
import { canonicalQuantity } from '../quantity.js';
import { writeContainers } from './containers.js';
import { writeEvents } from './events.js';
import { formatLabelSelector, writeAnnotations, writeLabels, writeTolerations, writeTopologySpread } from './metadata.js';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './prefixWriter.js';
import { formatTimestamp, localZone, type ZoneOffset } from './timeFormat.js';
import { writeVolumes } from './volumes.js';

const TEMPLATE_SPACE = '  ';

/** DescribePodTemplate: the template's labels, containers, volumes, node selectors and tolerations, two spaces in. */
export function writePodTemplate(w: PrefixWriter, template: PodTemplateSpec | undefined, zone: ZoneOffset): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const meta = template.metadata ?? {};
  const spec = template.spec;
  writeLabels(w, '  Labels', meta.labels);
  if (meta.annotations && Object.keys(meta.annotations).length > 0) writeAnnotations(w, meta.annotations, '  Annotations');
  if (spec?.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec?.initContainers ?? []).length > 0) writeContainers(w, 'Init Containers', spec!.initContainers!, undefined, undefined, zone, TEMPLATE_SPACE);
  writeContainers(w, 'Containers', spec?.containers ?? [], undefined, undefined, zone, TEMPLATE_SPACE);
  writeVolumes(w, spec?.volumes, TEMPLATE_SPACE);
  writeTopologySpread(w, { spec: spec ?? { containers: [] } }, TEMPLATE_SPACE);
  if (spec?.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  writeLabels(w, '  Node-Selectors', spec?.nodeSelector);
  writeTolerations(w, spec?.tolerations, '  Tolerations');
}

function intOrString(v: number | string | undefined): string {
  return v === undefined ? '' : String(v);
}

function conditionsTable(w: PrefixWriter, conditions: readonly { type?: string; status?: string; reason?: string }[] | undefined): void {
  if (!conditions || conditions.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type ?? ''} \t${c.status ?? ''}\t${c.reason ?? ''}\n`);
}

/** printReplicaSetsByLabels: `name (current/desired replicas created)`, comma-separated, or <none>. */
function replicaSetList(sets: readonly ReplicaSet[]): string {
  const list = sets.map((rs) => `${rs.metadata?.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
  return list || '<none>';
}

function controlledBy(obj: { metadata?: { ownerReferences?: { controller?: boolean; kind?: string; name?: string; uid?: string }[] } }, uid: string | undefined): boolean {
  return (obj.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === uid);
}

/** The template without the pod-template-hash label, for EqualIgnoreHash. */
function templateKey(t: PodTemplateSpec | undefined): string {
  const labels = { ...(t?.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  return canonicalJson({ ...t, metadata: { ...t?.metadata, labels } });
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && !(x && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 0));
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * deploymentutil.GetAllReplicaSets: the ReplicaSets the Deployment controls, split into the
 * new one (its template equals the Deployment's, pod-template-hash aside; the oldest such)
 * and all the others, in list order.
 */
export function deploymentReplicaSets(d: Deployment, replicaSets: readonly ReplicaSet[]): { oldRSs: ReplicaSet[]; newRS: ReplicaSet | undefined } {
  const owned = replicaSets.filter((rs) => controlledBy(rs, d.metadata?.uid));
  const want = templateKey(d.spec?.template);
  const matching = owned
    .filter((rs) => templateKey(rs.spec?.template) === want)
    .sort((a, b) => Date.parse(a.metadata?.creationTimestamp ?? '') - Date.parse(b.metadata?.creationTimestamp ?? '') || ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  const newRS = matching[0];
  return { oldRSs: owned.filter((rs) => rs !== newRS), newRS };
}

export function describeDeployment(d: Deployment, events: Event[], nowMs: number, replicaSets: readonly ReplicaSet[], zone: ZoneOffset = localZone): string {
  const w = new PrefixWriter();
  const meta = d.metadata ?? {};
  const spec = d.spec;
  const status = d.status ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatTimestamp(meta.creationTimestamp, zone)}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, meta.annotations);
  w.write(LEVEL_0, `Selector:\t${spec?.selector ? selectorString(spec.selector) : ''}\n`);
  w.write(LEVEL_0, `Replicas:\t${spec?.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`);
  w.write(LEVEL_0, `StrategyType:\t${spec?.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec?.minReadySeconds ?? 0}\n`);
  const ru = spec?.strategy?.rollingUpdate;
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`);
  writePodTemplate(w, spec?.template, zone);
  conditionsTable(w, status.conditions);
  const { oldRSs, newRS } = deploymentReplicaSets(d, replicaSets);
  if (oldRSs.length > 0 || newRS) {
    w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetList(oldRSs)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetList(newRS ? [newRS] : [])}\n`);
  }
  writeEvents(w, events, nowMs);
  return w.toString();
}

/** labels.Selector.String() of a LabelSelector: "" for one that selects everything. */
function selectorString(sel: NonNullable<NonNullable<Deployment['spec']>['selector']>): string {
  const s = formatLabelSelector(sel);
  return s === '<none>' ? '' : s;
}

/** getPodStatusForController: the controller's pods by phase (Running, Pending, Succeeded, Failed). */
export function podPhaseCounts(pods: readonly Pod[], ownerUid: string | undefined): { running: number; waiting: number; succeeded: number; failed: number } {
  const counts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const p of pods) {
    if (!controlledBy(p, ownerUid)) continue;
    switch (p.status?.phase) {
      case 'Running':
        counts.running++;
        break;
      case 'Pending':
        counts.waiting++;
        break;
      case 'Succeeded':
        counts.succeeded++;
        break;
      case 'Failed':
        counts.failed++;
        break;
    }
  }
  return counts;
}

/** printController: the controlling owner as Kind/name. */
function controllerOf(meta: { ownerReferences?: { controller?: boolean; kind?: string; name?: string }[] } | undefined): string | undefined {
  const ref = (meta?.ownerReferences ?? []).find((r) => r.controller === true);
  return ref ? `${ref.kind ?? ''}/${ref.name ?? ''}` : undefined;
}

export function describeReplicaSet(rs: ReplicaSet, events: Event[], nowMs: number, pods: readonly Pod[], zone: ZoneOffset = localZone): string {
  const w = new PrefixWriter();
  const meta = rs.metadata ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${rs.spec?.selector ? formatLabelSelector(rs.spec.selector) : '<none>'}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, meta.annotations);
  const controller = controllerOf(meta);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  const c = podPhaseCounts(pods, meta.uid);
  w.write(LEVEL_0, `Pods Status:\t${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed\n`);
  writePodTemplate(w, rs.spec?.template, zone);
  conditionsTable(w, rs.status?.conditions);
  writeEvents(w, events, nowMs);
  return w.toString();
}

function podsStatus(w: PrefixWriter, pods: readonly Pod[], uid: string | undefined): void {
  const c = podPhaseCounts(pods, uid);
  w.write(LEVEL_0, `Pods Status:\t${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed\n`);
}

type ClaimTemplate = NonNullable<NonNullable<StatefulSet['spec']>['volumeClaimTemplates']>[number];

/** describeVolumeClaimTemplates. */
function writeClaimTemplates(w: PrefixWriter, templates: readonly ClaimTemplate[] | undefined): void {
  if (!templates || templates.length === 0) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const pvc of templates) {
    const meta = pvc.metadata ?? {};
    w.write(LEVEL_1, `Name:\t${meta.name ?? ''}\n`);
    const cls = pvc.spec?.storageClassName ?? meta.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
    w.write(LEVEL_1, `StorageClass:\t${cls}\n`);
    writeLabels(w, '  Labels', meta.labels);
    writeLabels(w, '  Annotations', meta.annotations);
    const capacity = (pvc.spec?.resources?.requests as { [k: string]: string } | undefined)?.storage;
    w.write(LEVEL_1, `Capacity:\t${capacity === undefined ? '<default>' : canonicalQuantity(capacity)}\n`);
    w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
  }
}

export function describeStatefulSet(sts: StatefulSet, events: Event[], nowMs: number, pods: readonly Pod[], zone: ZoneOffset = localZone): string {
  const w = new PrefixWriter();
  const meta = sts.metadata ?? {};
  const spec = sts.spec;
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatTimestamp(meta.creationTimestamp, zone)}\n`);
  w.write(LEVEL_0, `Selector:\t${spec?.selector ? selectorString(spec.selector) : ''}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, meta.annotations);
  w.write(LEVEL_0, `Replicas:\t${spec?.replicas ?? 0} desired | ${sts.status?.replicas ?? 0} total\n`);
  w.write(LEVEL_0, `Update Strategy:\t${spec?.updateStrategy?.type ?? ''}\n`);
  const ru = spec?.updateStrategy?.rollingUpdate;
  if (ru && ru.partition !== undefined && ru.partition !== null) {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.write(LEVEL_1, `MaxUnavailable:\t${intOrString(ru.maxUnavailable)}\n`);
  }
  podsStatus(w, pods, meta.uid);
  writePodTemplate(w, spec?.template, zone);
  writeClaimTemplates(w, spec?.volumeClaimTemplates);
  writeEvents(w, events, nowMs);
  return w.toString();
}

export function describeDaemonSet(ds: DaemonSet, events: Event[], nowMs: number, pods: readonly Pod[], zone: ZoneOffset = localZone): string {
  const w = new PrefixWriter();
  const meta = ds.metadata ?? {};
  const status = ds.status;
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${ds.spec?.selector ? selectorString(ds.spec.selector) : ''}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, meta.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${status?.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${status?.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${status?.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${status?.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${status?.numberMisscheduled ?? 0}\n`);
  podsStatus(w, pods, meta.uid);
  writePodTemplate(w, ds.spec?.template, zone);
  writeEvents(w, events, nowMs);
  return w.toString();
}
