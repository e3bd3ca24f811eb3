// Incident drills: a YAML file of timed faults (README, "Rehearsing on the simulator"), checked
// whole before anything runs, with `<file>:<line>:<col>: <what>` errors as scenario files have.
//
//   scenario: default          # bundled name, or a path relative to the drill file
//   seed: 7                    # optional: the simulator's seed (names, uids, IPs)
//   steps:
//     - at: 30s                # simulated time after the start
//       action: crash          # crash | oom | fail-liveness | fail-readiness | fail-pulls | stop-node | start-node | delete-node
//       namespace: shop
//       selector: app=cart     # or pod: NAME (a selector picks the first matching pod by name when the step runs)
//       exitCode: 1
import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { parseGoDuration } from '../../kube/goDuration.js';
import { parseLabelSelector } from '../../kube/labels/selector.js';
import { ControlInputError, parseFault, type Fault } from '../../kube/simControl.js';
import { ScenarioError } from '../scenario/errors.js';
import { locate, type PathSegment } from '../scenario/positions.js';

export interface DrillStep {
  /** Simulated milliseconds after the drill starts. */
  atMs: number;
  /** Where the step is in the file (for reports). */
  line: number;
  /** The fault; a step with a selector names its pod when it runs. */
  fault: Fault;
  selector?: string;
}

export interface Drill {
  file: string;
  scenario?: string;
  seed?: number;
  /** In time order (steps at the same time in file order). */
  steps: DrillStep[];
}

type Json = Record<string, unknown>;

const TOP_KEYS = ['scenario', 'seed', 'steps'];
/** A drill longer than a simulated week is a typo. */
const MAX_AT_MS = 7 * 24 * 3_600_000;

export function parseDrill(text: string, file: string): Drill {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const fail = (path: readonly PathSegment[], detail: string, at: 'value' | 'key' = 'value'): never => {
    const pos = locate(doc.contents as Node | null, path, lines, at);
    throw new ScenarioError(file, pos.line, pos.column, detail);
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = lines.linePos(e.pos[0]);
    throw new ScenarioError(file, pos.line, pos.col, e.message.split('\n')[0]!);
  }
  if (!isMap(doc.contents)) fail([], 'a drill is a mapping with scenario, seed and steps');
  const top = doc.toJS() as Json;
  for (const key of Object.keys(top)) if (!TOP_KEYS.includes(key)) fail([key], `unknown field "${key}" (allowed: ${TOP_KEYS.join(', ')})`, 'key');
  const drill: Drill = { file, steps: [] };
  if (top.scenario !== undefined) {
    if (typeof top.scenario !== 'string' || top.scenario === '') fail(['scenario'], 'scenario must be a bundled scenario name or a file path');
    drill.scenario = top.scenario as string;
  }
  if (top.seed !== undefined) {
    if (typeof top.seed !== 'number' || !Number.isSafeInteger(top.seed)) fail(['seed'], 'seed must be an integer');
    drill.seed = top.seed as number;
  }
  const stepsNode = (doc.contents as unknown as { get(k: string, keep: true): unknown }).get('steps', true);
  if (!Array.isArray(top.steps) || !isSeq(stepsNode)) return fail(['steps'], 'steps must be a list of faults, each with at and action');
  const steps = top.steps as unknown[];
  if (steps.length === 0) fail(['steps'], 'steps is empty: a drill needs at least one fault');
  steps.forEach((raw, i) => {
    const line = locate(doc.contents as Node, ['steps', i], lines).line;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(['steps', i], 'a step is a mapping with at, action and what it acts on');
    const { at, selector, ...body } = raw as Json;
    if (at === undefined) fail(['steps', i], 'at: Required value (a duration after the start, like 30s or 2m)');
    const atMs = typeof at === 'string' ? parseGoDuration(at) : typeof at === 'number' && at >= 0 ? at * 1000 : undefined;
    if (atMs === undefined || atMs > MAX_AT_MS) fail(['steps', i, 'at'], `at: ${JSON.stringify(at)} is not a duration from 0s to 168h, like 30s or 2m`);
    let chosen: string | undefined;
    if (selector !== undefined) {
      if (typeof selector !== 'string' || selector.trim() === '') fail(['steps', i, 'selector'], 'selector must be a label selector such as app=web');
      if (body.pod !== undefined) fail(['steps', i, 'selector'], 'give pod or selector, not both');
      if (body.node !== undefined) fail(['steps', i, 'selector'], 'a node fault names its node; selector is for pods');
      try {
        parseLabelSelector(selector as string);
      } catch (err) {
        fail(['steps', i, 'selector'], `selector: ${(err as Error).message}`);
      }
      chosen = selector as string;
      // Checked with a stand-in name; the real one is chosen when the step runs.
      body.pod = '-';
    }
    let fault: Fault;
    try {
      fault = parseFault(body);
    } catch (err) {
      if (!(err instanceof ControlInputError)) throw err;
      const field = err.field === 'body' ? [] : [err.field];
      // An unknown field is pointed at by its key; a bad value by the value.
      return fail(['steps', i, ...field], err.message, err.message.includes('unknown field') ? 'key' : 'value');
    }
    drill.steps.push(chosen === undefined ? { atMs: atMs!, line, fault } : { atMs: atMs!, line, fault, selector: chosen });
  });
  drill.steps.sort((a, b) => a.atMs - b.atMs);
  return drill;
}

export async function loadDrill(path: string): Promise<Drill> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read drill ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  return parseDrill(text, path);
}
