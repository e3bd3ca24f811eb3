// Which pods kubectl's `describe pvc` lists under "Used By" (getPodsForPVC).
import { describe, expect, it } from 'vitest';
import { podsUsingClaim } from '../../src/kube/describe/describeStorage.js';
import type { PersistentVolumeClaim, Pod } from '../../src/kube/types.js';

function pod(name: string, claims: string[]): Pod {
  return { metadata: { name, uid: `uid-${name}` }, spec: { containers: [], volumes: claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } })) } };
}

function claim(name: string, ownerPods: string[] = []): PersistentVolumeClaim {
  return { metadata: { name, ownerReferences: ownerPods.map((p) => ({ apiVersion: 'v1', kind: 'Pod', name: p, uid: `uid-${p}` })) } };
}

describe('podsUsingClaim', () => {
  const pods = [pod('a', ['data']), pod('b', ['data', 'data']), pod('c', ['other']), pod('d', [])];
  it.each([
    ['a claim no pod names', claim('none'), []],
    ['one entry per volume naming the claim', claim('data'), ['a', 'b', 'b']],
    ['an owning pod that does not mount it is added', claim('other', ['d']), ['c', 'd']],
    ['an owning pod already listed is not added again', claim('data', ['a']), ['a', 'b', 'b']],
    ['an owner that no longer exists is skipped', claim('data', ['gone']), ['a', 'b', 'b']],
  ] as const)('%s', (_, pvc, names) => {
    expect(podsUsingClaim(pvc, pods).map((p) => p.metadata!.name)).toEqual(names);
  });

  it('only owner references of kind Pod count', () => {
    const pvc: PersistentVolumeClaim = { metadata: { name: 'x', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'd', uid: 'uid-d' }] } };
    expect(podsUsingClaim(pvc, pods)).toEqual([]);
  });
});
