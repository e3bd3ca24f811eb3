// The served simulator's control endpoint (README, "Rehearsing on the simulator"): non-resource
// paths under /podscope/sim/v1, behind the same bearer token as the API, outside discovery.
//   GET  /podscope/sim/v1/status  → {nowMs, speed, paused, nextEventMs}
//   POST /podscope/sim/v1/time    {"action":"pause"|"resume"|"step-next"} | {"action":"step","by":"10s"} | {"action":"speed","speed":10}
//   POST /podscope/sim/v1/faults  {"action":"crash","namespace":"shop","pod":"cart-0","exitCode":1} | {"action":"stop-node","node":"sim-node-2"} | …
// Answers carry the clock header as it stands after the command.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest } from '../../kube/apiError.js';
import { ControlInputError, parseFault, parseTimeCommand, SIM_CONTROL_PATHS } from '../../kube/simControl.js';
import type { SimController } from '../rehearse/control.js';
import { readBody } from './body.js';
import { methodNotAllowed, pathNotFound, writeError, writeJson } from './respond.js';

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw badRequest(`the request body is not JSON: ${(err as Error).message}`);
  }
}

function inputError(err: unknown): unknown {
  return err instanceof ControlInputError ? new ApiError(400, 'BadRequest', err.message) : err;
}

/** Serves one control request; `restamp` rewrites the clock header after a command changed the clock. */
export async function handleSimControl(req: IncomingMessage, res: ServerResponse, path: string, control: SimController, restamp: () => void): Promise<void> {
  const method = req.method ?? 'GET';
  try {
    if (path === SIM_CONTROL_PATHS.status) {
      if (method !== 'GET') throw methodNotAllowed();
      writeJson(res, 200, control.status());
      return;
    }
    if (path === SIM_CONTROL_PATHS.time) {
      if (method !== 'POST') throw methodNotAllowed();
      const command = parseTimeCommand(await jsonBody(req));
      const status = control.time(command);
      restamp();
      writeJson(res, 200, status);
      return;
    }
    if (path === SIM_CONTROL_PATHS.faults) {
      if (method !== 'POST') throw methodNotAllowed();
      const result = control.inject(parseFault(await jsonBody(req)));
      restamp();
      if (!result.ok) throw new ApiError(result.notFound ? 404 : 409, result.notFound ? 'NotFound' : 'Conflict', result.message);
      writeJson(res, 200, { message: result.message });
      return;
    }
    throw pathNotFound();
  } catch (err) {
    writeError(res, inputError(err));
  }
}
