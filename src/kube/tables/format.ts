// The cell formatters the apiserver's printers share (k/k pkg/printers/internalversion,
// apimachinery labels.FormatLabels and metav1.FormatLabelSelector).
import { since } from '../duration.js';
import { labelSelectorFromSpec } from '../labels/selector.js';
import { SelectorError } from '../selectorError.js';
import type { Container, ObjectMeta, PodTemplateSpec } from '../types.js';

type SpecSelector = Parameters<typeof labelSelectorFromSpec>[0] | null;

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const pairs = Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`);
  pairs.sort();
  return pairs.length ? pairs.join(',') : '<none>';
}

/**
 * LabelSelectorAsSelector(sel).String(): an unset selector is labels.Nothing() and an empty
 * one labels.Everything(), and both print as "". Undefined when the selector is invalid.
 */
function selectorText(sel: SpecSelector | undefined): string | undefined {
  if (!sel) return '';
  try {
    return labelSelectorFromSpec(sel).toString();
  } catch (err) {
    if (err instanceof SelectorError) return undefined;
    throw err;
  }
}

/** metav1.FormatLabelSelector: `<none>` for "", `<error>` for an invalid selector. */
export function formatLabelSelector(sel: SpecSelector | undefined): string {
  const text = selectorText(sel);
  if (text === undefined) return '<error>';
  return text === '' ? '<none>' : text;
}

/** What printDeployment prints: the selector's String(), "" when unset, `<invalid>` when bad. */
export function deploymentSelector(sel: SpecSelector | undefined): string {
  return selectorText(sel) ?? '<invalid>';
}

/** layoutContainerCells: names and images, each comma-joined in spec order. */
function containerCells(containers: readonly Container[] | undefined): [names: string, images: string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/** AGE, CONTAINERS and IMAGES: the cells every workload printer puts after its own, from the pod template. */
export function ageAndTemplateCells(
  meta: ObjectMeta | undefined,
  template: PodTemplateSpec | undefined,
  nowMs: number,
): [age: string, names: string, images: string] {
  return [since(meta?.creationTimestamp, nowMs), ...containerCells(template?.spec?.containers)];
}

/** printBoolPtr: `True`, `False`, or `<unset>` for a nil pointer. */
export function boolPtr(value: boolean | undefined): string {
  if (value === undefined) return '<unset>';
  return value ? 'True' : 'False';
}
