// Plays a drill on a simulator: each step is a timer on the simulator's own clock, so a paused
// or stepped clock holds or moves the drill with it, and a seeded simulator on a manual clock
// replays it identically.
import { objectSelector } from '../../kube/catalog/objectSelector.js';
import type { Fault } from '../../kube/simControl.js';
import type { TimerHandle } from '../clock.js';
import type { Drill, DrillStep } from './drill.js';
import { injectFault, type FaultResult, type RehearsalTarget } from './injectFault.js';

export interface DrillRecord {
  atMs: number;
  step: DrillStep;
  result: FaultResult;
}

/** The pod a selector step acts on: the first matching pod by name that is not terminating. */
function choosePod(target: RehearsalTarget, fault: Fault & { namespace: string }, selector: string): string | undefined {
  const match = objectSelector('Pod', selector, undefined);
  const pods = target.store.list('Pod', { namespace: fault.namespace, filter: match }).items.filter((p) => !p.metadata?.deletionTimestamp);
  return pods.map((p) => p.metadata?.name ?? '').sort()[0];
}

function runStep(target: RehearsalTarget, step: DrillStep): FaultResult {
  const fault = step.fault;
  if (step.selector === undefined || 'node' in fault) return injectFault(target, fault);
  const pod = choosePod(target, fault, step.selector);
  if (pod === undefined) return { ok: false, message: `no pod in namespace ${fault.namespace} matches ${step.selector}` };
  return injectFault(target, { ...fault, pod });
}

/** Schedules every step at `startMs + at`; `onStep` hears each outcome. */
export function scheduleDrill(target: RehearsalTarget, drill: Drill, startMs: number, onStep: (record: DrillRecord) => void): { cancel(): void; readonly done: boolean } {
  const timers: TimerHandle[] = [];
  let left = drill.steps.length;
  for (const step of drill.steps) {
    timers.push(
      target.clock.setTimer(startMs + step.atMs, () => {
        left--;
        onStep({ atMs: target.clock.now(), step, result: runStep(target, step) });
      }),
    );
  }
  return {
    cancel: () => {
      for (const t of timers) target.clock.clearTimer(t);
    },
    get done() {
      return left === 0;
    },
  };
}
