// The simulator's admission chain: defaulting, mutating admission, validation — per kind, in
// the apiserver's order. Returns a defaulted copy; the caller's object is never touched.
import type { CronJob, DaemonSet, Deployment, Job, Kind, KindMap, Namespace, Pod, ReplicaSet, StatefulSet } from '../../kube/types.js';
import { computeQosClass } from '../../kube/qos.js';
import { badRequest } from '../../kube/apiError.js';
import type { Admission, AdmissionContext } from '../api.js';
import { RESOURCES } from '../store.js';
import { invalidError, invalidValue, required, type FieldError } from './fieldErrors.js';
import { nameErrors } from './names.js';
import { decodeFailureMessage, decodeNulls, shapeError } from './shapes.js';
import { annotationSizeErrors } from './metadataLimits.js';
import { workloadFieldErrors } from './workloadFields.js';
import { defaultPod } from './podDefaults.js';
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

/** CronJob names leave room for the 11-character suffix of the Jobs they create. */
const CRONJOB_NAME_MAX = 52;

function metadataErrors(kind: Kind, name: string | undefined): FieldError[] {
  if (!name) return [required('metadata.name', 'name or generateName is required')];
  if (kind === 'Event') return [];
  const errs = nameErrors('metadata.name', name, kind === 'Namespace' ? 'label' : 'subdomain');
  if (kind === 'CronJob' && name.length > CRONJOB_NAME_MAX) {
    errs.push(invalidValue('metadata.name', name, `must be no more than ${CRONJOB_NAME_MAX} characters`));
  }
  return errs;
}

/** Fills defaults in `obj` (a private copy) and returns the validation errors. */
function defaultAndValidate(kind: Kind, obj: KindMap[Kind], ctx: AdmissionContext): FieldError[] {
  switch (kind) {
    case 'Pod': {
      const pod = obj as Pod;
      defaultPod(pod, ctx.random);
      const errs = validatePodSpec(pod.spec, 'spec');
      pod.status = { phase: 'Pending', qosClass: computeQosClass(pod) };
      return errs;
    }
    case 'Deployment': {
      const d = obj as Deployment;
      defaultDeployment(d);
      return validateControllerTemplate(d.spec?.selector, d.spec?.template, 'deployment');
    }
    case 'ReplicaSet': {
      const rs = obj as ReplicaSet;
      defaultReplicaSet(rs);
      return validateControllerTemplate(rs.spec?.selector, rs.spec?.template, 'replicaset');
    }
    case 'StatefulSet': {
      const sts = obj as StatefulSet;
      defaultStatefulSet(sts);
      return validateControllerTemplate(sts.spec?.selector, sts.spec?.template, 'statefulset');
    }
    case 'DaemonSet': {
      const ds = obj as DaemonSet;
      defaultDaemonSet(ds);
      return validateControllerTemplate(ds.spec?.selector, ds.spec?.template, 'daemonset');
    }
    case 'Job': {
      const job = obj as Job;
      defaultJob(job, ctx.random);
      return validateJobTemplate(job.spec?.template, 'spec', job.spec ?? {});
    }
    case 'CronJob': {
      const cj = obj as CronJob;
      defaultCronJob(cj);
      const errs: FieldError[] = [];
      if (!cj.spec?.schedule) errs.push(required('spec.schedule'));
      const jobSpec = cj.spec?.jobTemplate?.spec;
      errs.push(...validateJobTemplate(jobSpec?.template, 'spec.jobTemplate.spec', jobSpec ?? {}));
      return errs;
    }
    case 'Namespace':
      defaultNamespace(obj as Namespace);
      return [];
    case 'Node':
    case 'Event':
      return [];
  }
}

export function createAdmission(): Admission {
  return {
    admit<K extends Kind>(kind: K, input: KindMap[K], ctx: AdmissionContext): KindMap[K] {
      const bad = shapeError(kind, input);
      if (bad) throw badRequest(decodeFailureMessage(kind, RESOURCES[kind].version, bad));
      const obj = structuredClone(input);
      decodeNulls(kind, obj);
      const name = obj.metadata?.name;
      const errors = [...metadataErrors(kind, name), ...annotationSizeErrors(obj.metadata), ...workloadFieldErrors(kind, obj), ...defaultAndValidate(kind, obj, ctx)];
      if (errors.length > 0) throw invalidError(kind, RESOURCES[kind].group, name ?? '', errors);
      return obj;
    },
  };
}
