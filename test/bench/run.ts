// `npm run bench`: every benchmark, one JSON document on stdout. Figures are wall-clock
// milliseconds on this machine unless the key says otherwise.
import os from 'node:os';
import { benchEngine } from './engine.js';
import { benchLogs } from './logs.js';
import { benchLogView } from './logView.js';
import { benchPaging } from './paging.js';
import { stateCeilingViolations } from './ceilings.js';
import { benchServer } from './server.js';
import { benchState } from './state.js';

// `--quick`: the same measurements on small sizes, for CI (a test runs it), in well under a minute.
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((a) => a !== '--quick');
const unknown = only.filter((a) => !['engine', 'state', 'server', 'logs', 'logview', 'paging'].includes(a));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown benchmark ${unknown.map((u) => `"${u}"`).join(', ')} (engine, state, server, logs, logview, paging; --quick for small sizes)\n`);
  process.exit(2);
}
const wanted = (name: string) => only.length === 0 || only.includes(name);

const results: Record<string, unknown> = {
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  date: new Date().toISOString(),
  quick,
};
if (wanted('engine')) results.engine = benchEngine(quick ? { pods: 1_000 } : {});
const violations: string[] = [];
if (wanted('state')) {
  const state = await benchState(quick ? 10_000 : undefined);
  results.state = state;
  violations.push(...stateCeilingViolations(state));
}
if (wanted('server')) results.server = await benchServer(quick ? { pods: 500, watchers: 3, eventsPerSecond: 1_000, seconds: 1 } : {});
if (wanted('logs')) results.logs = benchLogs(quick ? { pods: 1_000, simulatedSeconds: 60 } : {});
if (wanted('paging')) results.paging = benchPaging(quick ? 10_000 : 100_000);
if (wanted('logview')) results.logview = await benchLogView(quick ? { typingSeconds: 2, simulatedMinutes: 1 } : {});
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
if (violations.length > 0) {
  process.stderr.write(`over the ceiling:\n${violations.map((v) => `  ${v}\n`).join('')}`);
  process.exitCode = 1;
}
