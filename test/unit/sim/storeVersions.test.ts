// Versions a store did not issue (issue 12, item 1) and its history's byte bound (item 6).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/kube/apiError.js';
import type { Pod } from '../../../src/kube/types.js';
import { ManualClock } from '../../../src/sim/clock.js';
import { Random } from '../../../src/sim/random.js';
import { Store, type StoreOptions } from '../../../src/sim/store.js';

const pod = (name: string, annotations?: Record<string, string>): Pod => ({
  metadata: { name, namespace: 'default', annotations },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
});
const store = (options: StoreOptions = {}): Store => new Store(new ManualClock(0), new Random(1), options);

function watchError(s: Store, rv: string): ApiError {
  try {
    s.watch('Pod', { resourceVersion: rv }, () => {}).stop();
  } catch (err) {
    return err as ApiError;
  }
  throw new Error(`a watch from ${rv} was accepted`);
}

describe('Store versions', () => {
  it('issues versions above startResourceVersion and answers 410 for a watch from below it', () => {
    const s = store({ startResourceVersion: 5000 });
    expect(s.create('Pod', pod('a')).metadata!.resourceVersion).toBe('5001');
    const err = watchError(s, '42');
    expect([err.code, err.reason, err.message]).toEqual([410, 'Expired', 'too old resource version: 42 (5001)']);
    // From its own versions a watch resumes as before.
    const seen: string[] = [];
    s.watch('Pod', { resourceVersion: '5000' }, (ev) => seen.push(ev.object.metadata!.name!)).stop();
    expect(seen).toEqual(['a']);
  });

  it('answers a version it has not reached with the watch cache\'s 504 ResourceVersionTooLarge', () => {
    const s = store();
    s.create('Pod', pod('a'));
    const err = watchError(s, '99');
    expect([err.code, err.reason, err.message]).toEqual([504, 'Timeout', 'Too large resource version: 99, current: 1']);
    expect(err.details?.causes?.[0]?.reason).toBe('ResourceVersionTooLarge');
  });

  it('reserves versions a block ahead, before issuing any beyond the last reservation', () => {
    const reserved: number[] = [];
    const s = store({ startResourceVersion: 10, reserveVersions: (upTo) => reserved.push(upTo) });
    expect(reserved).toEqual([]);
    s.create('Pod', pod('a'));
    expect(reserved).toEqual([100_011]);
    for (let i = 0; i < 10; i++) s.create('Pod', pod(`p${i}`));
    expect(reserved).toEqual([100_011]);
  });

  it('bounds the history in bytes as well as in count', () => {
    const s = store({ historyBytes: 10_000, historySize: 1000 });
    s.create('Pod', pod('a'));
    const from = s.resourceVersion;
    for (let i = 0; i < 20; i++) s.update('Pod', { ...s.get('Pod', 'default', 'a')!, metadata: { ...s.get('Pod', 'default', 'a')!.metadata, annotations: { x: 'y'.repeat(1000) + i } } });
    expect(watchError(s, from).code).toBe(410);
    // The newest versions stay within reach.
    const recent = String(Number(s.resourceVersion) - 2);
    const seen: string[] = [];
    s.watch('Pod', { resourceVersion: recent }, (ev) => seen.push(ev.type)).stop();
    expect(seen).toEqual(['MODIFIED', 'MODIFIED']);
  });
});
