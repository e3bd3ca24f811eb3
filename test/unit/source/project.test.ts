// The live source's projection: managedFields go, everything a view reads stays.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/kube/types.js';
import { project } from '../../../src/source/kube/project.js';

describe('project', () => {
  const cases: { name: string; given: Pod; kept: Pod }[] = [
    {
      name: 'drops managedFields, keeps labels, annotations, spec and status',
      given: {
        metadata: { name: 'a', labels: { app: 'a' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' }, managedFields: [{ manager: 'kubelet', operation: 'Update' }] },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
        status: { phase: 'Running' },
      } as Pod,
      kept: { metadata: { name: 'a', labels: { app: 'a' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, status: { phase: 'Running' } } as Pod,
    },
    { name: 'leaves an object without managedFields as it is', given: { metadata: { name: 'b' } }, kept: { metadata: { name: 'b' } } },
    { name: 'tolerates an object without metadata', given: {} as Pod, kept: {} as Pod },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(project(c.given)).toEqual(c.kept);
    });
  }
});
