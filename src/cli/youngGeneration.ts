// The TUI's young generation stays small instead of growing to its 16 MB-a-semi-space maximum
// while a large first sync allocates: V8 gives that space back only when allocation has been
// near zero for seconds, which a TUI taking deltas rarely is. The maximum
// (--max-semi-space-size) is read only when the heap is set up, so it cannot be lowered from
// inside; the growth factor is read each time new space would grow. Measured at 10k pods
// (memoryProbe, 2026-12-06): new space 8 MB with the factor at 1, 32 MB without (V8 still
// grows it from its 1 MB start by other paths); the sync's CPU did not grow: the objects a
// sync keeps are promoted either way, and what dies young dies in a small space as well.
import { setFlagsFromString } from 'node:v8';

export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
