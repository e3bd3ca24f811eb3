// Resource views on the in-process simulator: `:deploy` lists with the printer's columns and
// follows the watch; Enter lists a workload's pods; shift-j and o jump from a pod to its
// owner chain and its node, Esc / [ / ] walk the history with crumbs in the title; scale and
// restart go through a confirmation; --readonly blocks them; c copies by OSC 52; ctrl-s saves.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, resolveScenarioPath } from '../../src/sim/scenario/index.js';
import { SimSource } from '../../src/source/sim.js';
import { AppState } from '../../src/state/appState.js';
import { setClipboardSink } from '../../src/ui/clipboard.js';
import { helpLines } from '../../src/ui/keymap.js';
import { mount, type Mounted } from './helpers.js';
import { createTestSimulator } from './testSimulator.js';

let mounted: Mounted | undefined;
let stopSim: (() => void) | undefined;
afterEach(() => {
  mounted?.unmount();
  stopSim?.();
});

async function open(fixture: string, opts: { readonly?: boolean; namespace?: string } = {}) {
  const sim = createTestSimulator(await loadScenario(resolveScenarioPath(fixture)));
  stopSim = () => sim.stop();
  sim.clock.advance(60_000);
  const app = new AppState({ source: new SimSource(sim), namespace: opts.namespace ?? 'default', frameMs: 0, realNow: () => 0, readonly: opts.readonly });
  mounted = await mount(app, { columns: 160, rows: 40 });
  return { m: mounted, sim };
}

async function command(m: Mounted, text: string): Promise<void> {
  await m.press('command');
  await m.type(text);
  await m.press('submit');
}

const rows = (frame: string, re: RegExp): string[] => frame.split('\n').filter((l) => re.test(l));

