// The simulator's admission chain: defaulting, mutating admission, validation — per kind, in
// the apiserver's order. Returns a defaulted copy; the caller's object is never touched.
import type { Kind, KindMap } from '../../kube/types.js';
import { computeQosClass } from '../../kube/qos.js';
import { badRequest } from '../../kube/apiError.js';
import type { Admission, AdmissionContext } from '../api.js';
import { RESOURCES } from '../store.js';
import { invalidError, invalidValue, required, type FieldError } from './fieldErrors.js';
import { validateConfigMap, validateConfigMapUpdate } from './configMapValidation.js';
import { validateControllerRevision, validateControllerRevisionUpdate } from './controllerRevisionValidation.js';
import { validateLease } from './leaseValidation.js';
import {
  defaultAndValidateClaim,
  defaultAndValidateStorageClass,
  defaultAndValidateVolume,
  defaultClaimUpdate,
  validateClaimUpdate,
  validateStorageClassUpdate,
  validateVolumeUpdate,
} from './storageValidation.js';
import { nodeAnnotationErrors } from './nodeAnnotations.js';
import { nameErrors } from './names.js';
import { defaultAndValidateService, validateServiceUpdate } from './serviceAdmission.js';
import { normaliseSecret, validateSecret, validateSecretUpdate } from './secretValidation.js';
import { decodeFailureMessage, decodeNulls, shapeError } from './shapes.js';
import { annotationSizeErrors } from './metadataLimits.js';
import { workloadFieldErrors } from './workloadFields.js';
import { defaultPod, defaultPodBody } from './podDefaults.js';
import { validatePodUpdate } from './podUpdateValidation.js';
import { validatePodSpec } from './podValidation.js';
import {
  defaultCronJob,
  defaultDaemonSet,
  defaultDeployment,
  defaultJob,
  defaultNamespace,
  defaultReplicaSet,
  defaultStatefulSet,
} from './workloadDefaults.js';
import { validateControllerTemplate, validateJobTemplate } from './workloadValidation.js';

export { defaultPullPolicy, SERVICE_ACCOUNT_MOUNT_PATH } from './podDefaults.js';

/** The template as its pods will be: each volumeClaimTemplate is a volume its containers may mount. */
function withClaimTemplateVolumes(sts: KindMap['StatefulSet']): KindMap['StatefulSet']['spec'] extends infer S ? (S extends { template?: infer T } ? T : never) : never {
  const template = sts.spec?.template;
  const claims = sts.spec?.volumeClaimTemplates ?? [];
  if (!template || claims.length === 0) return template as never;
  const names = new Set(claims.map((c) => c.metadata?.name ?? ''));
  const volumes = [
    ...claims.map((c) => ({ name: c.metadata?.name ?? '', persistentVolumeClaim: { claimName: c.metadata?.name ?? '' } })),
    ...(template.spec?.volumes ?? []).filter((v) => !names.has(v.name)),
  ];
  return { ...template, spec: { ...template.spec!, volumes } } as never;
}

/** How a kind's metadata.name is validated (its strategy's ValidateObjectMeta name function). */
type NameRule = 'subdomain' | 'label' | 'unchecked';

/** One kind's admission: its name rule, then defaulting and validation of a private copy. */
interface KindAdmission<T> {
  names: NameRule;
  /** A longer-than-usual limit on the name, with upstream's reason. */
  maxNameLength?: number;
  /** Fills defaults in `obj` (a private copy) and returns the validation errors. */
  defaultAndValidate(obj: T, ctx: AdmissionContext): FieldError[];
  /** The strategy's ValidateUpdate beyond metadata, where the kind has one. */
  validateUpdate?(next: T, old: T): FieldError[];
  /** The scheme's defaulters applied to an update's body (a private copy), where the kind has them. */
  defaultUpdate?(next: T): void;
  /** Conversion and defaulting every write gets, updates included (Secret: stringData into data). */
  normalise?(obj: T): void;
}

const noChecks = (): FieldError[] => [];

