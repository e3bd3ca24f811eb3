// The simulated clock as `sim serve` advertises it on every response, so a client whose
// cluster runs at --speed X computes ages from the cluster's time instead of its own.
// Format: `now=<epoch ms>; speed=<x>; scenario=<URI-encoded name>`, and `; paused=1` while the
// simulator's time stands still (rehearsing), when a client must not carry the time forward.

export const SIM_CLOCK_HEADER = 'X-Podscope-Sim-Clock';

/**
 * The first resourceVersion of this server's history (beside the clock, on authenticated
 * responses): versions at or below it were issued by an earlier run of `sim serve`, so a
 * client holding one talks to a new incarnation and must relist (a watch from it gets 410).
 */
export const SIM_FIRST_VERSION_HEADER = 'X-Podscope-Sim-First-Version';

export interface SimClockStamp {
  nowMs: number;
  speed: number;
  scenario: string;
  /** Time stands still: a client keeps `nowMs` instead of extrapolating at `speed`. */
  paused?: boolean;
}

export function formatSimClock(stamp: SimClockStamp): string {
  const base = `now=${stamp.nowMs}; speed=${stamp.speed}; scenario=${encodeURIComponent(stamp.scenario)}`;
  return stamp.paused ? `${base}; paused=1` : base;
}

/** The stamp in a header value, or undefined when it is not one `formatSimClock` writes. */
export function parseSimClock(value: string): SimClockStamp | undefined {
  const fields = new Map<string, string>();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const nowText = fields.get('now');
  const speedText = fields.get('speed');
  if (nowText === undefined || speedText === undefined || !/^\d+$/.test(nowText)) return undefined;
  const nowMs = Number(nowText);
  const speed = Number(speedText);
  if (!Number.isSafeInteger(nowMs) || !(speed > 0) || !Number.isFinite(speed)) return undefined;
  let scenario = '';
  try {
    scenario = decodeURIComponent(fields.get('scenario') ?? '');
  } catch {
    // A malformed name does not make the clock wrong.
  }
  return fields.get('paused') === '1' ? { nowMs, speed, scenario, paused: true } : { nowMs, speed, scenario };
}
