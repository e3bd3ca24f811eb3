// The cluster's clock as a served simulator advertises it: each response's stamp, placed at
// the midpoint of its request's round trip, and carried forward at the simulator's speed.
import { parseSimClock, SIM_CLOCK_HEADER } from '../../kube/simClockHeader.js';

export const SIM_CLOCK_HEADER_KEY = SIM_CLOCK_HEADER.toLowerCase();

export interface SimClockReading {
  speed: number;
  scenario: string;
  /** The served simulator's time stands still (rehearsing): now() stays at the stamp. */
  paused: boolean;
  /** Simulated time at wall-clock `wallMs` (both epoch ms), extrapolated at `speed`. */
  now(wallMs?: number): number;
}

/**
 * A reading from one response's header value, or undefined when the server sent none (a
 * real cluster) or an unreadable one. The server stamped its clock somewhere between
 * `sentAt` and `receivedAt`; the midpoint halves the error a slow round trip causes.
 */
export function readSimClock(headerValue: string | undefined, sentAt: number, receivedAt: number): SimClockReading | undefined {
  if (headerValue === undefined) return undefined;
  const stamp = parseSimClock(headerValue);
  if (stamp === undefined) return undefined;
  const stampedAt = (sentAt + receivedAt) / 2;
  return {
    speed: stamp.speed,
    scenario: stamp.scenario,
    paused: stamp.paused === true,
    now: (wallMs = Date.now()) => (stamp.paused ? stamp.nowMs : Math.floor(stamp.nowMs + (wallMs - stampedAt) * stamp.speed)),
  };
}