/** Per kind, in the apiserver's order: defaulting, mutating admission, validation. Every catalogued kind has one. */
const ADMISSION: { [K in Kind]: KindAdmission<KindMap[K]> } = {
  Namespace: {
    names: 'label',
    defaultAndValidate(ns) {
      defaultNamespace(ns);
      return [];
    },
  },
  Node: { names: 'subdomain', defaultAndValidate: (node) => nodeAnnotationErrors(node), validateUpdate: (node) => nodeAnnotationErrors(node) },
  Pod: {
    names: 'subdomain',
    defaultAndValidate(pod, ctx) {
      defaultPod(pod, ctx.random);
      const errs = validatePodSpec(pod.spec, 'spec');
      pod.status = { phase: 'Pending', qosClass: computeQosClass(pod) };
      return errs;
    },
    defaultUpdate: defaultPodBody,
    validateUpdate: validatePodUpdate,
  },
  Event: { names: 'unchecked', defaultAndValidate: noChecks },
  Deployment: {
    names: 'subdomain',
    defaultAndValidate(d) {
      defaultDeployment(d);
      return validateControllerTemplate(d.spec?.selector, d.spec?.template, 'deployment');
    },
  },
  ReplicaSet: {
    names: 'subdomain',
    defaultAndValidate(rs) {
      defaultReplicaSet(rs);
      return validateControllerTemplate(rs.spec?.selector, rs.spec?.template, 'replicaset');
    },
  },
  StatefulSet: {
    names: 'subdomain',
    defaultAndValidate(sts) {
      defaultStatefulSet(sts);
      return validateControllerTemplate(sts.spec?.selector, withClaimTemplateVolumes(sts), 'statefulset');
    },
  },
  DaemonSet: {
    names: 'subdomain',
    defaultAndValidate(ds) {
      defaultDaemonSet(ds);
      return validateControllerTemplate(ds.spec?.selector, ds.spec?.template, 'daemonset');
    },
  },
  Job: {
    names: 'subdomain',
    defaultAndValidate(job, ctx) {
      defaultJob(job, ctx.random);
      return validateJobTemplate(job.spec?.template, 'spec', job.spec ?? {});
    },
  },
  CronJob: {
    names: 'subdomain',
    // CronJob names leave room for the 11-character suffix of the Jobs they create.
    maxNameLength: 52,
    defaultAndValidate(cj) {
      defaultCronJob(cj);
      const errs: FieldError[] = [];
      if (!cj.spec?.schedule) errs.push(required('spec.schedule'));
      const jobSpec = cj.spec?.jobTemplate?.spec;
      errs.push(...validateJobTemplate(jobSpec?.template, 'spec.jobTemplate.spec', jobSpec ?? {}));
      return errs;
    },
  },
  ConfigMap: {
    names: 'subdomain',
    defaultAndValidate: (cm) => validateConfigMap(cm),
    validateUpdate: validateConfigMapUpdate,
  },
  ControllerRevision: {
    names: 'subdomain',
    defaultAndValidate: (cr) => validateControllerRevision(cr),
    validateUpdate: validateControllerRevisionUpdate,
  },
  Secret: {
    names: 'subdomain',
    normalise: normaliseSecret,
    defaultAndValidate: (secret) => validateSecret(secret),
    validateUpdate: validateSecretUpdate,
  },
  ServiceAccount: { names: 'subdomain', defaultAndValidate: noChecks },
  // Service names are DNS labels (ValidateServiceName = NameIsDNS1035Label).
  Service: { names: 'label', defaultAndValidate: defaultAndValidateService, validateUpdate: validateServiceUpdate },
  Endpoints: { names: 'subdomain', defaultAndValidate: noChecks },
  EndpointSlice: { names: 'subdomain', defaultAndValidate: noChecks },
  Lease: { names: 'subdomain', defaultAndValidate: (lease) => validateLease(lease), validateUpdate: (lease) => validateLease(lease) },
  PersistentVolumeClaim: {
    names: 'subdomain',
    defaultAndValidate: (pvc, ctx) => defaultAndValidateClaim(pvc, ctx.store),
    defaultUpdate: defaultClaimUpdate,
    validateUpdate: validateClaimUpdate,
  },
  PersistentVolume: { names: 'subdomain', defaultAndValidate: defaultAndValidateVolume, validateUpdate: validateVolumeUpdate },
  StorageClass: { names: 'subdomain', defaultAndValidate: defaultAndValidateStorageClass, validateUpdate: validateStorageClassUpdate },
};

function metadataErrors(rules: Pick<KindAdmission<unknown>, 'names' | 'maxNameLength'>, name: string | undefined): FieldError[] {
  if (!name) return [required('metadata.name', 'name or generateName is required')];
  if (rules.names === 'unchecked') return [];
  const errs = nameErrors('metadata.name', name, rules.names);
  if (rules.maxNameLength !== undefined && name.length > rules.maxNameLength) {
    errs.push(invalidValue('metadata.name', name, `must be no more than ${rules.maxNameLength} characters`));
  }
  return errs;
}

export function createAdmission(): Admission {
  return {
    admit<K extends Kind>(kind: K, input: KindMap[K], ctx: AdmissionContext): KindMap[K] {
      const bad = shapeError(kind, input);
      if (bad) throw badRequest(decodeFailureMessage(kind, RESOURCES[kind].version, bad));
      const obj = structuredClone(input);
      decodeNulls(kind, obj);
      const name = obj.metadata?.name;
      const rules = ADMISSION[kind] as KindAdmission<KindMap[K]>;
      rules.normalise?.(obj);
      const errors = [...metadataErrors(rules, name), ...annotationSizeErrors(obj.metadata), ...workloadFieldErrors(kind, obj), ...rules.defaultAndValidate(obj, ctx)];
      if (errors.length > 0) throw invalidError(kind, RESOURCES[kind].group, name ?? '', errors);
      return obj;
    },
    validateUpdate<K extends Kind>(kind: K, input: KindMap[K], old: KindMap[K]): KindMap[K] {
      const next = structuredClone(input);
      const rules = ADMISSION[kind] as KindAdmission<KindMap[K]>;
      // `next` is the registry's private copy of the request: conversion and the scheme's defaulters apply to it here.
      rules.normalise?.(next);
      rules.defaultUpdate?.(next);
      const errors = rules.validateUpdate?.(next, old) ?? [];
      if (errors.length > 0) throw invalidError(kind, RESOURCES[kind].group, next.metadata?.name ?? '', errors);
      return next;
    },
  };
}
