// Stopping one container (kuberuntime killContainer): the Killing event, the preStop hook,
// a sidecar's wait for its turn, SIGTERM with at least the 2 s floor, SIGKILL when the grace
// runs out; a shortened deletion grace caps the whole stop. Part of the executor: it owns
// the stop timers and writes the `stopping` state.
import type { TimerHandle } from '../clock.js';
import type { ContainerRecord, StopState, StopStep } from './containerRecord.js';
import { MIN_GRACE_SECONDS } from './host.js';
import type { StepHost } from './stepHost.js';
import type { TerminationOrder } from './terminationOrder.js';

export interface TerminationHost extends StepHost {
  readonly order: TerminationOrder;
  /** The instance is gone: `exitCode` 0 for a clean shutdown, 137 for SIGKILL. */
  exited(rec: ContainerRecord, exitCode: number, reason: string): void;
  /** Liveness and startup probes stop for a container being killed. */
  holdLiveness(rec: ContainerRecord): void;
  /** The container's stop timers (the executor keeps every timer of a container together). */
  timersOf(rec: ContainerRecord): StopTimers;
}

export interface StopTimers {
  step: TimerHandle | undefined;
  cap: TimerHandle | undefined;
}

export class TerminationSteps {
  /** A shortened deletion grace: every stop ends (SIGKILL) by then. */
  private capAt: number | undefined;

  constructor(private readonly w: TerminationHost) {}

  kill(rec: ContainerRecord, graceS: number, message: string, how: { restartAfter: boolean; ordered: boolean; restartNow?: boolean }): void {
    const s = rec.state;
    if (s.is !== 'running') return;
    const now = this.w.now();
    this.w.event(rec, 'Normal', 'Killing', message);
    this.w.holdLiveness(rec);
    rec.state = { is: 'stopping', startedMs: s.startedMs, stop: { step: 'preStop', graceLeftS: graceS, stepStartMs: now, ...how } };
    const hook = rec.behaviour?.preStopMs;
    if (hook !== undefined && graceS > 0) {
      const hookMs = Math.min(hook, graceS * 1000);
      this.w.timersOf(rec).step = this.w.at(now + hookMs, () => this.afterPreStop(rec, graceS - Math.floor(hookMs / 1000)));
    } else {
      this.afterPreStop(rec, graceS);
    }
    this.armCap(rec);
  }

  /** The pod stops for good: in-flight probe kills no longer restart their containers. */
  noRestarts(rec: ContainerRecord): void {
    const s = rec.state;
    if (s.is === 'stopping' && s.stop.restartAfter) rec.state = { ...s, stop: { ...s.stop, restartAfter: false, restartNow: false } };
  }

  /** SIGKILL no later than `capAt`, whatever step each stop is in. */
  cap(capAt: number, records: readonly ContainerRecord[]): void {
    if (this.capAt !== undefined && this.capAt <= capAt) return;
    this.capAt = capAt;
    for (const rec of records) this.armCap(rec);
  }

  /** After a container stopped: sidecars whose turn came go on to SIGTERM. */
  turnsMayHaveCome(init: readonly ContainerRecord[]): void {
    for (let i = init.length - 1; i >= 0; i--) {
      const rec = init[i]!;
      if (rec.state.is === 'stopping' && rec.state.stop.step === 'turn' && this.w.order.turnReady(rec)) this.endTurnWait(rec);
    }
  }

  /** The instance exited (or the pod worker is disposed): its stop timers go. */
  forget(rec: ContainerRecord): void {
    const t = this.w.timersOf(rec);
    this.w.clear(t.step);
    this.w.clear(t.cap);
    t.step = t.cap = undefined;
  }

  private stopOf(rec: ContainerRecord): StopState | undefined {
    return rec.state.is === 'stopping' ? rec.state.stop : undefined;
  }

  private setStep(rec: ContainerRecord, step: StopStep, graceLeftS: number): void {
    const s = rec.state;
    if (s.is !== 'stopping') return;
    rec.state = { ...s, stop: { ...s.stop, step, graceLeftS, stepStartMs: this.w.now() } };
  }

  private afterPreStop(rec: ContainerRecord, graceLeftS: number): void {
    const stop = this.stopOf(rec);
    if (!stop) return;
    const t = this.w.timersOf(rec);
    t.step = undefined;
    if (stop.ordered && rec.kind === 'sidecar' && graceLeftS > 0 && !this.w.order.turnReady(rec)) {
      this.setStep(rec, 'turn', graceLeftS);
      t.step = this.w.at(this.w.now() + graceLeftS * 1000, () => this.endTurnWait(rec));
      return;
    }
    this.sendTerm(rec, graceLeftS);
  }

  /** waitForTurn returned: the seconds waited (truncated) come off the grace. */
  private endTurnWait(rec: ContainerRecord): void {
    const stop = this.stopOf(rec);
    if (!stop || stop.step !== 'turn') return;
    const t = this.w.timersOf(rec);
    this.w.clear(t.step);
    t.step = undefined;
    const waitedS = Math.floor((this.w.now() - stop.stepStartMs) / 1000);
    this.sendTerm(rec, stop.graceLeftS - waitedS);
  }

  private sendTerm(rec: ContainerRecord, graceLeftS: number): void {
    const graceS = Math.max(graceLeftS, MIN_GRACE_SECONDS);
    const now = this.w.now();
    this.setStep(rec, 'term', graceS);
    const shutdownMs = rec.behaviour?.shutdownMs ?? Infinity;
    const t = this.w.timersOf(rec);
    if (shutdownMs < graceS * 1000) t.step = this.w.at(now + shutdownMs, () => this.w.exited(rec, 0, 'Completed'));
    else t.step = this.w.at(now + graceS * 1000, () => this.w.exited(rec, 137, 'Error'));
  }

  private armCap(rec: ContainerRecord): void {
    if (this.capAt === undefined || rec.state.is !== 'stopping') return;
    const t = this.w.timersOf(rec);
    this.w.clear(t.cap);
    t.cap = this.w.at(this.capAt, () => this.w.exited(rec, 137, 'Error'));
  }
}
