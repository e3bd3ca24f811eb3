// apps/v1 and batch/v1 validation's common mistakes (k/k pkg/apis/apps/validation,
// pkg/apis/batch/validation, 1.33): selectors, template labels and restart policies.
import type { PodTemplateSpec } from '../../kube/types.js';
import { invalidValue, notSupported, required, type FieldError } from './fieldErrors.js';
import { validatePodSpec } from './podValidation.js';

type SpecSelector = { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };

function matchesLabels(selector: SpecSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const value = labels[e.key];
    switch (e.operator) {
      case 'In':
        if (!has || !(e.values ?? []).includes(value!)) return false;
        break;
      case 'NotIn':
        if (has && (e.values ?? []).includes(value!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

function isEmptySelector(s: SpecSelector): boolean {
  return Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;
}

/**
 * The selector/template checks shared by Deployments, ReplicaSets, StatefulSets and DaemonSets:
 * selector required and non-empty, template labels matched, restartPolicy Always, pod spec valid.
 */
export function validateControllerTemplate(
  selector: SpecSelector | undefined,
  template: PodTemplateSpec | undefined,
  what: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!selector) errs.push(required('spec.selector'));
  else if (isEmptySelector(selector)) {
    errs.push({
      field: 'spec.selector',
      reason: 'FieldValueInvalid',
      message: `Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for ${what}`,
    });
  }
  if (!template) {
    errs.push(required('spec.template'));
    return errs;
  }
  const labels = template.metadata?.labels ?? {};
  if (selector && !isEmptySelector(selector) && !matchesLabels(selector, labels)) {
    errs.push(invalidValue('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodSpec(template.spec, 'spec.template.spec'));
  const policy = template.spec?.restartPolicy;
  if (policy !== undefined && policy !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', policy, ['Always']));
  return errs;
}

/** validateJobSpec's common checks; `path` is `spec` for a Job, `spec.jobTemplate.spec` for a CronJob. */
export function validateJobTemplate(template: PodTemplateSpec | undefined, path: string, counts: { parallelism?: number; completions?: number; backoffLimit?: number }): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of ['parallelism', 'completions', 'backoffLimit'] as const) {
    const value = counts[key];
    if (value !== undefined && value < 0) errs.push(invalidValue(`${path}.${key}`, value, 'must be greater than or equal to 0'));
  }
  if (!template) {
    errs.push(required(`${path}.template`));
    return errs;
  }
  errs.push(...validatePodSpec(template.spec, `${path}.template.spec`));
  const policy = template.spec?.restartPolicy;
  if (policy !== 'OnFailure' && policy !== 'Never') {
    errs.push(notSupported(`${path}.template.spec.restartPolicy`, policy ?? '', ['OnFailure', 'Never']));
  }
  return errs;
}
