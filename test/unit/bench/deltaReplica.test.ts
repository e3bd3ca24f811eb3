import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/kube/types.js';
import type { DeltaBatch } from '../../../src/source/types.js';
import { DeltaReplica, differences } from '../../bench/deltaReplica.js';

const pod = (name: string, rv: number, uid = `uid-${name}`): KubeObject => ({ metadata: { namespace: 'ns', name, uid, resourceVersion: String(rv) } });

describe('DeltaReplica', () => {
  it.each<{ name: string; batches: DeltaBatch<KubeObject>[]; held: Record<string, string>; anomalies: string[] }>([
    {
      name: 'a reset, then news in order: no anomaly',
      batches: [[{ type: 'RESET', objects: [pod('a', 1), pod('b', 2)] }], [{ type: 'MODIFIED', object: pod('a', 3) }, { type: 'ADDED', object: pod('c', 4) }, { type: 'DELETED', object: pod('b', 5) }]],
      held: { 'ns/a': 'uid-a@3', 'ns/c': 'uid-c@4' },
      anomalies: [],
    },
    {
      name: 'an ADDED of a key held: duplicated',
      batches: [[{ type: 'ADDED', object: pod('a', 1) }, { type: 'ADDED', object: pod('a', 1) }]],
      held: { 'ns/a': 'uid-a@1' },
      anomalies: ['ADDED ns/a uid-a@1, already held at uid-a@1', 'ADDED ns/a uid-a@1, not newer than the uid-a@1 held'],
    },
    {
      name: 'the same MODIFIED twice: not newer',
      batches: [[{ type: 'ADDED', object: pod('a', 1) }, { type: 'MODIFIED', object: pod('a', 2) }, { type: 'MODIFIED', object: pod('a', 2) }]],
      held: { 'ns/a': 'uid-a@2' },
      anomalies: ['MODIFIED ns/a uid-a@2, not newer than the uid-a@2 held'],
    },
    {
      name: 'an older version after a newer one: out of order',
      batches: [[{ type: 'ADDED', object: pod('a', 5) }], [{ type: 'MODIFIED', object: pod('a', 4) }]],
      held: { 'ns/a': 'uid-a@4' },
      anomalies: ['MODIFIED ns/a uid-a@4, not newer than the uid-a@5 held'],
    },
    {
      name: 'MODIFIED and DELETED of keys never added',
      batches: [[{ type: 'MODIFIED', object: pod('a', 1) }, { type: 'DELETED', object: pod('b', 2) }]],
      held: { 'ns/a': 'uid-a@1' },
      anomalies: ['MODIFIED ns/a uid-a@1, not held', 'DELETED ns/b uid-b@2, not held'],
    },
    {
      name: 'a RESET naming a key twice',
      batches: [[{ type: 'RESET', objects: [pod('a', 1), pod('a', 2)] }]],
      held: { 'ns/a': 'uid-a@2' },
      anomalies: ['RESET names ns/a twice'],
    },
    {
      name: 'a later RESET replaces what was held',
      batches: [[{ type: 'ADDED', object: pod('a', 1) }], [{ type: 'RESET', objects: [pod('b', 7)] }]],
      held: { 'ns/b': 'uid-b@7' },
      anomalies: [],
    },
  ])('$name', ({ batches, held, anomalies }) => {
    const r = new DeltaReplica();
    for (const b of batches) r.apply(b);
    expect(Object.fromEntries(r.held)).toEqual(held);
    expect(r.anomalies).toEqual(anomalies);
  });
});

describe('differences', () => {
  it('names a missed write, a missing object and a ghost; nothing when equal', () => {
    const server = new Map([
      ['ns/a', 'u@3'],
      ['ns/b', 'u@4'],
    ]);
    expect(differences(server, new Map(server))).toEqual([]);
    expect(
      differences(
        server,
        new Map([
          ['ns/a', 'u@2'],
          ['ns/c', 'u@9'],
        ]),
      ),
    ).toEqual(['ns/a: server u@3, view u@2', 'ns/b: server u@4, view missing', 'ns/c: view u@9, not on the server']);
  });
});
