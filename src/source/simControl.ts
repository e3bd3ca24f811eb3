// The simulator's control as a source offers it: in process (the SimController itself) or on a
// served simulator (its /podscope/sim/v1 endpoint). --readonly refuses every change here, in the
// source, whatever asks; the status stays readable.
import { faultBody, SIM_CONTROL_PATHS, timeBody, type Fault, type SimControlStatus, type TimeCommand } from '../kube/simControl.js';
import type { SimController } from '../sim/rehearse/control.js';
import { readonlyRefusal } from './readonly.js';
import type { SimulatorControl } from './types.js';

const TIME_REFUSAL = readonlyRefusal('change', "the simulator's time");
const FAULT_REFUSAL = readonlyRefusal('inject', 'faults');

export function inProcessControl(controller: SimController, readonly: boolean): SimulatorControl {
  return {
    status: async () => controller.status(),
    time: async (command) => {
      if (readonly) throw new Error(TIME_REFUSAL);
      return controller.time(command);
    },
    inject: async (fault) => {
      if (readonly) throw new Error(FAULT_REFUSAL);
      const result = controller.inject(fault);
      if (!result.ok) throw new Error(result.message);
      return result.message;
    },
  };
}

/** What a served simulator's control needs of the live client: one JSON request. */
export type RawRequest = <R>(method: 'GET' | 'POST', path: string, body?: unknown) => Promise<R>;

export function servedControl(request: RawRequest, readonly: boolean): SimulatorControl {
  return {
    status: () => request<SimControlStatus>('GET', SIM_CONTROL_PATHS.status),
    time: async (command: TimeCommand) => {
      if (readonly) throw new Error(TIME_REFUSAL);
      return request<SimControlStatus>('POST', SIM_CONTROL_PATHS.time, timeBody(command));
    },
    inject: async (fault: Fault) => {
      if (readonly) throw new Error(FAULT_REFUSAL);
      const answer = await request<{ message?: string }>('POST', SIM_CONTROL_PATHS.faults, faultBody(fault));
      return answer.message ?? 'done';
    },
  };
}

/**
 * Asks a served simulator once whether it answers the control endpoint; a server that does
 * not (an older podscope, a real cluster) has no control. Only asked where the clock header
 * said it is a simulator.
 */
export async function detectServedControl(request: RawRequest, readonly: boolean): Promise<SimulatorControl | undefined> {
  const control = servedControl(request, readonly);
  try {
    await control.status();
    return control;
  } catch {
    // 404 (no such endpoint), 401/403, or the server went away: no control, nothing to report.
    return undefined;
  }
}
