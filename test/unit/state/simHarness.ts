// A Store + SimApi with pass-through admission and hand-made pods: enough cluster to drive
// the source and the UI state before (or without) the full simulator engine.
import type { Kind, KindMap, Pod } from '../../../src/kube/types.js';
import { SimApi } from '../../../src/sim/api.js';
import { ManualClock } from '../../../src/sim/clock.js';
import { Random } from '../../../src/sim/random.js';
import { Store } from '../../../src/sim/store.js';

export interface Harness {
  clock: ManualClock;
  store: Store;
  api: SimApi;
}

export function harness(namespaces: string[] = ['default']): Harness {
  const clock = new ManualClock();
  const random = new Random(7);
  const store = new Store(clock, random);
  const api = new SimApi(store, clock, random, {
    admit<K extends Kind>(_kind: K, obj: KindMap[K]): KindMap[K] {
      return obj;
    },
  });
  for (const name of namespaces) store.create('Namespace', { metadata: { name } });
  return { clock, store, api };
}

/** Waits until every scheduled macrotask chain has drained (no sleeping). */
export async function turns(n = 3): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

export function runningPod(name: string, namespace = 'default', grace = 30): Pod {
  return {
    metadata: { name, namespace, labels: { app: name.split('-')[0]! } },
    spec: { containers: [{ name: 'app', image: 'nginx' }], nodeName: 'node-1', terminationGracePeriodSeconds: grace },
    status: {
      phase: 'Running',
      podIPs: [{ ip: '10.0.0.9' }],
      containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: { running: {} } }],
    },
  };
}
