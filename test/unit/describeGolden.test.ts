// Golden files: test/golden/describe/<case>.txt is what kubectl 1.33.1 printed (TZ=UTC) for
// <case>.pod.json and <case>.events.json, served by a capture API server whose clock made
// "now" 2025-06-01T12:30:00.5Z for the event and deletion ages.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describePod } from '../../src/kube/describe/describePod.js';
import { utcZone } from '../../src/kube/describe/timeFormat.js';
import type { Event, Pod } from '../../src/kube/types.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../golden/describe');
const NOW_MS = Date.parse('2025-06-01T12:30:00.500Z');
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.slice(0, -'.txt'.length))
  .sort();

function load<T>(name: string): T {
  return JSON.parse(readFileSync(join(DIR, name), 'utf8')) as T;
}

describe('describePod matches kubectl 1.33 byte for byte', () => {
  it('has the golden cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(14);
  });
  it.each(cases)('%s', (name) => {
    const pod = load<Pod>(`${name}.pod.json`);
    const events = load<Event[]>(`${name}.events.json`);
    const expected = readFileSync(join(DIR, `${name}.txt`), 'utf8');
    expect(describePod(pod, events, NOW_MS, { zone: utcZone })).toBe(expected);
  });
});
