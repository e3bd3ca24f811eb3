// The TUI's young generation stays at V8's starting size (1 MB a semi-space) instead of growing
// to its 16 MB maximum while a large first sync allocates: V8 never gives that space back, so
// a 10k-pod TUI kept ~30 MB more than one on an empty namespace (docs/benchmarks.md, "Memory
// per pod"). The maximum (--max-semi-space-size) is read only when the heap is set up, so it
// cannot be lowered from inside; the growth factor is read each time new space would grow.
// Measured at 10k pods, the sync's CPU did not grow: the objects a sync keeps are promoted
// either way, and what dies young dies in 1 MB as well as in 16.
import { setFlagsFromString } from 'node:v8';

export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
