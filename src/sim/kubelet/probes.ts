// The kubelet's prober workers (k/k pkg/kubelet/prober/worker.go), one timer per probe of a
// running container: ticks at start + initialDelaySeconds + k × periodSeconds, results
// from the `liveness`/`readiness`/`startup` schedules, thresholds on consecutive results.
// A startup probe holds the other two back until it succeeds.
import type { Probe } from '../../kube/types.js';
import { probePasses, segmentEndAfter, type ProbeSchedule } from '../behaviour/index.js';
import type { ContainerRecord } from './containerRecord.js';

export type ProbeType = 'liveness' | 'readiness' | 'startup';

const SLOT: Record<ProbeType, number> = { liveness: 0, readiness: 1, startup: 2 };
const LABEL: Record<ProbeType, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

/** What a probe worker needs from its pod worker (the executor, which owns the timers and the record). */
export interface ProbeHost {
  now(): number;
  at(ms: number, fn: () => void): number;
  clear(handle: number | undefined): void;
  probeTargetIP(): string;
  /** Every probe run, its result and (on failure) the handler's message. */
  probed(rec: ContainerRecord, type: ProbeType, pass: boolean, message: string | undefined): void;
  /** Liveness or startup failed failureThreshold times in a row. */
  probeFailed(rec: ContainerRecord, type: 'liveness' | 'startup', probe: Probe): void;
  startupSucceeded(rec: ContainerRecord): void;
  readinessChanged(rec: ContainerRecord, ready: boolean): void;
  /** An injected fault: the probe fails whatever its schedule says. */
  probeForcedToFail?(rec: ContainerRecord, type: ProbeType): boolean;
}

interface RunState {
  lastPass: boolean | undefined;
  run: number;
}

export function probeSpec(rec: ContainerRecord, type: ProbeType): Probe | undefined {
  if (type === 'liveness') return rec.spec.livenessProbe;
  if (type === 'readiness') return rec.spec.readinessProbe;
  return rec.spec.startupProbe;
}

function schedule(rec: ContainerRecord, type: ProbeType): ProbeSchedule {
  const b = rec.behaviour!;
  return type === 'liveness' ? b.liveness : type === 'readiness' ? b.readiness : b.startup;
}

function periodMs(p: Probe): number {
  return (p.periodSeconds || 10) * 1000;
}

/** The probe handler's usual failure text (README, "What a simulated container does": `probe-message`). */
export function defaultProbeMessage(rec: ContainerRecord, p: Probe, podIP: string): string {
  if (p.httpGet) return 'HTTP probe failed with statuscode: 500';
  if (p.tcpSocket) return `dial tcp ${podIP}:${resolvePort(rec, p.tcpSocket.port)}: connect: connection refused`;
  if (p.exec) return execProbeOutput(p.exec.command ?? []);
  // pkg/probe/grpc: the address is host:port, the timeout a Go duration, the error the dial's.
  if (p.grpc) return `timeout: failed to connect service "${podIP}:${p.grpc.port}" within ${p.timeoutSeconds || 1}s: context deadline exceeded`;
  return 'probe failed';
}

/**
 * An exec probe's failure text is the command's combined output (pkg/probe/exec). Without a
 * `probe-message` annotation the simulator says what busybox's cat, ls and test say about a
 * missing file (the documented `cat /tmp/healthy` example); other commands print nothing.
 */
export function execProbeOutput(command: readonly string[]): string {
  const argv = command[0] === 'sh' || command[0] === '/bin/sh' ? (command[2] ?? '').split(/\s+/).filter(Boolean) : [...command];
  const [cmd, ...args] = argv;
  const file = args.filter((a) => !a.startsWith('-')).pop();
  if (!file) return '';
  if (cmd === 'cat') return `cat: can't open '${file}': No such file or directory`;
  if (cmd === 'ls') return `ls: ${file}: No such file or directory`;
  return '';
}

function resolvePort(rec: ContainerRecord, port: number | string): number | string {
  if (typeof port === 'number') return port;
  const named = rec.spec.ports?.find((x) => x.name === port);
  return named ? named.containerPort : port;
}

/** The probes of one container instance; rebuilt on every start. */
export class ContainerProbes {
  private readonly runs: Record<ProbeType, RunState> = {
    liveness: { lastPass: undefined, run: 0 },
    readiness: { lastPass: undefined, run: 0 },
    startup: { lastPass: undefined, run: 0 },
  };
  private liveHeld = false;
  private readonly timers: (number | undefined)[] = [undefined, undefined, undefined];

