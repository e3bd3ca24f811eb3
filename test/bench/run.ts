// `npm run bench`: every benchmark, one JSON document on stdout. Figures are wall-clock
// milliseconds on this machine unless the key says otherwise.
import os from 'node:os';
import { benchEngine } from './engine.js';
import { stateCeilingViolations } from './ceilings.js';
import { benchServer } from './server.js';
import { benchState } from './state.js';

const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

const results: Record<string, unknown> = {
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  date: new Date().toISOString(),
};
if (wanted('engine')) results.engine = benchEngine();
const violations: string[] = [];
if (wanted('state')) {
  const state = await benchState();
  results.state = state;
  violations.push(...stateCeilingViolations(state));
}
if (wanted('server')) results.server = await benchServer();
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
if (violations.length > 0) {
  process.stderr.write(`over the ceiling:\n${violations.map((v) => `  ${v}\n`).join('')}`);
  process.exitCode = 1;
}
