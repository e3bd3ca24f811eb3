// ValidatePodUpdate and its companions (k/k pkg/apis/core/validation/validation.go, 1.33): a
// pod's spec is fixed once created except container images, activeDeadlineSeconds (set, or
// lowered), added tolerations, and terminationGracePeriodSeconds from negative to 1.
// Everything else answers `spec: Forbidden: pod updates may not change fields other than …`
// followed by the diff of what changed (specDiff.ts).
import type { Container, Pod, PodSpec, Toleration } from '../../kube/types.js';
import { forbidden, invalidValue, required, type FieldError } from './fieldErrors.js';
import { validatePodSpec } from './podValidation.js';
import { jsonEqual, specDiff } from './specDiff.js';

const MAX_INT32 = 2147483647;
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** updatablePodSpecFields, joined as upstream joins them (a comma, no space). */
export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
].join(',');

/** ValidatePodSpecificAnnotationUpdates: mirror-pod and AppArmor annotations are fixed. */
function annotationUpdateErrors(next: Pod, old: Pod): FieldError[] {
  const errs: FieldError[] = [];
  const now = next.metadata?.annotations ?? {};
  const before = old.metadata?.annotations ?? {};
  const path = (k: string): string => `metadata.annotations[${k}]`;
  for (const [k, v] of Object.entries(before)) {
    if (k in now && now[k] === v) continue;
    if (k.startsWith(APPARMOR_ANNOTATION_PREFIX)) errs.push(forbidden(path(k), 'may not remove or update AppArmor annotations'));
    if (k === MIRROR_POD_ANNOTATION) errs.push(forbidden(path(k), 'may not remove or update mirror pod annotation'));
  }
  for (const k of Object.keys(now)) {
    if (k in before) continue;
    if (k.startsWith(APPARMOR_ANNOTATION_PREFIX)) errs.push(forbidden(path(k), 'may not add AppArmor annotations'));
    if (k === MIRROR_POD_ANNOTATION) errs.push(forbidden(path(k), 'may not add mirror pod annotation'));
  }
  return errs;
}

/** ValidateContainerUpdates: same count, every image set and without surrounding blanks. */
function containerUpdateErrors(next: Container[], old: Container[], path: string): { errs: FieldError[]; stop: boolean } {
  if (next.length !== old.length) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  next.forEach((c, i) => {
    const image = c.image ?? '';
    if (image.length === 0) errs.push(required(`${path}[${i}].image`, ''));
    if (image.trim().length !== image.length) errs.push(invalidValue(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function tolerationKey(t: Toleration): string {
  return JSON.stringify([t.key ?? '', t.operator ?? '', t.value ?? '', t.effect ?? '']);
}

/** validateOnlyAddedTolerations: every old toleration is still there (tolerationSeconds aside). */
function tolerationErrors(next: Toleration[], old: Toleration[]): FieldError[] {
  const present = new Set(next.map(tolerationKey));
  for (const t of old) {
    if (!present.has(tolerationKey(t))) return [forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return [];
}

/** validateOnlyDeletedSchedulingGates: gates may be removed, never added. */
function schedulingGateErrors(next: PodSpec['schedulingGates'], old: PodSpec['schedulingGates']): FieldError[] {
  const added = new Map<string, number>();
  (next ?? []).forEach((g, i) => added.set(g.name, i));
  for (const g of old ?? []) added.delete(g.name);
  return [...added].map(([name, i]) => forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${name}'`));
}

function activeDeadlineErrors(next: PodSpec, old: PodSpec): { errs: FieldError[]; stop: boolean } {
  const now = next.activeDeadlineSeconds;
  const before = old.activeDeadlineSeconds;
  const path = 'spec.activeDeadlineSeconds';
  if (now !== undefined && now !== null) {
    if (now < 0 || now > MAX_INT32) return { errs: [invalidValue(path, now, `must be between 0 and ${MAX_INT32}, inclusive`)], stop: true };
    if (before !== undefined && before !== null && before < now) return { errs: [invalidValue(path, now, 'must be less than or equal to previous value')], stop: true };
    return { errs: [], stop: false };
  }
  if (before !== undefined && before !== null) return { errs: [invalidValue(path, null, 'must not update from a positive integer to nil value')], stop: false };
  return { errs: [], stop: false };
}

/** The new spec with the updatable fields set back to the old values (the "munged" spec). */
function mungedSpec(next: PodSpec, old: PodSpec): PodSpec {
  const munged: PodSpec = structuredClone(next);
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: old.containers?.[i]?.image }));
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: old.initContainers?.[i]?.image }));
  const restore = <K extends keyof PodSpec>(key: K): void => {
    if (old[key] === undefined) delete munged[key];
    else munged[key] = old[key];
  };
  restore('activeDeadlineSeconds');
  restore('schedulingGates');
  restore('tolerations');
  const oldGrace = old.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace !== null && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  return munged;
}

/** ValidatePodUpdate after the metadata checks every kind gets (metaUpdateValidation.ts). */
export function validatePodUpdate(next: Pod, old: Pod): FieldError[] {
  const spec = next.spec ?? { containers: [] };
  const oldSpec = old.spec ?? { containers: [] };
  const errs: FieldError[] = [...validatePodSpec(spec, 'spec'), ...annotationUpdateErrors(next, old)];
  for (const [list, path] of [
    ['containers', 'spec.containers'],
    ['initContainers', 'spec.initContainers'],
  ] as const) {
    const r = containerUpdateErrors(spec[list] ?? [], oldSpec[list] ?? [], path);
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const deadline = activeDeadlineErrors(spec, oldSpec);
  errs.push(...deadline.errs);
  if (deadline.stop) return errs;
  errs.push(...tolerationErrors(spec.tolerations ?? [], oldSpec.tolerations ?? []));
  errs.push(...schedulingGateErrors(spec.schedulingGates, oldSpec.schedulingGates));
  if (jsonEqual(spec as never, oldSpec as never)) return errs;
  const munged = mungedSpec(spec, oldSpec);
  if (!jsonEqual(munged as never, oldSpec as never)) {
    errs.push(forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS}\n${specDiff(oldSpec, munged)}`));
  }
  return errs;
}
