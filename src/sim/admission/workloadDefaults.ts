// apps/v1 and batch/v1 defaulters (k/k pkg/apis/apps/v1/defaults.go, pkg/apis/batch/v1/defaults.go),
// the Job strategy's generated selector, and the Namespace's defaults.
import type { CronJob, DaemonSet, Deployment, Job, Namespace, PodTemplateSpec, ReplicaSet, StatefulSet } from '../../kube/types.js';
import type { Random } from '../random.js';
import { defaultPodSpec } from './podDefaults.js';

function defaultTemplate(template: PodTemplateSpec | undefined): void {
  if (template) defaultPodSpec((template.spec ??= { containers: [] }));
}

export function defaultDeployment(d: Deployment): void {
  const spec = (d.spec ??= { selector: {}, template: {} });
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = (strategy.rollingUpdate ??= {});
    rolling.maxUnavailable ??= '25%';
    rolling.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultTemplate(spec.template);
  d.status = {};
}

export function defaultReplicaSet(rs: ReplicaSet): void {
  const spec = (rs.spec ??= { selector: {} });
  spec.replicas ??= 1;
  defaultTemplate(spec.template);
  rs.status = { replicas: 0 };
}

export function defaultStatefulSet(sts: StatefulSet): void {
  const spec = (sts.spec ??= { selector: {}, template: {} });
  spec.replicas ??= 1;
  spec.podManagementPolicy ||= 'OrderedReady';
  const strategy = (spec.updateStrategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = (strategy.rollingUpdate ??= {});
    rolling.partition ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  retention.whenDeleted ||= 'Retain';
  retention.whenScaled ||= 'Retain';
  defaultTemplate(spec.template);
  sts.status = { replicas: 0, availableReplicas: 0 };
}

export function defaultDaemonSet(ds: DaemonSet): void {
  const spec = (ds.spec ??= { selector: {}, template: {} });
  const strategy = (spec.updateStrategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = (strategy.rollingUpdate ??= {});
    rolling.maxUnavailable ??= 1;
    rolling.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultTemplate(spec.template);
  ds.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
}

/**
 * SetDefaults_Job, then the strategy's generateSelector. The uid is chosen here (the store keeps
 * a given uid) so the selector and the labels name the Job's real uid.
 */
export function defaultJob(job: Job, random: Random): void {
  const spec = (job.spec ??= { template: {} });
  // A value struct in Go: a Job without one decodes to an empty template (then fails validation).
  spec.template ??= {};
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  spec.completionMode ||= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ||= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  defaultTemplate(spec.template);
  const meta = (job.metadata ??= {});
  // SetDefaults_Job shares the template's label map with the Job when the Job has none, so the
  // generated labels below show on both.
  const jobHasLabels = meta.labels !== undefined && Object.keys(meta.labels).length > 0;
  if (spec.manualSelector !== true) {
    const uid = (meta.uid ||= random.uuid());
    const name = meta.name ?? '';
    spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
    const template = spec.template;
    template.metadata = {
      ...template.metadata,
      labels: {
        ...template.metadata?.labels,
        'batch.kubernetes.io/controller-uid': uid,
        'batch.kubernetes.io/job-name': name,
        'controller-uid': uid,
        'job-name': name,
      },
    };
  }
  if (!jobHasLabels && spec.template.metadata?.labels) meta.labels = { ...spec.template.metadata.labels };
  job.status = {};
}

export function defaultCronJob(cj: CronJob): void {
  const spec = (cj.spec ??= { schedule: '', jobTemplate: {} });
  spec.concurrencyPolicy ||= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  defaultTemplate(spec.jobTemplate?.spec?.template);
  cj.status = {};
}

export function defaultNamespace(ns: Namespace): void {
  const meta = (ns.metadata ??= {});
  meta.labels = { ...meta.labels, 'kubernetes.io/metadata.name': meta.name ?? '' };
  ns.spec = { ...ns.spec, finalizers: ns.spec?.finalizers ?? ['kubernetes'] };
  ns.status = { phase: 'Active' };
}
