// The live source against the real simulator server, reached only through kubeconfig files
// and the network: TLS with the minted CA, dropped watches, a forced 410, a restart with a
// fresh history, and a graceful delete confirmed by kubectl.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Event, Pod } from '../../src/kube/types.js';
import { ManualClock } from '../../src/sim/clock.js';
import { Simulator } from '../../src/sim/engine.js';
import { loadScenario, resolveScenarioPath } from '../../src/sim/scenario/index.js';
import { writeKubeconfig } from '../../src/sim/server/kubeconfig.js';
import type { SimServer } from '../../src/sim/server/server.js';
import type { TlsMaterial } from '../../src/sim/server/tls.js';
import { resolveStartup, StartupError } from '../../src/source/kube/startup.js';
import type { DeltaBatch } from '../../src/source/types.js';
import { connectLive, scratchPerTest } from './helpers/liveSource.js';
import { mintTlsMaterial } from './helpers/tlsFiles.js';
import { execKubectl, serveSim, TOKEN, waitFor } from './helpers/serverHarness.js';

const run = promisify(execFile);

const scratch = scratchPerTest('podscope-kube-e2e-');
let dir: string;
let tls: TlsMaterial;

// The test reads the minted files back, so this file mints its own into the scratch directory.
beforeEach(async () => {
  dir = scratch.dir;
  tls = await mintTlsMaterial(join(dir, 'pki'), ['127.0.0.1', 'localhost']);
});

interface Cluster {
  sim: Simulator;
  clock: ManualClock;
  server: SimServer;
  kubeconfig: string;
}

async function startCluster(opts: { scenario: string; historySize?: number; port?: number; caPem?: string; name?: string }): Promise<Cluster> {
  const clock = new ManualClock();
  const sim = new Simulator({ clock, scenario: await loadScenario(resolveScenarioPath(opts.scenario)), historySize: opts.historySize });
  sim.start();
  clock.advance(120_000);
  const { server, kubeconfig } = await serveSim(sim, {
    tls,
    caPem: opts.caPem,
    server: { port: opts.port },
    kubeconfigAt: (port) => join(dir, `${opts.name ?? 'kubeconfig'}-${port}`),
  });
  const cluster = { sim, clock, server, kubeconfig };
  scratch.defer(async () => {
    await cluster.server.close();
    cluster.sim.stop();
  });
  return cluster;
}

const connect = (kubeconfig: string) => connectLive(kubeconfig, scratch);

/** The UI's view of the pods, with a tally of deltas that made no sense. */
class View {
  readonly pods = new Map<string, Pod>();
  readonly anomalies: string[] = [];

  apply = (batch: DeltaBatch<Pod>): void => {
    for (const d of batch) {
      if (d.type === 'RESET') {
        this.pods.clear();
        for (const p of d.objects) this.pods.set(p.metadata!.uid!, p);
      } else if (d.type === 'DELETED') {
        if (!this.pods.delete(d.object.metadata!.uid!)) this.anomalies.push(`ghost DELETED ${d.object.metadata!.name}`);
      } else {
        if (d.type === 'ADDED' && this.pods.has(d.object.metadata!.uid!)) this.anomalies.push(`duplicate ADDED ${d.object.metadata!.name}`);
        this.pods.set(d.object.metadata!.uid!, d.object);
      }
    }
  };

  summary(): string[] {
    return [...this.pods.values()].map(podLine).sort();
  }
}

function podLine(p: Pod): string {
  return `${p.metadata!.namespace}/${p.metadata!.name} ${p.metadata!.uid} rv=${p.metadata!.resourceVersion}`;
}

function serverPods(c: Cluster): string[] {
  return c.sim.store.list('Pod', { namespace: 'default' }).items.map(podLine).sort();
}

async function kubectlPods(kubeconfig: string): Promise<string> {
  const { stdout, stderr } = await execKubectl(kubeconfig, ['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,DELETING:.metadata.deletionTimestamp', '--no-headers'], {
    ...process.env,
    HOME: dir,
  });
  return (stdout + stderr).trim();
}

