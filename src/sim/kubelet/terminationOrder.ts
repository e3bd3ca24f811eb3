// The order a pod's containers stop in (kuberuntime_termination_order.go): main containers
// first, then sidecars in reverse spec order, each sidecar only once every main container
// and every later sidecar has stopped. Regular init containers are never running then.
import type { ContainerRecord } from './containerRecord.js';

export class TerminationOrder {
  constructor(
    private readonly init: readonly ContainerRecord[],
    private readonly main: readonly ContainerRecord[],
  ) {}

  /** The running containers to stop, in the order their kills are issued. */
  *killOrder(): Generator<ContainerRecord> {
    for (const rec of this.main) yield rec;
    for (let i = this.init.length - 1; i >= 0; i--) yield this.init[i]!;
  }

  /** Whether a stop waits for its turn: only sidecars do. */
  ordered(rec: ContainerRecord): boolean {
    return rec.kind === 'sidecar';
  }

  /** A sidecar's turn came: no main container and no later sidecar is still up. */
  turnReady(rec: ContainerRecord): boolean {
    for (const m of this.main) if (m.running) return false;
    for (let i = rec.index + 1; i < this.init.length; i++) {
      const other = this.init[i]!;
      if (other.kind === 'sidecar' && other.running) return false;
    }
    return true;
  }
}