  constructor(
    private readonly host: ProbeHost,
    private readonly rec: ContainerRecord,
    /** The instance the probes run against. */
    private readonly startedMs: number,
  ) {}

  /** Called when the container starts running: arms the startup probe, or the other two. */
  start(): void {
    if (this.rec.spec.startupProbe) this.arm('startup', this.startedMs);
    else this.armAfterStartup(this.startedMs);
  }

  /** Liveness and startup stop (the container is being killed); readiness keeps going. */
  holdLiveness(): void {
    this.liveHeld = true;
    this.host.clear(this.timers[SLOT.liveness]);
    this.host.clear(this.timers[SLOT.startup]);
    this.timers[SLOT.liveness] = undefined;
    this.timers[SLOT.startup] = undefined;
  }

  /** Arms the probe's next tick if none is armed (after startup, liveness not held). */
  wake(type: 'liveness' | 'readiness'): void {
    if (!this.running || !this.rec.started || !probeSpec(this.rec, type)) return;
    if (this.timers[SLOT[type]] !== undefined || (type === 'liveness' && this.liveHeld)) return;
    this.arm(type, this.host.now());
  }

  stopAll(): void {
    for (let i = 0; i < 3; i++) {
      this.host.clear(this.timers[i]);
      this.timers[i] = undefined;
    }
  }

  private get running(): boolean {
    return this.rec.running;
  }

  /** Liveness and readiness begin at their first tick at or after `fromMs`. */
  private armAfterStartup(fromMs: number): void {
    for (const type of ['liveness', 'readiness'] as const) {
      if (!probeSpec(this.rec, type)) continue;
      if (type === 'liveness' && this.liveHeld) continue;
      this.arm(type, fromMs);
    }
  }

  private arm(type: ProbeType, fromMs: number): void {
    const p = probeSpec(this.rec, type)!;
    const first = this.startedMs + (p.initialDelaySeconds ?? 0) * 1000;
    let at = first;
    if (fromMs > first) {
      const period = periodMs(p);
      at = first + Math.ceil((fromMs - first) / period) * period;
    }
    this.schedule(type, at);
  }

  private schedule(type: ProbeType, at: number): void {
    this.timers[SLOT[type]] = this.host.at(at, () => this.tick(type));
  }

  private tick(type: ProbeType): void {
    const rec = this.rec;
    this.timers[SLOT[type]] = undefined;
    if (!this.running) return;
    const p = probeSpec(rec, type)!;
    const now = this.host.now();
    const pass = !this.host.probeForcedToFail?.(rec, type) && probePasses(schedule(rec, type), now - this.startedMs);
    const state = this.runs[type];
    if (state.lastPass === pass) state.run++;
    else {
      state.lastPass = pass;
      state.run = 1;
    }
    let failure: string | undefined;
    if (!pass) {
      const text = rec.behaviour!.probeMessage ?? defaultProbeMessage(rec, p, this.host.probeTargetIP());
      failure = `${LABEL[type]} probe failed: ${text}`;
    }
    this.host.probed(rec, type, pass, failure);
    const failureThreshold = p.failureThreshold || 3;
    const successThreshold = type === 'readiness' ? p.successThreshold || 1 : 1;
    const reached = pass ? state.run >= successThreshold : state.run >= failureThreshold;

    if (type === 'startup') {
      if (reached && pass) {
        this.host.startupSucceeded(rec);
        this.armAfterStartup(now);
        return;
      }
      if (reached && !pass) {
        state.run = 0;
        this.host.probeFailed(rec, 'startup', p);
        return;
      }
    } else if (type === 'liveness') {
      if (reached && !pass) {
        state.run = 0;
        this.host.probeFailed(rec, 'liveness', p);
        return;
      }
    } else if (reached && rec.ready !== pass && rec.started) {
      this.host.readinessChanged(rec, pass);
    }
    if (!this.running || (type !== 'readiness' && this.liveHeld)) return;
    const period = periodMs(p);
    if (pass && reached && (type !== 'readiness' || rec.ready)) {
      // Settled on success: further passing ticks change nothing and record nothing, so
      // the next tick that matters is the first one after the schedule's segment ends.
      const end = segmentEndAfter(schedule(rec, type), now - this.startedMs);
      if (!Number.isFinite(end)) return;
      const endAt = this.startedMs + end;
      this.schedule(type, endAt <= now ? now + period : now + Math.ceil((endAt - now) / period) * period);
      return;
    }
    this.schedule(type, now + period);
  }
}
