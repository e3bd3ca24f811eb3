// The pod view's first pane: the diagnosis as lines (the same text `podscope why` prints).
// Unfocused it shows one line per finding, so the panes below keep their room; focused, the
// evidence behind each finding and its fix too, long lines wrapped under their indentation.
import { diagnosisLines, type Diagnosis } from '../../kube/diagnosis/index.js';
import { cut, wrapLines } from '../text.js';

export function whyLines(d: Diagnosis, width: number, focused: boolean): string[] {
  if (!focused) return diagnosisLines(d, { detail: false }).map((l) => cut(l, width));
  const out: string[] = [];
  for (const line of diagnosisLines(d)) {
    const indent = line.length - line.trimStart().length + 2;
    out.push(...wrapLines([line], width, indent));
  }
  return out;
}

/** The pane's title: where the detail is when it is not shown. */
export function whyTitle(d: Diagnosis, focused: boolean): string {
  return focused || d.findings.length === 0 ? 'Why not ready?' : 'Why not ready?  (Tab to this pane: evidence and fixes)';
}
