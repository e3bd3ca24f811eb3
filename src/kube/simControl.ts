// The simulator's control surface as data: the commands that hold, step and speed up its
// clock, the faults an operator may inject, and the paths `sim serve` answers them on. Shared
// by the served endpoint, the in-process source, the live source's client and drill scripts.
import { formatGoDuration, parseGoDuration } from './goDuration.js';

/** Non-resource paths (outside /api and /apis, so discovery and kubectl never see them). */
export const SIM_CONTROL_PREFIX = '/podscope/sim/v1';
export const SIM_CONTROL_PATHS = {
  status: `${SIM_CONTROL_PREFIX}/status`,
  time: `${SIM_CONTROL_PREFIX}/time`,
  faults: `${SIM_CONTROL_PREFIX}/faults`,
} as const;

export interface SimControlStatus {
  /** Simulated time, epoch ms. */
  nowMs: number;
  speed: number;
  paused: boolean;
  /** The earliest pending timer of the simulator's clock (what "step to next event" reaches). */
  nextEventMs?: number;
}

export type TimeCommand =
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'step'; ms: number }
  | { action: 'step-next' }
  | { action: 'speed'; speed: number };

export type ContainerFaultAction = 'crash' | 'oom' | 'fail-liveness' | 'fail-readiness' | 'fail-pulls';
export type NodeFaultAction = 'stop-node' | 'start-node' | 'delete-node';
export type FaultAction = ContainerFaultAction | NodeFaultAction;

export const CONTAINER_FAULT_ACTIONS: readonly ContainerFaultAction[] = ['crash', 'oom', 'fail-liveness', 'fail-readiness', 'fail-pulls'];
export const NODE_FAULT_ACTIONS: readonly NodeFaultAction[] = ['stop-node', 'start-node', 'delete-node'];
/** Faults that last a while and need a duration (`for`). */
const TIMED: readonly FaultAction[] = ['fail-liveness', 'fail-readiness', 'fail-pulls'];

export type Fault =
  | {
      action: ContainerFaultAction;
      namespace: string;
      pod: string;
      /** undefined: the pod's default container (kubectl's rule: the annotation, else the first). */
      container?: string;
      /** crash only (0-255). */
      exitCode?: number;
      /** The timed faults only, milliseconds. */
      forMs?: number;
    }
  | { action: NodeFaultAction; node: string };

/** Limits a step and a timed fault (a day of simulated time) so a typo cannot stall the simulator for hours of real time. */
export const MAX_STEP_MS = 24 * 3_600_000;
export const MAX_SPEED = 1000;

type Json = Record<string, unknown>;

/** A problem with a field: `field` names it as the request spells it. */
export class ControlInputError extends Error {
  override name = 'ControlInputError';
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Json, key: string, required: boolean): string | undefined {
  const v = o[key];
  if (v === undefined) {
    if (required) throw new ControlInputError(key, 'Required value');
    return undefined;
  }
  if (typeof v !== 'string' || v === '') throw new ControlInputError(key, 'must be a non-empty string');
  return v;
}

/** A Go duration string (`30s`, `2m`) or a number of seconds, as milliseconds. */
export function durationField(o: Json, key: string): number | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  let ms: number | undefined;
  if (typeof v === 'number') ms = Number.isFinite(v) && v >= 0 ? v * 1000 : undefined;
  else if (typeof v === 'string') ms = parseGoDuration(v);
  if (ms === undefined) throw new ControlInputError(key, `${JSON.stringify(v)} is not a duration like 10s, 2m or 1h30m`);
  if (ms <= 0 || ms > MAX_STEP_MS) throw new ControlInputError(key, `must be more than 0s and at most ${formatGoDuration(MAX_STEP_MS)}`);
  return ms;
}

function rejectUnknown(o: Json, allowed: readonly string[]): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) throw new ControlInputError(key, `unknown field (allowed: ${allowed.join(', ')})`);
  }
}

export const TIME_ACTIONS = ['pause', 'resume', 'step', 'step-next', 'speed'] as const;

/** `{"action":"step","by":"10s"}`, `{"action":"speed","speed":10}`, … */
export function parseTimeCommand(input: unknown): TimeCommand {
  if (!isRecord(input)) throw new ControlInputError('body', 'must be a JSON object');
  const action = str(input, 'action', true)!;
  switch (action) {
    case 'pause':
    case 'resume':
    case 'step-next':
      rejectUnknown(input, ['action']);
      return { action };
    case 'step': {
      rejectUnknown(input, ['action', 'by']);
      const ms = durationField(input, 'by');
      if (ms === undefined) throw new ControlInputError('by', 'Required value');
      return { action, ms };
    }
    case 'speed': {
      rejectUnknown(input, ['action', 'speed']);
      const speed = input.speed;
      if (typeof speed !== 'number' || !(speed > 0) || speed > MAX_SPEED) throw new ControlInputError('speed', `must be a number above 0 and at most ${MAX_SPEED}`);
      return { action, speed };
    }
    default:
      throw new ControlInputError('action', `unsupported value "${action}" (supported: ${TIME_ACTIONS.join(', ')})`);
  }
}

/** `{"action":"crash","namespace":"shop","pod":"cart-0","exitCode":1}`, `{"action":"stop-node","node":"sim-node-2"}`, … */
export function parseFault(input: unknown): Fault {
  if (!isRecord(input)) throw new ControlInputError('body', 'must be a JSON object');
  const action = str(input, 'action', true)!;
  if ((NODE_FAULT_ACTIONS as readonly string[]).includes(action)) {
    rejectUnknown(input, ['action', 'node']);
    return { action: action as NodeFaultAction, node: str(input, 'node', true)! };
  }
  if (!(CONTAINER_FAULT_ACTIONS as readonly string[]).includes(action)) {
    throw new ControlInputError('action', `unsupported value "${action}" (supported: ${[...CONTAINER_FAULT_ACTIONS, ...NODE_FAULT_ACTIONS].join(', ')})`);
  }
  const a = action as ContainerFaultAction;
  const timed = TIMED.includes(a);
  rejectUnknown(input, ['action', 'namespace', 'pod', 'container', ...(a === 'crash' ? ['exitCode'] : []), ...(timed ? ['for'] : [])]);
  const fault: Fault = { action: a, namespace: str(input, 'namespace', false) ?? 'default', pod: str(input, 'pod', true)! };
  const container = str(input, 'container', false);
  if (container !== undefined) fault.container = container;
  if (a === 'crash') {
    const code = input.exitCode ?? 1;
    if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 255) throw new ControlInputError('exitCode', 'must be an exit code (an integer 0-255)');
    fault.exitCode = code;
  }
  if (timed) {
    const ms = durationField(input, 'for');
    if (ms === undefined) throw new ControlInputError('for', 'Required value');
    fault.forMs = ms;
  }
  return fault;
}

/** The fault as the request body that asks for it (inverse of parseFault). */
export function faultBody(fault: Fault): Json {
  if ('node' in fault) return { action: fault.action, node: fault.node };
  const body: Json = { action: fault.action, namespace: fault.namespace, pod: fault.pod };
  if (fault.container !== undefined) body.container = fault.container;
  if (fault.exitCode !== undefined) body.exitCode = fault.exitCode;
  if (fault.forMs !== undefined) body.for = formatGoDuration(fault.forMs);
  return body;
}

export function timeBody(command: TimeCommand): Json {
  if (command.action === 'step') return { action: 'step', by: formatGoDuration(command.ms) };
  return { ...command };
}
