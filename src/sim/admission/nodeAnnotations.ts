// The simulator's own node annotations (node-state, stop-after, start-after) are checked
// where a bad value is written, so a typo is refused with a clear 422 instead of ignored.
import type { Node } from '../../kube/types.js';
import { nodeStateErrors } from '../nodeState.js';
import { invalidValue, notSupported, type FieldError } from './fieldErrors.js';

export function nodeAnnotationErrors(node: Node): FieldError[] {
  return nodeStateErrors(node).map((e) => (e.supported ? notSupported(e.field, e.value, e.supported) : invalidValue(e.field, e.value, e.detail)));
}
