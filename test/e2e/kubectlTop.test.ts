// metrics.k8s.io through the real kubectl against `sim serve`: `kubectl top pods -A`,
// `top pods --containers`, `top nodes`, selectors, and the NotFound texts, against what the
// simulator's model says each container uses at the same (frozen) instant.
import { afterEach, describe, expect, it } from 'vitest';
import { quantityNanos } from '../../src/kube/quantity.js';
import { cpuQuantity, memoryQuantity, SimMetrics } from '../../src/sim/metrics/index.js';
import { Backoff } from '../../src/source/kube/backoff.js';
import { KubeSource } from '../../src/source/kube/kubeSource.js';
import { resolveStartup } from '../../src/source/kube/startup.js';
import { AppState } from '../../src/state/appState.js';
import { mount } from '../ui/helpers.js';
import { closeStartedHarnesses, Harness, kubectlAvailable, tableRows } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();

afterEach(closeStartedHarnesses);

/** kubectl top's cells: CPU in whole millicores, memory in whole Mi (k8s.io/kubectl pkg/metricsutil). */
function topCpu(quantity: string): string {
  return cpuQuantity(0) === quantity ? '0m' : `${Math.ceil(Number(quantityNanos(quantity)) / 1e6)}m`;
}
function topMemory(quantity: string): string {
  return `${Math.floor(Number(quantityNanos(quantity) / 1_000_000_000n) / (1024 * 1024))}Mi`;
}
describe.runIf(haveKubectl).sequential('kubectl top against sim serve', () => {
  it('top pods -A, --containers and top nodes agree with the model at the same instant', async () => {
    const h = await Harness.start({ scenario: 'default', settleMs: 60_000 });
    const metrics = new SimMetrics(h.sim.store, h.sim.clock);
    const pods = metrics.listPods(undefined);
    expect(pods.length).toBeGreaterThan(3);

    const r = await h.kubectl(['top', 'pods', '-A']);
    expect(r.stderr).toBe('');
    const rows = tableRows(r.stdout);
    expect(rows[0]).toEqual(['NAMESPACE', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    const byName = new Map(rows.slice(1).map((row) => [`${row[0]}/${row[1]}`, row]));
    expect(byName.size).toBe(pods.length);
    for (const p of pods) {
      let cpu = 0n;
      let mem = 0n;
      for (const c of p.containers) {
        cpu += quantityNanos(c.usage.cpu!);
        mem += quantityNanos(c.usage.memory!);
      }
      const row = byName.get(`${p.metadata.namespace}/${p.metadata.name}`)!;
      expect(row.slice(2), `${p.metadata.name}`).toEqual([topCpu(cpuQuantity(Number(cpu))), topMemory(memoryQuantity(Number(mem / 1_000_000_000n)))]);
    }

    const c = await h.kubectl(['top', 'pods', '--containers', '-n', 'default']);
    expect(c.stderr).toBe('');
    const crows = tableRows(c.stdout);
    expect(crows[0]).toEqual(['POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    const expected = pods
      .filter((p) => p.metadata.namespace === 'default')
      .flatMap((p) => p.containers.map((ct) => [p.metadata.name, ct.name, topCpu(ct.usage.cpu!), topMemory(ct.usage.memory!)]));
    expect(crows.slice(1).sort()).toEqual(expected.sort());

    const n = await h.kubectl(['top', 'nodes']);
    expect(n.stderr).toBe('');
    const nrows = tableRows(n.stdout);
    expect(nrows[0]).toEqual(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    const nodes = metrics.listNodes();
    expect(nrows.slice(1).map((row) => row.slice(0, 2).concat(row[3]!))).toEqual(
      nodes.map((m) => [m.metadata.name, topCpu(m.usage.cpu!), topMemory(m.usage.memory!)]),
    );
  });

  it('label selectors, one pod, and the NotFound texts', async () => {
    const h = await Harness.start({ scenario: 'deployment', settleMs: 30_000 });
    const sel = await h.kubectl(['top', 'pods', '-l', 'app=web', '--no-headers']);
    expect(sel.stderr).toBe('');
    expect(tableRows(sel.stdout).length).toBe(3);
    const none = await h.kubectl(['top', 'pods', '-l', 'app=nothing']);
    expect(none.stderr).toMatch(/No resources found in default namespace\./);
    const missing = await h.kubectl(['top', 'pod', 'nope']);
    expect(missing.stderr).toContain('Error from server (NotFound): pods "nope" not found');
    const node = await h.kubectl(['top', 'node', 'sim-node-1', '--no-headers']);
    expect(node.stderr).toBe('');
    expect(tableRows(node.stdout)[0]![0]).toBe('sim-node-1');
    const raw = await h.kubectl(['get', '--raw', '/apis/metrics.k8s.io/v1beta1']);
    expect(JSON.parse(raw.stdout)).toEqual({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: 'metrics.k8s.io/v1beta1',
      resources: [
        { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
        { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
      ],
    });
  });

  it('the oomkilled fixture\'s leak climbs toward its limit in kubectl top before it is killed', async () => {
    const h = await Harness.start({ scenario: 'oomkilled', settleMs: 30_000 });
    const mem = async (): Promise<number> => {
      const r = await h.kubectl(['top', 'pod', 'memory-leak', '--no-headers']);
      expect(r.stderr).toBe('');
      return Number(tableRows(r.stdout)[0]![2]!.replace(/Mi$/, ''));
    };
    const early = await mem();
    h.clock.advance(60_000);
    const later = await mem();
    expect(early).toBeGreaterThanOrEqual(50);
    expect(later - early).toBe(30);
    expect(later).toBeLessThan(128);
  });

  it("podscope's CPU and MEM columns on the live source agree with kubectl top pods -A at the same instant", async () => {
    const h = await Harness.start({ scenario: 'default', settleMs: 90_000 });
    const choice = await resolveStartup({ kubeconfig: h.kubeconfig, env: {}, homedir: h.dir, source: { newBackoff: () => new Backoff({ initialMs: 50, maxMs: 500 }) } });
    if (choice.kind !== 'kube' || !(choice.source instanceof KubeSource)) throw new Error(`expected the kube source, got ${choice.kind}`);
    const source = choice.source;
    const app = new AppState({ source, namespace: undefined, frameMs: 0, realNow: () => 0 });
    const m = await mount(app, { columns: 220, rows: 40 });
    try {
      app.pollMetrics();
      await m.idle();
      const frame = m.frame();
      // Cells by the header's offsets: RESTARTS may hold spaces ("3 (10m ago)").
      const header = frame.split('\n').find((l) => /NAMESPACE/.test(l) && /READY/.test(l))!;
      const cpuAt = header.search(/ CPU /) + 1;
      expect(cpuAt).toBeGreaterThan(0);
      const ours = new Map<string, string[]>();
      for (const line of frame.split('\n')) {
        if (!/^[> ][*+ ]\S+\s+\S+\s+\d+\/\d+\s/.test(line)) continue;
        const [ns, name] = line.slice(2).trim().split(/\s+/);
        ours.set(`${ns}/${name}`, line.slice(cpuAt).trim().split(/\s+/).slice(0, 2));
      }
      const top = await h.kubectl(['top', 'pods', '-A', '--no-headers']);
      expect(top.stderr).toBe('');
      const theirs = tableRows(top.stdout);
      expect(theirs.length).toBeGreaterThan(5);
      for (const [ns, name, cpu, mem] of theirs) expect(ours.get(`${ns}/${name}`), `${ns}/${name}`).toEqual([cpu!.replace(/m$/, ''), mem!.replace(/Mi$/, '')]);
    } finally {
      m.unmount();
      source.close();
    }
  });
});