describe('resource views', () => {
  it(':deploy lists deployments with kubectl columns and follows the watch', async () => {
    const { m, sim } = await open('deployment');
    await command(m, 'deploy');
    expect(m.frame()).toContain('Deployments(default)[1]');
    expect(m.frame()).toMatch(/NAME↑\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
    expect(m.frame()).toMatch(/^> {1}web\s+3\/3\s+3\s+3\s+60s/m);
    const web = sim.store.get('Deployment', 'default', 'web')!;
    sim.api.create('Deployment', { ...web, metadata: { name: 'api', labels: { app: 'api' } }, spec: { ...web.spec!, selector: { matchLabels: { app: 'api' } }, template: { ...web.spec!.template, metadata: { labels: { app: 'api' } } } } });
    sim.clock.advance(30_000);
    await m.idle();
    expect(m.frame()).toContain('Deployments(default)[2]');
    expect(rows(m.frame(), /^[> ] api\s+\d\/3/)).toHaveLength(1);
    await m.key('ctrl-w');
    expect(m.frame()).toMatch(/CONTAINERS\s+IMAGES\s+SELECTOR/);
  });

  it('every catalogued kind opens by plural, singular and short name; an unknown one says so', async () => {
    const { m } = await open('deployment');
    for (const [word, title] of [['replicasets', 'ReplicaSets(default)'], ['rs', 'ReplicaSets(default)'], ['node', 'Nodes['], ['no', 'Nodes['], ['cm', 'ConfigMaps(default)'], ['sts', 'StatefulSets(default)'], ['ds', 'DaemonSets(default)'], ['job', 'Jobs(default)'], ['cj', 'CronJobs(default)'], ['namespaces', 'Namespaces[']] as const) {
      await command(m, word);
      expect(m.frame(), word).toContain(title);
    }
    await command(m, 'svcx');
    expect(m.frame()).toContain('unknown command ":svcx" (try :pods :events :ns :ctx :q)');
  });

  it('pod → J → ReplicaSet → J → Deployment → Enter → its pods → back, with crumbs; ] goes forward', async () => {
    const { m } = await open('deployment');
    await m.press('filter');
    await m.type('web-');
    await m.press('submit');
    await m.key('J');
    expect(m.frame()).toMatch(/Pods\(default\) › replicaset default\/web-[a-z0-9]+\[1\]/);
    await m.key('J');
    expect(m.frame()).toMatch(/› replicaset default\/web-[a-z0-9]+ › deployment default\/web\[1\]/);
    expect(m.frame()).toMatch(/^> {1}web\s+3\/3/m);
    await m.key('enter');
    expect(m.frame()).toContain('› pods of deployment default/web[3]');
    expect(rows(m.frame(), /^[> ] web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running/)).toHaveLength(3);
    await m.key('esc');
    expect(m.frame()).toMatch(/deployment default\/web\[1\]  \] forward/);
    await m.key(']');
    expect(m.frame()).toContain('pods of deployment default/web[3]');
    await m.key('enter');
    expect(m.frame()).toMatch(/Pod default\/web-/);
    await m.key('esc');
    await m.key('[');
    await m.key('esc');
    await m.key('esc');
    expect(m.frame()).toContain('Pods(default)[3/3]');
  });

  it('a CronJob lists its Jobs on Enter; a Job its pods; J from the Job goes back up to the CronJob', async () => {
    const { m, sim } = await open('default', { namespace: 'batch' });
    const cronJobs = [...sim.store.all('CronJob')];
    if (cronJobs.length === 0) {
      sim.api.create('CronJob', {
        metadata: { name: 'tick', namespace: 'batch' },
        spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['true'] }] } } } } },
      });
    }
    sim.clock.advance(90_000);
    await m.idle();
    await command(m, 'cj');
    const name = /^> (\S+)/m.exec(m.frame())?.[1];
    expect(name).toBeDefined();
    const owned = [...sim.store.all('Job')].filter((j) => j.metadata?.ownerReferences?.some((r) => r.kind === 'CronJob' && r.name === name));
    expect(owned.length).toBeGreaterThan(0);
    await m.key('enter');
    expect(m.frame()).toContain(`› jobs of cronjob batch/${name}[${owned.length}]`);
    await m.key('enter');
    expect(m.frame()).toMatch(/› pods of job batch\/\S+\[\d+\]/);
    await m.key('esc');
    await m.key('J');
    expect(m.frame()).toContain(`› cronjob batch/${name}[1]`);
  });

  it('pod → o → its node → Enter → the pods on that node', async () => {
    const { m, sim } = await open('deployment');
    const pod = [...sim.store.all('Pod')].find((p) => p.metadata?.name?.startsWith('web-'))!;
    await m.press('filter');
    await m.type(pod.metadata!.name!);
    await m.press('submit');
    await m.key('o');
    const node = pod.spec!.nodeName!;
    expect(m.frame()).toContain(`› node ${node}[1]`);
    expect(m.frame()).toMatch(new RegExp(`^> ${node}\\s+Ready`, 'm'));
    await m.key('enter');
    expect(m.frame()).toContain(`pods of node ${node}[`);
    const onNode = [...sim.store.all('Pod')].filter((p) => p.spec?.nodeName === node && p.metadata?.namespace === 'default');
    expect(rows(m.frame(), /^[> ] web-/)).toHaveLength(onNode.length);
  });

  it('s scales through a dialog with the current replicas; r restarts; --readonly blocks both', async () => {
    const { m, sim } = await open('deployment');
    await command(m, 'deploy');
    await m.key('s');
    expect(m.frame()).toContain('Scale deployment default/web?');
    expect(m.frame()).toContain('Replicas: [3█]');
    await m.key('5');
    await m.key('enter');
    expect(m.frame()).toContain('[OK]');
    await m.key('enter');
    expect(sim.store.get('Deployment', 'default', 'web')!.spec!.replicas).toBe(5);
    expect(m.frame()).toContain('deployment default/web scaled to 5');

    await m.key('r');
    expect(m.frame()).toContain('Restart deployment default/web?');
    expect(m.frame()).toContain('[Cancel]');
    await m.key('shift-tab');
    await m.key('enter');
    const restartedAt = sim.store.get('Deployment', 'default', 'web')!.spec!.template!.metadata!.annotations!['kubectl.kubernetes.io/restartedAt'];
    expect(restartedAt).toBe(new Date(sim.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z'));
  });

  it('--readonly: s, r and ctrl-d say so and change nothing', async () => {
    const { m } = await open('deployment', { readonly: true });
    await command(m, 'deploy');
    for (const key of ['s', 'r', 'ctrl-d']) {
      await m.key(key);
      expect(m.frame(), key).toContain('read-only mode (--readonly)');
      expect(m.frame()).not.toContain('[Cancel]');
    }
  });

  it('ctrl-d deletes a deployment after the dialog (Cancel focused, namespace/name listed)', async () => {
    const { m, sim } = await open('deployment');
    await command(m, 'deploy');
    await m.key('ctrl-d');
    expect(m.frame()).toContain('Delete deployment default/web?');
    expect(m.frame()).toContain('[Cancel]');
    await m.key('enter');
    expect(sim.store.get('Deployment', 'default', 'web')).toBeDefined();
    await m.key('ctrl-d');
    await m.key('shift-tab');
    await m.key('enter');
    expect(sim.store.get('Deployment', 'default', 'web')).toBeUndefined();
    await m.idle();
    expect(m.frame()).toContain('Deployments(default)[0]');
  });

  it("d describes as kubectl does, or says which describer is missing; y shows the YAML", async () => {
    const { m, sim } = await open('deployment');
    sim.api.create('Job', { metadata: { name: 'once', namespace: 'default' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['true'] }] } } } });
    sim.clock.advance(1_000);
    await command(m, 'deploy');
    await m.key('d');
    await m.idle();
    expect(m.frame()).toMatch(/^Name:\s+web$/m);
    expect(m.frame()).toMatch(/^NewReplicaSet:\s+web-\S+ \(3\/3 replicas created\)$/m);
    expect(m.frame()).toContain('describe deployment default/web');
    // Its events, as kubectl describe lists them (the event table indexes every kind, not only pods).
    await m.key('G');
    expect(m.frame()).toMatch(/^\s+Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set web-\S+ from 0 to 3$/m);
    await m.key('esc');
    await m.key('y');
    expect(m.frame()).toContain('name: web');
    await m.key('esc');
    await command(m, 'jobs');
    await m.key('d');
    await m.idle();
    expect(m.frame()).toMatch(/^Name:\s+once$/m);
    await m.key('esc');
    // A kind kubectl prints with its generic describer, which podscope has not built.
    await command(m, 'leases');
    await m.key('0');
    await m.idle();
    await m.key('d');
    expect(m.frame()).toContain('kubectl describes leases with its generic describer; podscope has not built it yet.');
  });

  it('d on a claim, a volume and a class describes them as kubectl does, the claim with the pods that use it', async () => {
    const { m } = await open('storage');
    await command(m, 'pvc');
    await m.key('j');
    await m.key('j');
    await m.key('d');
    await m.idle();
    expect(m.frame()).toMatch(/^Name:\s+data-db-0$/m);
    expect(m.frame()).toMatch(/^Status:\s+Bound$/m);
    expect(m.frame()).toMatch(/^Used By:\s+db-0$/m);
    await m.key('esc');
    await command(m, 'pv');
    await m.key('d');
    await m.idle();
    expect(m.frame()).toMatch(/^Name:\s+archive-pv$/m);
    expect(m.frame()).toMatch(/^Claim:\s+default\/archive$/m);
    expect(m.frame()).toMatch(/^\s+Type:\s+HostPath \(bare host directory volume\)$/m);
    await m.key('esc');
    await command(m, 'sc');
    await m.key('j');
    await m.key('d');
    await m.idle();
    expect(m.frame()).toMatch(/^Name:\s+standard$/m);
    expect(m.frame()).toMatch(/^IsDefaultClass:\s+Yes$/m);
    expect(m.frame()).toMatch(/^VolumeBindingMode:\s+WaitForFirstConsumer$/m);
  });

  it('ctrl-w on the pod list adds NOMINATED NODE and READINESS GATES; again takes them away', async () => {
    const { m } = await open('deployment');
    expect(m.frame()).not.toContain('NOMINATED NODE');
    await m.key('ctrl-w');
    expect(m.frame()).toMatch(/IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES/);
    expect(m.frame()).toMatch(/^> {1}web-\S+\s+1\/1\s+Running\s+0\s+60s\s+\S+\s+sim-node-\d\s+<none>\s+<none>/m);
    await m.key('ctrl-w');
    expect(m.frame()).not.toContain('NOMINATED NODE');
  });

  it('? lists the kind commands from the catalog', async () => {
    const { m } = await open('deployment');
    await m.key('?');
    expect(helpLines(m.app).join('\n')).toMatch(/:\s+command mode \(:pods :events :ns :ctx :q; a kind's list: :ns :no :po :ev :deploy :rs :sts :ds/);
  });

  it('ctrl-z shows only faulty pods; c copies the name by OSC 52; ctrl-s saves CSV and says where', async () => {
    const { m } = await open('crashloop');
    const copied: string[] = [];
    setClipboardSink((b) => copied.push(b));
    await m.key('ctrl-z');
    expect(m.frame()).toMatch(/Pods\(default\)\[1\/\d+\] faulty/);
    expect(m.frame()).toMatch(/CrashLoopBackOff|Error/);
    await m.key('c');
    const name = /^> (\S+)/m.exec(m.frame())![1]!;
    expect(copied).toEqual([`\u001b]52;c;${Buffer.from(name).toString('base64')}\u0007`]);
    const dir = mkdtempSync(join(tmpdir(), 'podscope-csv-'));
    process.env['PODSCOPE_DUMP_DIR'] = dir;
    try {
      await m.key('ctrl-s');
      const [file] = readdirSync(dir);
      expect(m.frame()).toContain(`saved 1 row as CSV to ${join(dir, file!)}`.slice(0, 60));
      const csv = readFileSync(join(dir, file!), 'utf8').split('\r\n');
      expect(csv[0]).toBe('NAMESPACE,NAME,READY,STATUS,RESTARTS,AGE,IP,NODE');
      expect(csv[1]).toMatch(new RegExp(`^default,${name},0/1,`));
    } finally {
      delete process.env['PODSCOPE_DUMP_DIR'];
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
