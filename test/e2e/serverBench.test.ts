// Keeps the server bench runnable (small sizes) and shows its numbers in the test log.
import { expect, it } from 'vitest';
import { benchServer } from '../bench/server.js';

it('the server bench runs and every watcher gets every event', async () => {
  const r = await benchServer({ pods: 500, watchers: 3, eventsPerSecond: 1_000, seconds: 1 });
  expect(r['server.watchEventsDelivered']).toBe(3 * 1_000);
  expect(r['server.listJsonBytes']).toBeGreaterThan(500 * 1_000);
}, 60_000);
