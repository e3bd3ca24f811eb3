// Label selectors, field selectors and each kind's selectable fields in one import, for
// callers that use several of them (the UI's filter bar). Each lives in its own file, as
// apimachinery splits pkg/labels, pkg/fields and pkg/util/validation.
export { SelectorError } from './selectorError.js';
export {
  labelSelectorFromSpec,
  parseLabelSelector,
  type LabelOperator,
  type LabelRequirement,
  type LabelSelector,
} from './labels/selector.js';
export {
  escapeFieldValue,
  parseFieldSelector,
  validateFieldSelector,
  type FieldRequirement,
  type FieldSelector,
} from './fields/selector.js';
export { eventFieldValue, genericFieldValue, podFieldValue } from './fields/selectable.js';
