// A diagnosis as plain lines: the pane in the pod view and `podscope why` print the same.
//   ✗ container app is crash-looping: exit 1 20s ago, restarted 3 times, next start in 40s
//       lastState.terminated Error exit 1  (12:00:04Z)
//     → fix: the program exits with 1: …
import type { Diagnosis } from './types.js';

export function diagnosisLines(d: Diagnosis): string[] {
  if (d.findings.length === 0) return [d.summary === 'Ready' ? '✓ Ready: nothing keeps it from serving' : d.summary === 'Completed' ? '✓ Completed: every container exited 0' : `${d.summary}: nothing to say`];
  const out: string[] = [];
  for (const f of d.findings) {
    out.push(`✗ ${f.headline}`);
    for (const e of f.evidence) out.push(`    ${e.text}${e.at ? `  (${e.at})` : ''}`);
    if (f.fix) out.push(`  → fix: ${f.fix}`);
  }
  return out;
}
