// A diagnosis as plain lines: the pane in the pod view and `podscope why` print the same.
//   ✗ container app is crash-looping: exit 1 20s ago, restarted 3 times, next start in 40s
//       app: lastState.terminated Error exit 1  (2025-06-01T12:00:04Z)
//     → fix: the program exits with 1: …
import type { Diagnosis } from './types.js';

/** `detail: false`: the headlines alone (the pod view's pane until it has the focus). */
export function diagnosisLines(d: Diagnosis, options: { detail?: boolean } = {}): string[] {
  if (d.findings.length === 0) return [d.summary === 'Ready' ? '✓ Ready: nothing keeps it from serving' : d.summary === 'Completed' ? '✓ Completed: every container exited 0' : `${d.summary}: nothing to say`];
  const detail = options.detail !== false;
  const out: string[] = [];
  for (const f of d.findings) {
    out.push(`✗ ${f.headline}`);
    if (!detail) continue;
    for (const e of f.evidence) out.push(`    ${e.text}${e.at ? `  (${e.at})` : ''}`);
    if (f.fix) out.push(`  → fix: ${f.fix}`);
  }
  return out;
}
