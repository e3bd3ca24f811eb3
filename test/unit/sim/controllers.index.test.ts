import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/kube/types.js';
import { labelsEqual } from '../../../src/sim/controllers/labelsEqual.js';
import { OwnedIndex } from '../../../src/sim/controllers/ownedIndex.js';

function pod(name: string, owner?: string, phase?: string): Pod {
  return {
    metadata: {
      name,
      namespace: 'ns',
      ownerReferences: owner ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: owner, controller: true }] : undefined,
    },
    status: phase ? { phase } : undefined,
  };
}

const names = (pods: Pod[]): string[] => pods.map((p) => `${p.metadata!.name}:${p.status?.phase ?? '-'}`);

describe('labelsEqual', () => {
  it('agrees with comparing canonical JSON', () => {
    expect(labelsEqual(undefined, {})).toBe(true);
    expect(labelsEqual({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(labelsEqual({ a: '1', b: undefined }, { a: '1' })).toBe(true);
    expect(labelsEqual({ a: '1' }, { a: '2' })).toBe(false);
    expect(labelsEqual({ a: '1' }, { a: '1', b: '' })).toBe(false);
    expect(labelsEqual({ a: '1', c: '3' }, { a: '1', b: '3' })).toBe(false);
    expect(labelsEqual({ a: '1' }, { a: 1 })).toBe(false);
    expect(labelsEqual({ a: null }, { a: Number.NaN })).toBe(true);
  });
});

describe('OwnedIndex', () => {
  it('lists an owner’s children in the order they were last written', () => {
    const index = new OwnedIndex<Pod>();
    index.upsert(pod('a', 'u1'));
    index.upsert(pod('b', 'u1'));
    index.upsert(pod('a', 'u1', 'Running'));
    expect(names(index.ownedBy('u1'))).toEqual(['b:-', 'a:Running']);
    expect(index.get('ns/a')?.status?.phase).toBe('Running');
  });

  it('moves an object between owners and orphans and forgets removed ones', () => {
    const index = new OwnedIndex<Pod>();
    index.upsert(pod('a', 'u1'));
    index.upsert(pod('b'));
    index.upsert(pod('a'));
    expect(index.ownedBy('u1')).toEqual([]);
    expect(names(index.orphans('ns'))).toEqual(['b:-', 'a:-']);
    index.upsert(pod('b', 'u2', 'Pending'));
    expect(names(index.orphans('ns'))).toEqual(['a:-']);
    expect(names(index.ownedBy('u2'))).toEqual(['b:Pending']);
    index.remove(pod('b', 'u2'));
    index.remove(pod('a'));
    expect(index.ownedBy('u2')).toEqual([]);
    expect(index.orphans('ns')).toEqual([]);
    expect(index.get('ns/a')).toBeUndefined();
    index.upsert(pod('a', 'u2'));
    expect(names(index.ownedBy('u2'))).toEqual(['a:-']);
  });
});
