// The pods and events kubectl 1.33 described for the describe goldens (real API objects):
// diagnosis names each one's cause, and the healthy ones are Ready or Completed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../../src/kube/diagnosis/index.js';
import type { Event, Pod } from '../../../../src/kube/types.js';

const DIR = new URL('../../../golden/describe/', import.meta.url);
const NOW_MS = Date.parse('2025-06-01T12:30:00.500Z');
const load = <T,>(name: string): T => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as T;

describe('diagnosis of the describe goldens', () => {
  it.each([
    ['crashloop', 'crash-loop', /^crash-looping \(exit 1\), next in 1m27s$/],
    ['oomkilled', 'oom-killed', /^OOMKilled \(limit 100Mi\)$/],
    ['probes', 'readiness', /^readiness failing \(47x\)$/],
    ['terminating', 'terminating', /^terminating, grace over$/],
    ['two-containers', 'exited', /^debian-container exited 0, not restarted$/],
    ['unschedulable', 'unschedulable', /^unschedulable: Insufficient cpu$/],
  ])('%s → %s', (name, cause, short) => {
    const d = diagnose({ pod: load<Pod>(`${name}.pod.json`), events: load<Event[]>(`${name}.events.json`), nowMs: NOW_MS });
    expect(d.findings[0]?.cause).toBe(cause);
    expect(d.summary).toMatch(short);
  });

  it.each([
    ['nginx', 'Ready'],
    ['env', 'Ready'],
    ['init-sidecar', 'Ready'],
    ['resources-guaranteed', 'Ready'],
    ['job-completed', 'Completed'],
  ])('%s → %s, no findings', (name, summary) => {
    const d = diagnose({ pod: load<Pod>(`${name}.pod.json`), events: load<Event[]>(`${name}.events.json`), nowMs: NOW_MS });
    expect(d.findings).toEqual([]);
    expect(d.summary).toBe(summary);
  });
});
