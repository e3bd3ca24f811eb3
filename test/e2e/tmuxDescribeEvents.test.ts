// The real binary against `sim serve`, in a cluster with more events than the TUI's background
// store keeps (EVENT_TAIL): describe of a pod whose Normal events (Scheduled, Pulling, Pulled,
// Created) are older than the newest 1,000 still shows them, because describe LISTs the pod's
// events when it opens, as kubectl describe does. kubectl is the judge of which events the
// server holds. Needs dist/ (npm test builds it first), tmux and kubectl.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventTimeMs } from '../../src/kube/eventProjection.js';
import type { Event } from '../../src/kube/types.js';
import { EVENT_TAIL } from '../../src/state/eventTable.js';
import { fixtures, startLiveCluster, type LiveCluster } from './helpers/kubeTui.js';
import { requireTmux, TmuxSession } from './helpers/tmux.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT_CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
/** Three simulated nodes take 110 pods each: 300 fit beside the nginx pod. */
const BULK = 300;

let cluster: LiveCluster | undefined;
let term: TmuxSession | undefined;

beforeAll(async () => {
  requireTmux();
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` first (npm test does it)`);
  cluster = await startLiveCluster(await fixtures('nginx'));
}, 60_000);

afterAll(async () => {
  term?.kill();
  await cluster?.close();
});

function rv(e: Event): number {
  return Number(e.metadata?.resourceVersion ?? 0);
}

describe('describe in the real binary shows the events the bounded store let go', () => {
  it('a pod whose Normal events are older than the newest 1,000: describe lists Scheduled, Pulling, Pulled, Created, Started', async () => {
    const c = cluster!;
    // Newer events than the nginx pod's, well past the tail: 300 pods of a Deployment.
    await c.kubectl(['create', 'deployment', 'bulk', '--image=nginx:1.27', `--replicas=${BULK}`]);
    const deadline = Date.now() + 150_000;
    let ready = '';
    while (ready !== String(BULK)) {
      if (Date.now() > deadline) throw new Error(`the Deployment bulk never got ${BULK} ready replicas (last: ${ready})`);
      ready = (await c.kubectl(['get', 'deployment', 'bulk', '-o', 'jsonpath={.status.readyReplicas}'])).trim();
    }
    // kubectl's judgement: the nginx pod's Normal events are not among the newest EVENT_TAIL.
    const columns = 'custom-columns=RV:.metadata.resourceVersion,LAST:.lastTimestamp,OBJECT:.involvedObject.name,REASON:.reason';
    const all: Event[] = (await c.kubectl(['get', 'events', '-n', 'default', '--no-headers', '-o', columns]))
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/))
      .map(([resourceVersion, lastTimestamp, name, reason]) => ({ metadata: { resourceVersion }, lastTimestamp, involvedObject: { kind: 'Pod', name }, reason }));
    const order = [...all].sort((a, b) => eventTimeMs(a) - eventTimeMs(b) || rv(a) - rv(b));
    const scheduled = order.findIndex((e) => e.involvedObject?.name === 'nginx' && e.reason === 'Scheduled');
    expect(order.length).toBeGreaterThan(EVENT_TAIL + 200);
    expect(scheduled).toBeGreaterThanOrEqual(0);
    expect(scheduled).toBeLessThan(order.length - EVENT_TAIL);

    term = TmuxSession.start({
      name: 'describe-events',
      cwd: ROOT,
      columns: 160,
      rows: 50,
      env: { ...process.env, HOME: c.dir, KUBECONFIG: c.kubeconfig },
      command: `node bin/podscope.js --kubeconfig ${c.kubeconfig} -n default; exec cat`,
    });
    const t = term;
    await t.waitFor('the pod list', (s) => s.includes(`Pods(default)[${BULK + 1}]`), 60_000);
    t.press('/');
    t.type('^nginx$');
    t.press('enter');
    await t.waitFor('nginx selected', (s) => /^> \s*nginx\s/m.test(s));
    t.press('d');
    await t.waitFor('describe', (s) => /^Name:\s+nginx$/m.test(s));
    t.press('G');
    const shown = await t.waitFor('the Events section with the pod\'s Normal events', (s) => /^\s+Normal\s+Scheduled\s/m.test(s) && s, 30_000);
    for (const reason of ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']) expect(shown).toMatch(new RegExp(`^\\s+Normal\\s+${reason}\\s`, 'm'));
    expect(shown).not.toMatch(/^Events:\s+<none>/m);
    t.press('q');
  }, 270_000);
});
