// The TUI's old generation grows by half its live size between full collections, not by up to
// four times: V8 picks its growing factor from how fast it collects against how fast the
// program runs, and for a TUI holding 100k pods that is near its maximum, so the garbage of the
// Events' first sync, the crash loops and the metrics polls sat on top of ~155 MB of live data
// until the heap reached ~570 MB (6.9 KB a pod above the empty namespace a minute after the
// sync). Capped at 1.5×, measured at 100k pods (memoryProbe, 2026-12-06): 2.1–2.6 KB a pod over
// that minute, the sync's CPU and time unchanged (12.0 s of CPU against 12.2; 21.6 s against
// 22.1 back to back), keystroke p95s all under 9 ms; a full collection every 5–8 s while the
// Events sync, each pausing 8–14 ms at its end. The flag is read whenever V8 sets the next
// limit, so it is set once the UI's modules are compiled (see youngGeneration.ts), before the sync.
import { setFlagsFromString } from 'node:v8';

/** The old generation may grow to live × (1 + this / 100) before the next full collection. */
export const OLD_GENERATION_GROWTH_PERCENT = 50;

export function capOldGenerationGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${OLD_GENERATION_GROWTH_PERCENT}`);
}
