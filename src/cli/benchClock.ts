// The clock of the bench hooks (PODSCOPE_FRAME_LOG, PODSCOPE_START_TRACE): milliseconds on the
// machine's monotonic clock (CLOCK_MONOTONIC, what process.hrtime and performance.now() count
// on). Every process on the machine reads the same one, so no wall-clock step between a bench
// driver's start and the TUI's (NTP, a VM's clock catching up) can shift the TUI's stamps
// against the driver's, as it could shift the epoch stamps (performance.timeOrigin +
// performance.now()) older builds wrote: each process fixes its timeOrigin from the wall clock
// once, as it starts.

/** Now, in ms on the monotonic clock. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** When this process began (Node's time origin, from which performance.now() counts), in ms on the monotonic clock. */
export function processStartMs(): number {
  return monotonicMs() - performance.now();
}

/** Stamps above this are epoch ms (the monotonic clock counts from boot: 1e12 ms is 31 years of uptime). */
const EPOCH_FLOOR_MS = 1e12;

/**
 * A hook's stamp on the reading process's own clock, performance.timeOrigin + performance.now()
 * (what a bench driver times with): a monotonic stamp moved by this process's fixed offset
 * between the two, exact whatever the wall clock did; an older build's epoch stamp as it is.
 */
export function onThisClock(at: number): number {
  return at > EPOCH_FLOOR_MS ? at : at + performance.timeOrigin - processStartMs();
}
