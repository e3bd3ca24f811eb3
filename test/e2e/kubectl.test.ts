// The real kubectl of this machine against `sim serve` (in process, TLS, a written
// kubeconfig): what it prints must be what the engine holds, in kubectl's own words.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../src/kube/types.js';
import { bundledScenarioNames, fixturesDir } from '../../src/sim/scenario/index.js';
import { closeStartedHarnesses, Harness, kubectlAvailable, tableRows, waitFor } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();
let h: Harness | undefined;

afterEach(closeStartedHarnesses);

/** Lets the event loop serve pending requests (no wall-clock wait). */
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

function storePods(x: Harness, namespace?: string): Pod[] {
  return x.sim.store.list('Pod', { namespace }).items;
}

describe.runIf(haveKubectl).sequential('kubectl against sim serve', () => {
  it('get pods -A shows every pod with kubectl STATUS strings', async () => {
    h = await Harness.start({ scenario: 'default' });
    const r = await h.kubectl(['get', 'pods', '-A']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [header, ...body] = tableRows(r.stdout);
    expect(header).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    // Generated names (hello-x7k2p, cart-d5d695cc8-99m5r) are looked up by their stem.
    const row = (name: string): string[] => body.find((c) => (name.endsWith('-*') ? c[1]!.startsWith(name.slice(0, -1)) : c[1] === name))!;
    expect(body.map((c) => `${c[0]}/${c[1]}`)).toEqual(storePods(h).map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`));
    const status = (name: string): string => row(name)[3]!;
    expect(status('big-batch')).toBe('Pending');
    expect(status('hello-*')).toBe('Completed');
    expect(status('memory-hog')).toBe('CrashLoopBackOff');
    expect(status('myweb')).toBe('Running');
    expect(status('two-containers')).toBe('NotReady');
    expect(status('payments')).toBe('ImagePullBackOff');
    expect(status('cart-*')).toBe('CrashLoopBackOff');
    expect(row('two-containers')[2]).toBe('1/2');
    expect(row('orders')[2]).toBe('2/2');
    expect(row('memory-hog')[4]).toMatch(/^\d+ \(\d+s ago\)$/);
    expect(row('myweb')[5]).toBe('2m');
  });

  it('get pods -o wide, -o json, -l and --field-selector', async () => {
    h = await Harness.start({ scenario: 'default' });
    const wide = await h.kubectl(['get', 'pods', '-o', 'wide']);
    const [header, ...body] = tableRows(wide.stdout);
    expect(header).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    const pods = storePods(h, 'default');
    expect(body.map((c) => [c[0], c[5], c[6], c[7], c[8]])).toEqual(
      pods.map((p) => [p.metadata!.name, p.status?.podIP ?? '<none>', p.spec?.nodeName ?? '<none>', '<none>', '<none>']),
    );

    const json = await h.kubectl(['get', 'pods', '-o', 'json']);
    const list = JSON.parse(json.stdout) as { kind: string; items: Pod[] };
    expect(list.kind).toBe('List');
    expect(list.items.map((p) => p.metadata!.uid)).toEqual(pods.map((p) => p.metadata!.uid));
    expect(list.items[0]).toEqual(pods[0]);

    const web = await h.kubectl(['get', 'pods', '-l', 'app=web', '--no-headers']);
    const webRows = tableRows(web.stdout);
    expect(webRows).toHaveLength(3);
    for (const cells of webRows) expect(cells.slice(1, 4)).toEqual(['1/1', 'Running', '0']);
    expect(webRows.map((c) => c[0]).every((n) => /^web-[a-z0-9]+-[a-z0-9]{5}$/.test(n!))).toBe(true);

    const running = await h.kubectl(['get', 'pods', '-A', '--field-selector', 'status.phase=Running', '--no-headers']);
    expect(tableRows(running.stdout).map((c) => c[1])).toEqual(storePods(h).filter((p) => p.status?.phase === 'Running').map((p) => p.metadata!.name));
    const none = await h.kubectl(['get', 'pods', '--field-selector', 'status.phase=Unknown']);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe('No resources found in default namespace.\n');
    const bad = await h.kubectl(['get', 'pods', '--field-selector', 'spec.image=x']);
    expect(bad.stderr).toBe('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.image=x": field label not supported: spec.image\n');
  });

  it('describe pod works for every pod of every bundled scenario', async () => {
    let described = 0;
    for (const scenario of bundledScenarioNames()) {
      h = await Harness.start({ scenario });
      for (const pod of storePods(h)) {
        const name = pod.metadata!.name!;
        const r = await h.kubectl(['describe', 'pod', name, '-n', pod.metadata!.namespace!]);
        expect(r.stderr, `${scenario}: ${name}`).toBe('');
        const out = r.stdout;
        expect(out.startsWith(`Name:             ${name}\nNamespace:        ${pod.metadata!.namespace}\n`), `${scenario}: ${name}\n${out}`).toBe(true);
        for (const c of pod.spec!.containers) expect(out).toContain(`\n  ${c.name}:\n`);
        if (pod.status?.containerStatuses?.length) expect(out).toMatch(/\n {4}State: {10}(Running|Waiting|Terminated)\n/);
        if (pod.status?.conditions?.length) expect(out).toContain('\nConditions:\n  Type ');
        expect(out).toMatch(/\nEvents:( +<none>|\n {2}Type +Reason +Age +From +Message\n)/);
        described++;
      }
      await h.close();
      h = undefined;
    }
    expect(described).toBeGreaterThan(20);
    // Every pod of every bundled fixture, one kubectl each: the time grows with the fixtures.
  }, 180_000);

  it('describe shows last state and repeated events as (xN over …)', async () => {
    h = await Harness.start({ scenario: 'crashloop', settleMs: 300_000 });
    const r = await h.kubectl(['describe', 'pod', 'crashloop']);
    expect(r.stdout).toMatch(/\n {4}State: {10}Waiting\n {6}Reason: {7}CrashLoopBackOff\n {4}Last State: {5}Terminated\n {6}Reason: {7}Error\n {6}Exit Code: {4}1\n/);
    expect(r.stdout).toMatch(/\n {2}Warning +BackOff +\S+ \(x\d+ over \S+\) +kubelet +Back-off restarting failed container app in pod crashloop_default\(/);
    expect(r.stdout).toMatch(/\n {2}Normal +Started +\S+ \(x\d+ over \S+\) +kubelet +Started container app\n/);
  });

  it('get pods -w streams a new pod through its phases', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const w = h.stream(['get', 'pods', '-w']);
    await waitFor('the initial rows', () => w.lines.length >= 2);
    expect(tableRows(w.lines.join('\n'))[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    h.sim.api.create('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'streamed', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    await waitFor('the new pod', () => w.lines.some((l) => l.startsWith('streamed ')));
    for (let i = 0; i < 30 && !w.lines.some((l) => /^streamed +1\/1 +Running /.test(l)); i++) {
      h.clock.advance(1_000);
      await tick();
    }
    await waitFor('Running', () => w.lines.some((l) => /^streamed +1\/1 +Running +0 +\d+s$/.test(l)));
    const statuses = w.lines.filter((l) => l.startsWith('streamed ')).map((l) => tableRows(l)[0]![2]);
    expect(statuses[0]).toBe('Pending');
    expect(statuses).toContain('ContainerCreating');
    expect(statuses.at(-1)).toBe('Running');
    expect(w.exited).toBe(false);
    w.stop();
  });

  it('get events -w streams the events of a new pod', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const w = h.stream(['get', 'events', '-w']);
    await waitFor('the initial rows', () => w.lines.length >= 2);
    expect(tableRows(w.lines[0]!)[0]).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    h.sim.api.create('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'evented', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } });
    for (let i = 0; i < 30 && !w.lines.some((l) => l.includes('Started container c')); i++) {
      h.clock.advance(1_000);
      await tick();
    }
    await waitFor('Started', () => w.lines.some((l) => / Normal +Started +pod\/evented +Started container c$/.test(l)));
    const reasons = w.lines.filter((l) => l.includes('pod/evented')).map((l) => tableRows(l)[0]![2]);
    expect(reasons.slice(0, 2)).toEqual(['Scheduled', 'Pulling']);
    w.stop();
  });

  it('delete --grace-period=3 returns once the pod is gone, and the Deployment replaces it', async () => {
    h = await Harness.start({ scenario: 'deployment' });
    const victim = storePods(h, 'default')[0]!.metadata!.name!;
    const del = h.stream(['delete', 'pod', victim, '--grace-period=3']);
    await waitFor('the deletionTimestamp', () => h!.sim.store.get('Pod', 'default', victim)?.metadata?.deletionTimestamp !== undefined);
    const deadline = Date.parse(h.sim.store.get('Pod', 'default', victim)!.metadata!.deletionTimestamp!);
    expect(deadline - h.clock.now()).toBe(3_000);
    let goneAt: number | undefined;
    const watch = h.sim.store.watch('Pod', { namespace: 'default', resourceVersion: h.sim.store.resourceVersion }, (ev) => {
      if (ev.type === 'DELETED' && ev.object.metadata!.name === victim) goneAt = h!.clock.now();
    });
    for (let step = 0; goneAt === undefined; step++) {
      if (step > 40) throw new Error('the pod outlived its 3 s grace period by far');
      h.clock.advance(250);
      await tick();
      if (goneAt === undefined) expect(del.exited).toBe(false);
    }
    watch.stop();
    await waitFor('kubectl delete to return', () => del.exited);
    expect(del.exitCode).toBe(0);
    expect(del.lines).toEqual([`pod "${victim}" deleted`]);
    expect(goneAt - (deadline - 3_000)).toBeGreaterThanOrEqual(2_000);
    expect(goneAt - (deadline - 3_000)).toBeLessThanOrEqual(3_000);

    h.clock.advance(10_000);
    const after = await h.kubectl(['get', 'pods', '--no-headers']);
    const names = tableRows(after.stdout).map((c) => c[0]);
    expect(names).toHaveLength(3);
    expect(names).not.toContain(victim);
  });

  it('delete --force --grace-period=0 is immediate', async () => {
    h = await Harness.start({ scenario: 'deployment' });
    const victim = storePods(h, 'default')[0]!.metadata!.name!;
    const r = await h.kubectl(['delete', 'pod', victim, '--force', '--grace-period=0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`pod "${victim}" force deleted\n`);
    expect(r.stderr).toContain('Immediate deletion does not wait for confirmation');
    expect(h.sim.store.get('Pod', 'default', victim)).toBeUndefined();
  });

  it('create -f a fixture creates its objects and the pods start', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const r = await h.kubectl(['create', '-f', join(fixturesDir(), 'two-containers.yaml')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('pod/two-containers created\n');
    const again = await h.kubectl(['create', '-f', join(fixturesDir(), 'two-containers.yaml')]);
    expect(again.stderr).toBe('Error from server (AlreadyExists): error when creating "' + join(fixturesDir(), 'two-containers.yaml') + '": pods "two-containers" already exists\n');
    const job = await h.kubectl(['create', '-f', join(fixturesDir(), 'hello-job.yaml')]);
    expect(job.stdout).toBe('job.batch/hello created\n');
    h.clock.advance(60_000);
    const got = await h.kubectl(['get', 'pods', '--no-headers']);
    const statuses = Object.fromEntries(tableRows(got.stdout).map((c) => [c[0]!.replace(/^hello-[a-z0-9]{5}$/, 'hello-*'), c[2]]));
    expect(statuses).toEqual({ nginx: 'Running', 'two-containers': 'NotReady', 'hello-*': 'Completed' });
  });

  it('apply creates, then patches with a strategic merge', async () => {
    h = await Harness.start({ scenario: 'nginx' });
    const manifest = (image: string): string =>
      JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { replicas: 1, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image }] } } } });
    const first = await h.kubectl(['apply', '-f', '-'], manifest('busybox:1.36'));
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('deployment.apps/api created\n');
    const second = await h.kubectl(['apply', '-f', '-'], manifest('busybox:1.37'));
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe('deployment.apps/api configured\n');
    const d = h.sim.store.get('Deployment', 'default', 'api')!;
    expect(d.spec!.template.spec!.containers.map((c) => `${c.name}=${c.image}`)).toEqual(['api=busybox:1.37']);
    expect(d.metadata!.generation).toBe(2);
    const serverSide = await h.kubectl(['apply', '--server-side', '-f', '-'], manifest('busybox:1.38'));
    expect([serverSide.stdout, serverSide.stderr]).toEqual(['deployment.apps/api serverside-applied\n', '']);
    expect(h.sim.store.get('Deployment', 'default', 'api')!.spec!.template.spec!.containers[0]!.image).toBe('busybox:1.38');
  });

  it('scale goes through the scale subresource and the ReplicaSet follows', async () => {
    h = await Harness.start({ scenario: 'deployment' });
    const r = await h.kubectl(['scale', 'deployment', 'web', '--replicas=5']);
    expect([r.stdout, r.stderr]).toEqual(['deployment.apps/web scaled\n', '']);
    expect(h.sim.store.get('Deployment', 'default', 'web')!.spec!.replicas).toBe(5);
    h.clock.advance(30_000);
    const pods = await h.kubectl(['get', 'pods', '--no-headers']);
    expect(tableRows(pods.stdout).map((c) => c.slice(1, 3))).toEqual(Array.from({ length: 5 }, () => ['1/1', 'Running']));
  });

  const kubectl133 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
  it.runIf(existsSync(kubectl133))('kubectl 1.33 lists, describes and creates without warnings', async () => {
    h = await Harness.start({ scenario: 'deployment' });
    const got = await h.kubectl(['get', 'pods', '-A'], undefined, kubectl133);
    expect(got.stderr).toBe('');
    expect(tableRows(got.stdout).slice(1).map((c) => c.slice(2, 5))).toEqual([['1/1', 'Running', '0'], ['1/1', 'Running', '0'], ['1/1', 'Running', '0']]);
    const name = storePods(h)[0]!.metadata!.name!;
    const described = await h.kubectl(['describe', 'pod', name], undefined, kubectl133);
    expect(described.stderr).toBe('');
    expect(described.stdout.startsWith(`Name:             ${name}\n`)).toBe(true);
    const created = await h.kubectl(['create', '-f', join(fixturesDir(), 'nginx.yaml')], undefined, kubectl133);
    expect([created.stdout, created.stderr]).toEqual(['pod/nginx created\n', '']);
    const version = await h.kubectl(['version'], undefined, kubectl133);
    expect(version.stdout).toContain('Server Version: v1.33.1-podscope-sim\n');
  });
});
