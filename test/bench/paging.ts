// The store's paged LIST: the cost of one page of 500 (kubectl's chunk size) while the list
// keeps growing between pages, as under a live cluster. It should not grow with the cluster.
import { ManualClock } from '../../src/sim/clock.js';
import { Random } from '../../src/sim/random.js';
import { Store } from '../../src/sim/store.js';

export function benchPaging(pods = 100_000, createsBetweenPages = 5, maxPages = 200): Record<string, number> {
  const store = new Store(new ManualClock(), new Random(1));
  for (let i = 0; i < pods; i++) store.create('Pod', { metadata: { name: `p-${i}`, namespace: 'default' } });
  let cont: string | undefined;
  let pages = 0;
  let ms = 0;
  let extra = 0;
  do {
    for (let k = 0; k < createsBetweenPages; k++) store.create('Pod', { metadata: { name: `x-${extra++}`, namespace: 'default' } });
    const t0 = performance.now();
    const page = store.list('Pod', { limit: 500, continue: cont });
    ms += performance.now() - t0;
    pages++;
    cont = page.continue;
  } while (cont !== undefined && pages < maxPages);
  return { 'paging.pods': pods, 'paging.pages': pages, 'paging.createsBetweenPages': createsBetweenPages, 'paging.msPerPage': Math.round((ms / pages) * 100) / 100 };
}
