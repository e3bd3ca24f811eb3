// The apiserver's size limits on object metadata (apimachinery's ValidateAnnotations): the
// keys and values of all annotations together may hold at most 256 KiB.
import type { KubeObject } from '../../kube/types.js';
import type { FieldError } from './fieldErrors.js';

export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

export function annotationSizeErrors(meta: KubeObject['metadata'], field = 'metadata.annotations'): FieldError[] {
  const annotations = meta?.annotations;
  if (!annotations || typeof annotations !== 'object') return [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) total += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
  if (total <= TOTAL_ANNOTATION_SIZE_LIMIT_B) return [];
  return [{ field, reason: 'FieldValueTooLong', message: `Too long: must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT_B} bytes` }];
}
