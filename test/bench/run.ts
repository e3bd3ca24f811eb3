// `npm run bench`: every benchmark, one JSON document on stdout. Figures are wall-clock
// milliseconds on this machine unless the key says otherwise.
import os from 'node:os';
import { benchBinary } from './binary.js';
import { benchChurn } from './churn.js';
import { benchEngine } from './engine.js';
import { benchHeap } from './heap.js';
import { benchLogs } from './logs.js';
import { benchLogView } from './logView.js';
import { benchPaging } from './paging.js';
import { stateCeilingViolations } from './ceilings.js';
import { benchServer } from './server.js';
import { soak, SOAK_FAULTS, SOAK_FAULTS_QUICK } from './soak.js';
import { benchState } from './state.js';
import { METRICS_POLL_MS } from '../../src/state/clusterMetrics.js';
import { syncUnderWrites } from './syncUnderWrites.js';

// `--quick`: the same measurements on small sizes, for CI (a test runs it), in well under a minute.
const args = process.argv.slice(2);
const quick = args.includes('--quick');
// --sizes=1000,10000: the binary bench's cluster sizes (default 1k, 10k, 100k; --quick 200).
const sizesArg = args.find((a) => a.startsWith('--sizes='));
const sizes = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : undefined;
if (sizes && sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
  process.stderr.write(`bench: --sizes takes pod counts, e.g. --sizes=1000,10000 (got "${sizesArg}")\n`);
  process.exit(2);
}
// --soak-seconds=N: the soak's real duration (default 600; --quick 15).
const soakArg = args.find((a) => a.startsWith('--soak-seconds='));
const soakSeconds = soakArg ? Number(soakArg.slice('--soak-seconds='.length)) : quick ? 15 : 600;
if (!(soakSeconds >= 3)) {
  process.stderr.write(`bench: --soak-seconds takes a number of seconds, at least 3 (got "${soakArg}")\n`);
  process.exit(2);
}
// --churn-seconds=N: how long the churn bench's stay-live run writes (default 600; --quick 3);
// --churn-pods=N: its cluster (default 100,000; --quick 300).
const churnSecondsArg = args.find((a) => a.startsWith('--churn-seconds='));
const churnSeconds = churnSecondsArg ? Number(churnSecondsArg.slice('--churn-seconds='.length)) : quick ? 3 : 600;
if (!(churnSeconds >= 1)) {
  process.stderr.write(`bench: --churn-seconds takes a number of seconds, at least 1 (got "${churnSecondsArg}")\n`);
  process.exit(2);
}
const churnPodsArg = args.find((a) => a.startsWith('--churn-pods='));
const churnPods = churnPodsArg ? Number(churnPodsArg.slice('--churn-pods='.length)) : quick ? 300 : 100_000;
if (!Number.isInteger(churnPods) || churnPods <= 0) {
  process.stderr.write(`bench: --churn-pods takes a pod count, e.g. --churn-pods=10000 (got "${churnPodsArg}")\n`);
  process.exit(2);
}
// --churn-profile=DIR: the churn bench profiles the TUI (node --cpu-prof into DIR) under its in-process steps only.
const churnProfileArg = args.find((a) => a.startsWith('--churn-profile='));
const churnProfile = churnProfileArg ? churnProfileArg.slice('--churn-profile='.length) : undefined;
if (churnProfile === '') {
  process.stderr.write('bench: --churn-profile takes a folder for the TUI\'s CPU profile, e.g. --churn-profile=/tmp/prof\n');
  process.exit(2);
}
// --keys-profile=DIR: the binary bench profiles the largest size's TUI (node --cpu-prof into DIR) and quits it after its keys.
const keysProfileArg = args.find((a) => a.startsWith('--keys-profile='));
const keysProfile = keysProfileArg ? keysProfileArg.slice('--keys-profile='.length) : undefined;
if (keysProfile === '') {
  process.stderr.write('bench: --keys-profile takes a folder for the TUI\'s CPU profile, e.g. --keys-profile=/tmp/prof\n');
  process.exit(2);
}
// --keys-only: the binary bench measures only the TUI's start, sync and keystrokes (no kubectl
// listing, server pages, empty-namespace start or idle CPU): a 100k run in minutes.
const keysOnly = args.includes('--keys-only');
const only = args.filter((a) => a !== '--quick' && a !== '--keys-only' && a !== sizesArg && a !== soakArg && a !== churnSecondsArg && a !== churnPodsArg && a !== churnProfileArg && a !== keysProfileArg);
const GROUPS = ['engine', 'state', 'heap', 'server', 'logs', 'logview', 'paging', 'sync', 'binary', 'soak', 'churn'];
const unknown = only.filter((a) => !GROUPS.includes(a));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown benchmark ${unknown.map((u) => `"${u}"`).join(', ')} (${GROUPS.join(', ')}; --quick for small sizes)\n`);
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
// What the pod list keeps per pod: live heap after a full GC (a child under --expose-gc).
if (wanted('heap')) results.heap = benchHeap({ pods: quick ? 2_000 : 10_000 });
if (wanted('server')) results.server = await benchServer(quick ? { pods: 500, watchers: 3, eventsPerSecond: 1_000, seconds: 1 } : {});
if (wanted('logs')) results.logs = benchLogs(quick ? { pods: 1_000, simulatedSeconds: 60 } : {});
if (wanted('paging')) results.paging = benchPaging(quick ? 10_000 : 100_000);
if (wanted('logview')) results.logview = await benchLogView(quick ? { typingSeconds: 2, simulatedMinutes: 1 } : {});
// A full sync through sim serve while 500 writes/s land: must end equal to the server's LIST.
if (wanted('sync')) results.sync = await syncUnderWrites({ pods: quick ? 2_000 : 100_000, writesPerSecond: 500, watchList: true, timeoutMs: quick ? 60_000 : 600_000 });
// The real binary under tmux against sim serve, with kubectl as the yardstick.
if (wanted('binary')) results.binary = await benchBinary({ sizes: sizes ?? (quick ? [200] : [1_000, 10_000, 100_000]), keysOnly, keysProfileDir: keysProfile, idleMs: quick ? 2_000 : METRICS_POLL_MS, waitMs: quick ? 60_000 : undefined });
// Faults on, steady churn, a long simulated span: memory, descriptors, and the view against the server's LIST.
if (wanted('soak')) results.soak = await soak({ pods: quick ? 500 : 10_000, speed: 20, seconds: soakSeconds, writesPerSecond: quick ? 20 : 50, faults: quick ? SOAK_FAULTS_QUICK : SOAK_FAULTS });
// The real binary under real API writes: screen lag per write rate (over HTTP, then made in the
// server's process to reach 5k/s), then a steady churn counting relists and watch drops.
if (wanted('churn')) {
  results.churn = await benchChurn(
    quick
      ? { pods: churnPods, rates: [100], stampRates: [1_000], stepSeconds: 2, churnSeconds, churnPerSecond: 100, waitMs: 60_000, profileDir: churnProfile }
      : { pods: churnPods, rates: [500, 1_000, 2_000, 5_000], stampRates: [1_000, 2_000, 5_000], stepSeconds: 10, churnSeconds, churnPerSecond: 500, profileDir: churnProfile },
  );
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
if (violations.length > 0) {
  process.stderr.write(`over the ceiling:\n${violations.map((v) => `  ${v}\n`).join('')}`);
  process.exitCode = 1;
}
