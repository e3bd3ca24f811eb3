// Whether two label maps are the same set, as comparing their canonicalJson would say,
// without building that text: this runs for every controller on every orphan pod write.
import { canonicalJson } from './hash.js';

type Labels = Record<string, unknown> | undefined;

export function labelsEqual(a: Labels, b: Labels): boolean {
  if (a === b) return true;
  const left = a ?? {};
  const right = b ?? {};
  let leftCount = 0;
  for (const k of Object.keys(left)) {
    const v = left[k];
    if (v === undefined) continue; // canonicalJson leaves undefined members out
    leftCount++;
    const w = right[k];
    if (w === undefined) return false;
    if (v !== w && (typeof v === 'string' || typeof w === 'string' || canonicalJson(v) !== canonicalJson(w))) return false;
  }
  let rightCount = 0;
  for (const k of Object.keys(right)) if (right[k] !== undefined) rightCount++;
  return leftCount === rightCount;
}
