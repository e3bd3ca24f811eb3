import { describe, expect, it } from 'vitest';
import {
  EVENT_COLUMNS,
  POD_COLUMNS,
  eventTable,
  partialObjectMetadata,
  podTable,
} from '../../src/kube/table.js';
import type { Event, Pod } from '../../src/kube/types.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');

const runningPod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'shop', uid: 'u-1', resourceVersion: '7', creationTimestamp: '2025-06-01T11:00:00Z' },
  spec: { containers: [{ name: 'app', image: 'nginx' }], nodeName: 'node-a' },
  status: {
    phase: 'Running',
    podIPs: [{ ip: '10.0.0.5' }],
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [
      { name: 'app', image: 'nginx', imageID: '', ready: true, started: true, restartCount: 0, state: { running: {} } },
    ],
  },
};

const succeededPod: Pod = {
  metadata: { name: 'job-1', namespace: 'shop', creationTimestamp: '2025-06-01T11:59:00Z' },
  spec: { containers: [{ name: 'main', image: 'busybox' }] },
  status: {
    phase: 'Succeeded',
    containerStatuses: [
      { name: 'main', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
    ],
  },
};

describe('podTable', () => {
  it('declares the printPod columns with names, types, formats and priorities', () => {
    const t = podTable([], NOW, 'Metadata');
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.rows).toEqual([]);
    expect(t.columnDefinitions.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ]);
    expect(t.columnDefinitions[1]!.description).toBe('The aggregate readiness state of this pod for accepting traffic.');
    expect(t.columnDefinitions[3]!.description).toBe(
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    );
    expect(t.columnDefinitions[4]!.description).toContain('It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system.');
    expect(t.columnDefinitions[8]!.description).toContain('have status equal to "True" More info');
  });

  it('fills every cell, wide ones included, and a PartialObjectMetadata by default', () => {
    const t = podTable([runningPod], NOW, 'Metadata');
    expect(t.rows).toEqual([
      {
        cells: ['web-1', '1/1', 'Running', '0', '60m', '10.0.0.5', 'node-a', '<none>', '<none>'],
        object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: runningPod.metadata },
      },
    ]);
  });

  it('serializes a row with cells, conditions, object in that order', () => {
    const t = podTable([succeededPod], NOW, 'None');
    expect(JSON.stringify(t.rows[0])).toBe(
      '{"cells":["job-1","0/1","Completed","0","60s","<none>","<none>","<none>","<none>"],' +
        '"conditions":[{"type":"Completed","status":"True","reason":"Succeeded","message":"The pod has completed successfully."}],' +
        '"object":null}',
    );
  });

  it('marks failed pods with the Failed row condition', () => {
    const failed: Pod = { ...succeededPod, status: { ...succeededPod.status, phase: 'Failed', reason: 'Evicted' } };
    expect(podTable([failed], NOW, 'None').rows[0]!.conditions).toEqual([
      { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
    ]);
    expect(podTable([runningPod], NOW, 'None').rows[0]!.conditions).toBeUndefined();
  });

  it('includeObject=Object carries the whole pod', () => {
    expect(podTable([runningPod], NOW, 'Object').rows[0]!.object).toBe(runningPod);
  });

  it('copies list metadata and honours noHeaders', () => {
    const t = podTable([runningPod], NOW, 'None', {
      listMeta: { resourceVersion: '42', continue: 'tok', remainingItemCount: 3 },
      noHeaders: true,
    });
    expect(t.metadata).toEqual({ resourceVersion: '42', continue: 'tok', remainingItemCount: 3 });
    expect(t.columnDefinitions).toEqual([]);
    expect(podTable([], NOW, 'None').metadata).toEqual({});
  });

  it('hands out copies of the column definitions', () => {
    const t = podTable([], NOW, 'None');
    t.columnDefinitions[0]!.name = 'mutated';
    expect(POD_COLUMNS[0]!.name).toBe('Name');
  });
});

describe('eventTable', () => {
  const ev: Event = {
    metadata: { name: 'web-1.17f', namespace: 'shop' },
    involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{app}' },
    reason: 'Started',
    message: 'Started container app',
    type: 'Normal',
    source: { component: 'kubelet', host: 'node-a' },
    firstTimestamp: '2025-06-01T11:58:00Z',
    lastTimestamp: '2025-06-01T11:59:30Z',
    count: 2,
  };

  it('declares the printEvent columns', () => {
    expect(EVENT_COLUMNS.map((c) => [c.name, c.format, c.priority])).toEqual([
      ['Last Seen', '', 0],
      ['Type', '', 0],
      ['Reason', '', 0],
      ['Object', '', 0],
      ['Subobject', '', 1],
      ['Source', '', 1],
      ['Message', '', 0],
      ['First Seen', '', 1],
      ['Count', '', 1],
      ['Name', 'name', 1],
    ]);
    expect(EVENT_COLUMNS.every((c) => c.type === 'string')).toBe(true);
  });

  it('prints the wide cells with the count as a number', () => {
    const t = eventTable([ev], NOW, 'Metadata');
    expect(t.rows[0]!.cells).toEqual([
      '30s',
      'Normal',
      'Started',
      'pod/web-1',
      'spec.containers{app}',
      'kubelet, node-a',
      'Started container app',
      '2m',
      2,
      'web-1.17f',
    ]);
    expect(t.rows[0]!.object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: ev.metadata });
  });
});

describe('partialObjectMetadata', () => {
  it('wraps the metadata', () => {
    expect(partialObjectMetadata({ kind: 'Pod', metadata: { name: 'x', labels: { a: 'b' } } })).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: 'x', labels: { a: 'b' } },
    });
    expect(partialObjectMetadata({})).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: {} });
  });
});
