// A pod template with the apiserver's defaults filled in. Templates are compared and hashed
// in this form, so a template written without defaults (e.g. by an update that skipped
// defaulting) still matches the defaulted copy stored on its ReplicaSet.
import type { PodTemplateSpec } from '../../kube/types.js';
import { defaultPodSpec } from '../admission/podDefaults.js';

const cache = new WeakMap<object, PodTemplateSpec>();

export function defaultedTemplate(t: PodTemplateSpec | undefined): PodTemplateSpec {
  if (!t) return {};
  const hit = cache.get(t);
  if (hit) return hit;
  const copy = structuredClone(t);
  defaultPodSpec((copy.spec ??= { containers: [] }));
  cache.set(t, copy);
  return copy;
}
