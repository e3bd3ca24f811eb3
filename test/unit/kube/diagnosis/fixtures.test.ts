// Issue 17: every bundled scenario run on the manual clock, and at each instant every pod that
// is not Ready (and not Completed) has a finding that names its real cause — never only the
// Ready condition's words (the fallback). At the moment each fixture's story shows (README's
// fixture table), the cause is the one the story is about.
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { diagnose, diagnosisLines, type Cause } from '../../../../src/kube/diagnosis/index.js';
import type { Pod } from '../../../../src/kube/types.js';
import { loadScenario, resolveScenarioPath } from '../../../../src/sim/scenario/index.js';
import { createTestSimulator } from '../../../ui/testSimulator.js';

const FIXTURES = readdirSync(new URL('../../../../fixtures/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length))
  .sort();

type Sim = ReturnType<typeof createTestSimulator>;
let sim: Sim | undefined;
afterEach(() => sim?.stop());

async function start(fixture: string): Promise<Sim> {
  sim = createTestSimulator(await loadScenario(resolveScenarioPath(fixture)));
  return sim;
}

function diagnoseAll(s: Sim): { pod: Pod; d: ReturnType<typeof diagnose> }[] {
  const events = s.store.list('Event', {}).items;
  const nodes = s.store.list('Node', {}).items;
  return s.store.list('Pod', {}).items.map((pod) => ({
    pod,
    d: diagnose({ pod, events: events.filter((e) => e.involvedObject?.uid === pod.metadata?.uid), nowMs: s.clock.now(), nodes }),
  }));
}

const INSTANTS = [1_000, 3_000, 5_000, 8_000, 12_000, 30_000, 60_000, 120_000, 200_000, 500_000, 760_000];

describe('every not-ready pod of every fixture gets a finding that names a cause', () => {
  it('has the fixtures', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(19);
  });
  it.each(FIXTURES)('%s', async (fixture) => {
    const s = await start(fixture);
    let t = 0;
    for (const at of INSTANTS) {
      s.clock.advance(at - t);
      t = at;
      for (const { pod, d } of diagnoseAll(s)) {
        if (d.ready || d.summary === 'Completed') continue;
        const where = `${fixture} at ${at / 1000}s, ${pod.metadata?.namespace}/${pod.metadata?.name}:\n${diagnosisLines(d).join('\n')}`;
        expect(d.findings.length, where).toBeGreaterThan(0);
        expect(d.findings.map((f) => f.cause), where).not.toContain('not-ready');
      }
    }
  });
});

interface Story {
  fixture: string;
  at: number;
  pod: string;
  cause: Cause;
  headline: RegExp;
  fix?: RegExp;
}

const STORIES: Story[] = [
  { fixture: 'crashloop', at: 120_000, pod: 'crashloop', cause: 'crash-loop', headline: /^container app is crash-looping: exit 1 \d+s ago, restarted 4 times, next start in \d+s$/, fix: /exits with 1/ },
  { fixture: 'image-pull-fail', at: 60_000, pod: 'bad-image', cause: 'image-pull', headline: /image "nginx:1\.27-does-not-exist" does not pull \(ImagePullBackOff\); next try in \d+s/, fix: /does not exist: check its name and tag/ },
  { fixture: 'init-containers', at: 5_000, pod: 'myapp-pod', cause: 'init-waiting', headline: /^waiting for init container init-myservice \(1 of 2\): running for \d+s$/ },
  { fixture: 'liveness-fail', at: 110_000, pod: 'liveness-exec', cause: 'liveness', headline: /^container liveness fails its liveness probe: restarted 1 time for it; failing again \(3 failures in a row restart it\)$/ },
  { fixture: 'readiness-fail', at: 120_000, pod: 'flaky-web', cause: 'readiness', headline: /^container web fails its readiness probe: \d+ failures since/ },
  { fixture: 'oomkilled', at: 120_000, pod: 'memory-demo-2', cause: 'oom-killed', headline: /was OOMKilled \d+s ago: it used all of its memory limit 100Mi/, fix: /raise resources\.limits\.memory above 100Mi/ },
  { fixture: 'unschedulable', at: 30_000, pod: 'big-batch', cause: 'unschedulable', headline: /^unschedulable: 3 Insufficient cpu$/, fix: /the request of 64 CPU is larger than any node's allocatable 4 CPU/ },
  { fixture: 'unschedulable', at: 30_000, pod: 'needs-ssd', cause: 'unschedulable', headline: /didn't match Pod's node affinity\/selector/, fix: /no node has the labels disktype=ssd/ },
  { fixture: 'missing-config', at: 60_000, pod: 'env-missing-configmap', cause: 'config-missing', headline: /ConfigMap feature-flags does not exist/ },
  { fixture: 'missing-config', at: 60_000, pod: 'env-missing-key', cause: 'config-missing', headline: /ConfigMap app-settings has no key level/ },
  { fixture: 'missing-config', at: 60_000, pod: 'secret-missing-key', cause: 'config-missing', headline: /Secret db-credentials has no key password/ },
  { fixture: 'missing-config', at: 60_000, pod: 'envfrom-missing-secret', cause: 'config-missing', headline: /Secret api-token does not exist/ },
  { fixture: 'missing-config', at: 60_000, pod: 'volume-missing-configmap', cause: 'mount-failed', headline: /volume conf cannot be mounted, ConfigMap nginx-conf does not exist/ },
  { fixture: 'missing-config', at: 60_000, pod: 'volume-missing-secret', cause: 'mount-failed', headline: /volume certs cannot be mounted, Secret tls-certs does not exist/ },
  { fixture: 'two-containers', at: 30_000, pod: 'two-containers', cause: 'exited', headline: /debian-container exited 0 \(Completed\) .* restartPolicy Never/ },
  // sim-node-2 stops at 2m; Unknown and tainted at 2m40s; its web pod evicted at 7m40s.
  { fixture: 'node-failure', at: 200_000, pod: 'web-', cause: 'node-not-ready', headline: /^its node sim-node-2 is unreachable for 40s; evicted in 4m20s \(300s after the taint\)$/ },
  { fixture: 'node-failure', at: 200_000, pod: 'agent-', cause: 'node-not-ready', headline: /^its node sim-node-2 is unreachable for 40s; it tolerates the taint for ever and stays$/ },
  { fixture: 'node-failure', at: 500_000, pod: 'web-', cause: 'terminating', headline: /past its grace: its node cannot confirm the containers stopped/ },
  { fixture: 'default', at: 120_000, pod: 'payments', cause: 'image-pull', headline: /does not pull/ },
  { fixture: 'default', at: 120_000, pod: 'cart-', cause: 'crash-loop', headline: /crash-looping: exit 1/ },
  { fixture: 'default', at: 120_000, pod: 'memory-hog', cause: 'oom-killed', headline: /OOMKilled/ },
  { fixture: 'default', at: 120_000, pod: 'big-batch', cause: 'unschedulable', headline: /Insufficient cpu/ },
  { fixture: 'default', at: 5_000, pod: 'orders', cause: 'init-waiting', headline: /waiting for init container wait-for-mysql \(1 of 3\)/ },
];

describe("each fixture's story, named", () => {
  it.each(STORIES)('$fixture at $at ms: $pod → $cause', async (story) => {
    const s = await start(story.fixture);
    s.clock.advance(story.at);
    // The pod the story is about: among pods with that name prefix, the one not Ready.
    const all = diagnoseAll(s).filter(({ pod }) => pod.metadata?.name?.startsWith(story.pod));
    const found = all.find(({ d }) => d.findings.some((f) => f.cause === story.cause));
    expect(found, all.map(({ pod, d }) => `${pod.metadata?.name}: ${diagnosisLines(d).join('\n')}`).join('\n')).toBeDefined();
    const f = found!.d.findings.find((x) => x.cause === story.cause)!;
    expect(f.headline).toMatch(story.headline);
    if (story.fix) expect(f.fix ?? '').toMatch(story.fix);
  });
});
