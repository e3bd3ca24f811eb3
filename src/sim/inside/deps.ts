// What the inside reads the cluster through.
import type { Clock } from '../clock.js';
import type { KubeletFleet } from '../kubelet/fleet.js';
import type { Store } from '../store.js';
import type { Layers } from './fs/layers.js';

export interface InsideDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly kubelets: KubeletFleet;
  readonly layers: Layers;
}