describe.sequential('live source against `sim serve`', () => {
  it('speaks TLS verified against the minted CA, and a wrong CA fails with a clear message', async () => {
    const c = await startCluster({ scenario: 'deployment' });
    const source = await connect(c.kubeconfig);
    expect(source.info()).toEqual({
      context: 'podscope-sim',
      cluster: 'podscope-sim',
      user: 'podscope-sim',
      server: c.server.url,
      version: source.info().version,
    });
    expect(source.info().version).toMatch(/^v1\.\d+\.\d+/);
    const pods = await source.listPods({ namespace: 'default' });
    expect(pods.map(podLine).sort()).toEqual(serverPods(c));
    expect(pods).toHaveLength(3);

    const other = await mintTlsMaterial(join(dir, 'other-pki'), ['127.0.0.1']);
    const text = await run('openssl', ['x509', '-in', join(dir, 'pki', 'tls.crt'), '-noout', '-ext', 'subjectAltName', '-issuer']);
    expect(text.stdout).toMatch(/IP Address:127\.0\.0\.1, DNS:localhost/);
    const verified = await run('openssl', ['verify', '-CAfile', join(dir, 'pki', 'ca.crt'), join(dir, 'pki', 'tls.crt')]);
    expect(verified.stdout.trim()).toBe(`${join(dir, 'pki', 'tls.crt')}: OK`);
    expect(other.caPem).not.toBe(tls.caPem);
    const wrong = join(dir, 'wrong-ca');
    await writeKubeconfig(wrong, { server: c.server.url, token: TOKEN, caPem: other.caPem });
    const err = await resolveStartup({ kubeconfig: wrong, env: {}, homedir: dir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StartupError);
    const badToken = join(dir, 'bad-token');
    await writeKubeconfig(badToken, { server: c.server.url, token: 'not-the-token', caPem: tls.caPem });
    const denied = await resolveStartup({ kubeconfig: badToken, env: {}, homedir: dir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((denied as StartupError).message).toBe(
      `podscope: cannot use kubeconfig ${badToken}, context "podscope-sim" (server ${c.server.url}): the API server at ${c.server.url} rejected the credentials (401 Unauthorized). Check the user's token, token file, client certificate or exec plugin in the kubeconfig.`,
    );
    expect((err as StartupError).message).toBe(
      `podscope: cannot use kubeconfig ${wrong}, context "podscope-sim" (server ${c.server.url}): TLS verification of ${c.server.url} failed: the server's certificate is not signed by the certificate authority in the kubeconfig (UNABLE_TO_VERIFY_LEAF_SIGNATURE). Check the cluster's certificate-authority(-data) in the kubeconfig.`,
    );
  });

  it('converges to the server while every watch is dropped again and again', async () => {
    const c = await startCluster({ scenario: 'deployment' });
    const source = await connect(c.kubeconfig);
    const view = new View();
    source.watchPods({ namespace: 'default' }, view.apply);
    const events = new Map<string, string>();
    source.watchEvents({ namespace: 'default' }, (batch) => {
      for (const d of batch) {
        if (d.type === 'RESET') {
          events.clear();
          for (const e of d.objects) events.set(e.metadata!.uid!, e.metadata!.resourceVersion!);
        } else if (d.type === 'DELETED') events.delete(d.object.metadata!.uid!);
        else events.set(d.object.metadata!.uid!, d.object.metadata!.resourceVersion!);
      }
    });
    const serverEvents = () =>
      c.sim.store
        .list('Event', { namespace: 'default' })
        .items.map((e) => `${e.metadata!.uid}@${e.metadata!.resourceVersion}`)
        .sort()
        .join();
    const viewEvents = () => [...events].map(([uid, rv]) => `${uid}@${rv}`).sort().join();
    await waitFor('the first list', () => source.live && view.pods.size === 3);
    for (let round = 0; round < 5; round++) {
      c.server.dropAllWatches();
      // Churn while the watches are down: a delete (the ReplicaSet replaces it) and a new pod.
      const victim = c.sim.store.list('Pod', { namespace: 'default' }).items[0]!;
      c.sim.api.delete('Pod', 'default', victim.metadata!.name!, { gracePeriodSeconds: 0 });
      c.sim.api.create('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `extra-${round}`, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
      c.clock.advance(30_000);
      await waitFor(
        `convergence after drop ${round}`,
        () => source.live && view.summary().join('\n') === serverPods(c).join('\n') && viewEvents() === serverEvents(),
      );
    }
    expect(events.size).toBeGreaterThan(10);
    // Three replicas plus the last extra pod (each round's victim after the first is the previous extra).
    expect(view.summary().map((l) => l.split(' ')[0]!.replace(/-[a-z0-9]+-[a-z0-9]+$/, '-*'))).toEqual([
      'default/extra-4',
      'default/web-*',
      'default/web-*',
      'default/web-*',
    ]);
    expect(view.anomalies).toEqual([]);
  });

  it("the event table's watch keeps what setEventTransform makes of each parsed event; a generic Event watch keeps whole events", async () => {
    const c = await startCluster({ scenario: 'deployment' });
    const source = await connect(c.kubeconfig);
    const seen: string[] = [];
    source.setEventTransform((ev) => {
      seen.push(ev.metadata!.uid!);
      return { metadata: ev.metadata, involvedObject: ev.involvedObject, reason: `kept ${ev.reason}` };
    });
    const table = new Map<string, Event>();
    const generic = new Map<string, Event>();
    const keep = (into: Map<string, Event>) => (batch: DeltaBatch<Event>) => {
      for (const d of batch) {
        if (d.type === 'RESET') for (const e of d.objects) into.set(e.metadata!.uid!, e);
        else if (d.type !== 'DELETED') into.set(d.object.metadata!.uid!, d.object);
      }
    };
    source.watchEvents({ namespace: 'default' }, keep(table));
    source.watch('Event', { namespace: 'default' }, keep(generic));
    const count = c.sim.store.list('Event', { namespace: 'default' }).items.length;
    expect(count).toBeGreaterThan(5);
    await waitFor('both event watches listed', () => source.live && table.size === count && generic.size === count);
    expect([...table.values()].every((e) => e.reason?.startsWith('kept ') && e.apiVersion === undefined)).toBe(true);
    expect([...generic.values()].every((e) => !e.reason?.startsWith('kept ') && e.apiVersion === 'v1' && e.kind === 'Event')).toBe(true);
    expect(new Set(seen).size).toBe(count);
  });

  it('relists after a forced 410 and after a restart on the same port with a fresh history', async () => {
    const c = await startCluster({ scenario: 'deployment', historySize: 5 });
    const source = await connect(c.kubeconfig);
    const messages: string[] = [];
    source.onStatus((st) => messages.push(`${st.phase}: ${st.message ?? ''}`));
    const view = new View();
    source.watchPods({ namespace: 'default' }, view.apply);
    await waitFor('the first list', () => source.live && view.pods.size === 3);

    // Far more changes than the history keeps, while no watch is open: the re-watch gets 410.
    c.server.dropAllWatches();
    for (let i = 0; i < 4; i++) {
      c.sim.api.create('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `burst-${i}`, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    }
    c.clock.advance(60_000);
    await waitFor('convergence after 410', () => source.live && view.summary().join('\n') === serverPods(c).join('\n'));
    expect(view.pods.size).toBe(7);
    expect(messages).toContain('syncing: pods: the watch fell too far behind the server; relisting');

    // The server goes away and another one, with other pods and a new history, takes its port.
    const port = c.server.port;
    await c.server.close();
    c.sim.stop();
    const next = await startCluster({ scenario: 'nginx', port, name: 'restarted' });
    await waitFor('convergence after the restart', () => source.live && view.summary().join('\n') === serverPods(next).join('\n'));
    expect(view.summary().map((s) => s.split(' ')[0])).toEqual(['default/nginx']);
    // Either the informer found the port closed (and relists once it answers), or the new
    // server was already up and its resourceVersion had gone backwards: both lead to a relist.
    const sawRestart = messages.some(
      (m) =>
        m === 'syncing: pods: the server restarted with a new history; relisting' ||
        m.startsWith(`reconnecting: cannot sync pods: cannot reach the API server at ${c.server.url}: connection refused; retrying in `),
    );
    expect(sawRestart).toBe(true);
    expect(view.anomalies).toEqual([]);
  });

  it('deletes with grace 5: Terminating, then gone ≈5 simulated seconds later, as kubectl confirms', async () => {
    const c = await startCluster({ scenario: 'deployment' });
    const source = await connect(c.kubeconfig);
    const view = new View();
    source.watchPods({ namespace: 'default' }, view.apply);
    await waitFor('the first list', () => source.live && view.pods.size === 3);
    const name = [...view.pods.values()][0]!.metadata!.name!;

    expect(await source.deletePod('default', name, 5)).toEqual({ kind: 'deleting', graceSeconds: 5 });
    await waitFor('Terminating in the view', () => [...view.pods.values()].some((p) => p.metadata!.name === name && p.metadata!.deletionTimestamp !== undefined));
    expect(await kubectlPods(c.kubeconfig)).toContain(name);

    c.clock.advance(4_000);
    expect(c.sim.store.get('Pod', 'default', name)).toBeDefined();
    expect(await kubectlPods(c.kubeconfig)).toMatch(new RegExp(`^${name}\\s+\\d{4}-`, 'm'));

    c.clock.advance(2_000);
    expect(c.sim.store.get('Pod', 'default', name)).toBeUndefined();
    const after = await kubectlPods(c.kubeconfig);
    expect(after).not.toContain(name);
    await waitFor('gone from the view', () => view.summary().join('\n') === serverPods(c).join('\n'));
    expect([...view.pods.values()].some((p) => p.metadata!.name === name)).toBe(false);
    expect(await source.deletePod('default', name, 5)).toEqual({ kind: 'notFound', message: `pods "${name}" not found` });
    expect(view.anomalies).toEqual([]);
  });
});
