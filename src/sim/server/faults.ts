// The fault injector behind `sim serve --faults` (the language is in faultSpec.ts). Every
// random choice comes from one seeded generator, drawn in a fixed order per request, so a
// spec and seed replay the same faults for the same sequence of requests. Periodic faults
// run on real-time intervals from the moment the server starts.
import type { ServerResponse } from 'node:http';
import { ApiError, tooOldResourceVersion } from '../../kube/apiError.js';
import { Random } from '../random.js';
import type { FaultCode, FaultSpec } from './faultSpec.js';
import { writeError } from './respond.js';
import type { WatchStream } from './watchStream.js';

export interface FaultTarget {
  watches(): Iterable<WatchStream>;
  /** Closes every connection, as a stopped process would. */
  closeAllConnections(): void;
  /** Forgets the watch history (Store.compactHistory) and says the version the store is at. */
  compactHistory(): number;
}

export type FaultKind = 'error500' | 'error429' | 'error503' | 'latency' | 'hang' | 'cutList' | 'dropWatch' | 'malformedWatch' | 'expireWatch' | 'restart';

function injected(code: FaultCode): ApiError {
  switch (code) {
    case 500:
      return new ApiError(500, 'InternalError', 'Internal error occurred: injected fault (sim serve --faults)');
    case 429:
      // The apiserver's max-in-flight answer.
      return new ApiError(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds: 1 });
    case 503:
      return new ApiError(503, 'ServiceUnavailable', 'The server is currently unable to handle the request (injected fault: sim serve --faults)');
  }
}

export class FaultInjector {
  private readonly random: Random;
  private readonly timers: NodeJS.Timeout[] = [];
  /** How many faults of each kind were injected (diagnostics, tests, RELIABILITY.md figures). */
  readonly counts: Record<FaultKind, number> = {
    error500: 0,
    error429: 0,
    error503: 0,
    latency: 0,
    hang: 0,
    cutList: 0,
    dropWatch: 0,
    malformedWatch: 0,
    expireWatch: 0,
    restart: 0,
  };

  constructor(
    readonly spec: FaultSpec,
    private readonly target: FaultTarget,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms).unref()),
  ) {
    this.random = new Random(spec.seed);
  }

  start(): void {
    const every = (ms: number | undefined, fn: () => void): void => {
      if (ms === undefined) return;
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.spec.dropWatchEveryMs, () => this.dropWatches());
    every(this.spec.malformedWatchEveryMs, () => this.malformWatches());
    every(this.spec.expireWatchEveryMs, () => this.expireWatches());
    every(this.spec.restartEveryMs, () => this.restart());
  }

  stop(): void {
    for (const t of this.timers.splice(0)) clearInterval(t);
  }

  dropWatches(): void {
    for (const w of [...this.target.watches()]) (this.counts.dropWatch++, w.drop());
  }

  malformWatches(): void {
    for (const w of [...this.target.watches()]) (this.counts.malformedWatch++, w.sendMalformedLine());
  }

  expireWatches(): void {
    const rv = this.target.compactHistory();
    for (const w of [...this.target.watches()]) (this.counts.expireWatch++, w.expire(tooOldResourceVersion(rv - 1, rv)));
  }

  restart(): void {
    this.counts.restart++;
    this.target.compactHistory();
    for (const w of [...this.target.watches()]) w.drop();
    this.target.closeAllConnections();
  }

  /**
   * Called for each authenticated API request before it is served. Resolves true when the
   * request was answered here (an injected error); false to serve it (maybe late, maybe cut).
   */
  async intercept(res: ServerResponse, isList: boolean): Promise<boolean> {
    // Draw every choice, in a fixed order, whatever the outcome: the sequence stays replayable.
    const errorDraw = this.random.float();
    const hangDraw = this.random.float();
    const latencyDraw = this.random.float();
    const cutDraw = this.random.float();
    const { spec } = this;
    if (spec.latencyMs) {
      this.counts.latency++;
      await this.sleep(spec.latencyMs.min + Math.floor(latencyDraw * (spec.latencyMs.max - spec.latencyMs.min + 1)));
    }
    if (spec.hang && hangDraw < spec.hang.share) {
      this.counts.hang++;
      await this.sleep(spec.hang.ms);
    }
    let threshold = 0;
    for (const e of spec.errors) {
      threshold += e.share;
      if (errorDraw < threshold) {
        this.counts[`error${e.code}`]++;
        if (e.code === 429) res.setHeader('Retry-After', '1');
        writeError(res, injected(e.code));
        return true;
      }
    }
    if (isList && spec.cutListShare !== undefined && cutDraw < spec.cutListShare) {
      this.counts.cutList++;
      cutBodyHalfway(res);
    }
    return false;
  }
}

/** The next body written goes out half, then the connection closes, as a dying peer would. */
function cutBodyHalfway(res: ServerResponse): void {
  const end = res.end.bind(res);
  res.end = ((chunk?: unknown) => {
    if (Buffer.isBuffer(chunk) && chunk.length > 1) {
      res.write(chunk.subarray(0, Math.floor(chunk.length / 2)), () => res.destroy());
      return res;
    }
    return end(chunk as never);
  }) as typeof res.end;
}
