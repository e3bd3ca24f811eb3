// The simulator's control surface in one place: the clock's hold, step and speed, and fault
// injection. The in-process source calls it directly; `sim serve` answers it over HTTP.
import type { Fault, SimControlStatus, TimeCommand } from '../../kube/simControl.js';
import { isControllable, type ControllableClock } from '../clock.js';
import { injectFault, type FaultResult, type RehearsalTarget } from './injectFault.js';

export class SimController {
  constructor(private readonly sim: RehearsalTarget) {}

  private get clock(): ControllableClock {
    const clock = this.sim.clock;
    if (!isControllable(clock)) throw new Error("this simulator's clock cannot be paused or stepped");
    return clock;
  }

  status(): SimControlStatus {
    const clock = this.clock;
    const status: SimControlStatus = { nowMs: clock.now(), speed: clock.speed, paused: clock.paused };
    const next = clock.nextTimerAt();
    if (next !== undefined) status.nextEventMs = Math.max(next, status.nowMs);
    return status;
  }

  time(command: TimeCommand): SimControlStatus {
    const clock = this.clock;
    switch (command.action) {
      case 'pause':
        clock.pause();
        break;
      case 'resume':
        clock.resume();
        break;
      case 'step':
        clock.step(command.ms);
        break;
      case 'step-next':
        clock.stepToNext();
        break;
      case 'speed':
        clock.setSpeed(command.speed);
        break;
    }
    return this.status();
  }

  inject(fault: Fault): FaultResult {
    return injectFault(this.sim, fault);
  }
}
