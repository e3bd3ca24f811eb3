import { describe, expect, it } from 'vitest';
import { SimSource } from '../../../src/source/sim.js';
import { harness, runningPod } from './simHarness.js';

describe('delete carries the uid it was confirmed for', () => {
  it('a pod replaced under the same name (a StatefulSet pod) is reported gone and the newcomer lives', async () => {
    const h = harness();
    const old = h.api.create('Pod', runningPod('web-0'));
    h.api.delete('Pod', 'default', 'web-0', { gracePeriodSeconds: 0 });
    const replacement = h.api.create('Pod', runningPod('web-0'));
    const source = new SimSource(h, { scenario: 'test' });
    const outcome = await source.deletePod('default', 'web-0', 5, old.metadata!.uid);
    expect(outcome.kind).toBe('notFound');
    expect(h.store.get('Pod', 'default', 'web-0')?.metadata?.uid).toBe(replacement.metadata!.uid);
    expect(h.store.get('Pod', 'default', 'web-0')?.metadata?.deletionTimestamp).toBeUndefined();
    source.close();
  });

  it('the pod it was confirmed for is deleted with the typed grace', async () => {
    const h = harness();
    const pod = h.api.create('Pod', runningPod('web-1'));
    const source = new SimSource(h, { scenario: 'test' });
    expect(await source.deletePod('default', 'web-1', 5, pod.metadata!.uid)).toEqual({ kind: 'deleting', graceSeconds: 5 });
    source.close();
  });
});
