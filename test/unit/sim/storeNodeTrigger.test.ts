// A pods watch with a nodeName trigger (what each kubelet opens) sees exactly what a watch
// filtered by spec.nodeName sees, in the same order among the other watchers.
import { describe, expect, it } from 'vitest';
import type { Pod, WatchEvent } from '../../../src/kube/types.js';
import { ManualClock } from '../../../src/sim/clock.js';
import { Random } from '../../../src/sim/random.js';
import { Store } from '../../../src/sim/store.js';

const pod = (name: string, nodeName?: string): Pod => ({
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...(nodeName ? { nodeName } : {}) },
});

const seen = (log: string[], who: string) => (ev: WatchEvent<Pod>) => log.push(`${who} ${ev.type} ${ev.object.metadata!.name} ${ev.object.metadata!.resourceVersion}`);

describe('Store pods watch with a nodeName trigger', () => {
  it('sees what the spec.nodeName filter sees: binding as ADDED, writes on its node, deletion; nothing of other nodes', () => {
    const s = new Store(new ManualClock(0), new Random(1));
    s.create('Pod', pod('early', 'n1'));
    const triggered: string[] = [];
    const filtered: string[] = [];
    const all: string[] = [];
    const a = s.watch('Pod', { nodeName: 'n1' }, seen(triggered, 'w'));
    const b = s.watch('Pod', { filter: (p) => p.spec?.nodeName === 'n1' }, seen(filtered, 'w'));
    s.watch('Pod', {}, seen(all, 'all'));
    const p = s.create('Pod', pod('p'));
    s.create('Pod', pod('q', 'n2'));
    s.update('Pod', { ...p, spec: { ...p.spec!, nodeName: 'n1' } });
    const bound = s.get('Pod', 'default', 'p')!;
    s.update('Pod', { ...bound, status: { phase: 'Running' } });
    const q = s.get('Pod', 'default', 'q')!;
    s.update('Pod', { ...q, status: { phase: 'Running' } });
    s.remove('Pod', 'default', 'p');
    expect(triggered).toEqual(['w ADDED early 1', 'w ADDED p 4', 'w MODIFIED p 5', 'w DELETED p 7']);
    expect(triggered).toEqual(filtered);
    expect(all).toHaveLength(7);
    a.stop();
    a.stop();
    b.stop();
    s.create('Pod', pod('later', 'n1'));
    expect(triggered).toHaveLength(4);
  });

  it('ANDs the trigger with a filter of its own, resumes from a version, and is refused for other kinds', () => {
    const s = new Store(new ManualClock(0), new Random(1));
    s.create('Pod', pod('a', 'n1'));
    const from = s.resourceVersion;
    s.create('Pod', { ...pod('b', 'n1'), metadata: { name: 'b', namespace: 'default', labels: { keep: 'yes' } } });
    s.create('Pod', pod('c', 'n1'));
    s.create('Pod', { ...pod('d', 'n2'), metadata: { name: 'd', namespace: 'default', labels: { keep: 'yes' } } });
    const log: string[] = [];
    s.watch('Pod', { nodeName: 'n1', filter: (p) => p.metadata?.labels?.keep === 'yes', resourceVersion: from }, seen(log, 'w'));
    expect(log).toEqual(['w ADDED b 2']);
    expect(() => s.watch('Node', { nodeName: 'n1' }, () => {})).toThrow(/nodeName trigger is for pods only/);
  });
});
