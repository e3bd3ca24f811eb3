// Each sort key's keyed order (the radix sort of the identity order, podSort.orderFor) equals
// the comparator's full sort, ascending and descending, usage keys included; and the pod
// table's order after deltas equals a fresh sort.
import { describe, expect, it } from 'vitest';
import { makePodEntry, PodProjector, type PodEntry } from '../../../src/state/podEntry.js';
import { byIdentity, comparatorFor, orderFor, type SortKey } from '../../../src/state/podSort.js';
import { orderByKey } from '../../../src/state/keyedOrder.js';
import { PodTable } from '../../../src/state/podTable.js';
import type { Usage } from '../../../src/kube/metricsColumns.js';
import { pod } from './fixtures.js';

const STATUSES = [undefined, 'CrashLoopBackOff', 'Pending', 'Completed'] as const;

function pods(count: number) {
  return Array.from({ length: count }, (_, i) =>
    pod({
      name: `p-${(i * 37) % count}`,
      namespace: ['a', 'b', 'c'][i % 3],
      created: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 50) * 1000).toISOString(),
      restarts: (i * 13) % 5,
      status: STATUSES[i % 4],
    }),
  );
}

const usage = (_namespace: string, name: string): Usage | undefined => {
  const n = Number(name.slice(2));
  if (n % 5 === 0) return undefined;
  return { cpuMillis: (n % 9) * 1.5, memBytes: (n % 4) * 2 ** 33 };
};

describe('orderFor', () => {
  const projector = new PodProjector();
  const entries: PodEntry[] = pods(300).map((p) => makePodEntry(p, projector));
  const byId = [...entries].sort(byIdentity);
  it.each(['name', 'age', 'status', 'restarts', 'cpu', 'mem'] as SortKey[])('%s: the keyed order is the comparator\'s', (key) => {
    for (const descending of [false, true]) {
      const sort = { key, descending };
      const order = orderFor(sort, usage);
      const want = [...entries].sort(comparatorFor(sort, usage)).map((e) => e.uid);
      const asc = order.primary ? orderByKey(byId, order.primary) : byId.slice();
      expect((descending ? asc.reverse() : asc).map((e) => e.uid)).toEqual(want);
    }
  });
});

describe('PodTable sorts', () => {
  it('keep the comparator\'s order through new keys, reversals and deltas', () => {
    const all = pods(200);
    const t = new PodTable({ now: () => 0, usage });
    t.apply([{ type: 'RESET', objects: all.slice(0, 150) }]);
    const keys: SortKey[] = ['status', 'status', 'restarts', 'age', 'name', 'name', 'cpu', 'mem', 'mem', 'age'];
    keys.forEach((key, i) => {
      t.toggleSort(key);
      t.apply([
        { type: 'ADDED', object: all[150 + i]! },
        { type: 'DELETED', object: all[i]! },
        { type: 'MODIFIED', object: pod({ name: all[20 + i]!.metadata!.name!, namespace: all[20 + i]!.metadata!.namespace, restarts: 9, status: 'Pending' }) },
      ]);
      const want = [...t.all()].sort(comparatorFor(t.sort, usage)).map((e) => e.uid);
      expect(t.all().map((e) => e.uid)).toEqual(want);
    });
  });
});
