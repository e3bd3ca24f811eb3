// The reasons the diagnosis rules read are one fact (eventReasons.ts): every reason a rule
// compares an event's reason with is in it, and every reason in it is read by some rule, so
// the bounded event store (which keeps events by it) can neither miss one nor keep a stale one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTAINER_STEP_REASONS, DIAGNOSIS_EVENT_REASONS } from '../../../src/kube/diagnosis/eventReasons.js';

const RULES = join(__dirname, '../../../src/kube/diagnosis/rules');

/** `e.reason === 'X'` (and `step?.reason === 'X'`, the starting rule's newest step) in a rule's source. */
function reasonsRead(source: string): string[] {
  return [...source.matchAll(/\b(?:e|step)\??\.reason === '([A-Za-z]+)'/g)].map((m) => m[1]!);
}

describe('DIAGNOSIS_EVENT_REASONS', () => {
  const sources = readdirSync(RULES)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: f, text: readFileSync(join(RULES, f), 'utf8') }));

  it('holds every reason a rule reads', () => {
    const read = sources.flatMap((s) => reasonsRead(s.text).map((r) => `${s.file}: ${r}`));
    expect(read.length).toBeGreaterThan(5);
    for (const line of read) expect(DIAGNOSIS_EVENT_REASONS.has(line.split(': ')[1]!), line).toBe(true);
  });

  it('holds no reason no rule reads (the steps are read through CONTAINER_STEP_REASONS)', () => {
    const read = new Set(sources.flatMap((s) => reasonsRead(s.text)));
    const stepsUsed = sources.some((s) => s.text.includes('CONTAINER_STEP_REASONS.has('));
    expect(stepsUsed).toBe(true);
    for (const reason of DIAGNOSIS_EVENT_REASONS) expect(read.has(reason) || CONTAINER_STEP_REASONS.has(reason), reason).toBe(true);
  });
});
