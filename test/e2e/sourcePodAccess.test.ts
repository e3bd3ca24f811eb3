// The sources' shell and attach routes and port-forwards: the in-process simulator straight to the inside,
// the live source through sim serve's pods/portforward (the kubelet's WebSocket channels), each
// refused with --readonly, a refused pod port reported in the kubelet's words, and every
// forward ending with its source. A test double stands behind InsideWorld.
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/sim/clock.js';
import { Simulator } from '../../src/sim/engine.js';
import { loadScenario, resolveScenarioPath } from '../../src/sim/scenario/index.js';
import { KubeSource } from '../../src/source/kube/kubeSource.js';
import { resolveStartup } from '../../src/source/kube/startup.js';
import { SimSource } from '../../src/source/sim.js';
import type { ClusterSource } from '../../src/source/types.js';
import { insideDouble } from '../helpers/insideDouble.js';
import { closeStartedHarnesses, Harness, waitFor } from './helpers/serverHarness.js';

afterEach(closeStartedHarnesses);

function get(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(`${res.statusCode} ${body}`));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Connects and waits for the far end to close (a refused forward closes at once). */
function connectAndWaitClose(port: number): Promise<void> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.on('error', () => resolve());
    s.on('close', () => resolve());
  });
}

async function simSource(readonly = false): Promise<{ source: SimSource; sim: Simulator }> {
  const clock = new ManualClock(Date.now());
  const sim = new Simulator({ clock, scenario: await loadScenario(resolveScenarioPath('nginx')) });
  sim.start();
  clock.advance(60_000);
  const handle = { store: sim.store, api: sim.api, clock: sim.clock, inside: insideDouble() };
  return { source: new SimSource(handle, { readonly }), sim };
}

async function liveSource(h: Harness, readonly = false): Promise<KubeSource> {
  const choice = await resolveStartup({ kubeconfig: h.kubeconfig, env: {}, homedir: h.dir, source: { readonly } });
  if (choice.kind !== 'kube' || !(choice.source instanceof KubeSource)) throw new Error('expected the live source');
  return choice.source;
}

async function forwardsAndRefuses(source: ClusterSource): Promise<void> {
  const errors: string[] = [];
  const fwd = await source.forwardPort!({ namespace: 'default', pod: 'nginx', port: 8080, localPort: 0, onError: (m) => errors.push(m) });
  expect(fwd.localAddress).toBe('127.0.0.1');
  expect(await get(fwd.localPort)).toBe('200 hello from default/nginx\n');
  expect(await get(fwd.localPort)).toBe('200 hello from default/nginx\n');
  const refused = await source.forwardPort!({ namespace: 'default', pod: 'nginx', port: 9090, localPort: 0, onError: (m) => errors.push(m) });
  await connectAndWaitClose(refused.localPort);
  await waitFor('the refusal', () => errors.length === 1);
  expect(errors[0]).toMatch(new RegExp(`^an error occurred forwarding ${refused.localPort} -> 9090: error forwarding port 9090 to pod [0-9a-f]{64}, uid : .*connect: connection refused`));
  await fwd.stop();
  await expect(get(fwd.localPort)).rejects.toThrow('ECONNREFUSED');
  // The other forward ends with the source.
  source.close();
  await waitFor('the listener to close', () => refused.connections === 0);
  await expect(get(refused.localPort)).rejects.toThrow('ECONNREFUSED');
}

describe('shell and port-forward through the sources', () => {
  it('the simulator source: the shell runs in-process, forwards go straight to the inside', async () => {
    const { source, sim } = await simSource();
    expect(source.shellRoute()).toEqual({ kind: 'inProcess' });
    let out = '';
    const shell = source.openShell({ namespace: 'default', pod: 'nginx', container: 'nginx' }, (d) => (out += d), { cols: 80, rows: 24 });
    shell.write('hostname\r');
    shell.write('exit 2\r');
    expect(await shell.exited).toBe(2);
    expect(out).toContain('nginx\r\n');
    await forwardsAndRefuses(source);
    sim.stop();
  });

  it("the simulator source: attach joins the main process in-process, with the container's own stdin and tty", async () => {
    const clock = new ManualClock(Date.now());
    const sim = new Simulator({ clock, scenario: await loadScenario(resolveScenarioPath('nginx')) });
    sim.start();
    clock.advance(60_000);
    const inside = insideDouble();
    const source = new SimSource({ store: sim.store, api: sim.api, clock: sim.clock, inside }, {});
    expect(source.attachRoute()).toEqual({ kind: 'inProcess' });
    let out = '';
    const session = source.openAttach({ namespace: 'default', pod: 'nginx', container: 'nginx' }, (d) => (out += d), { cols: 80, rows: 24 });
    expect(await session.exited).toBe(0);
    expect(out).toBe('main process of nginx/nginx\na warning\n');
    // nginx's container sets neither stdin nor tty: the attach asks for neither.
    expect(inside.log.attaches).toEqual([{ namespace: 'default', pod: 'nginx', container: 'nginx', tty: false, stdin: false }]);
    sim.stop();
  });

  it('the live source: kubectl with its own kubeconfig and context; forwards through pods/portforward', async () => {
    const h = await Harness.start({ scenario: 'nginx', server: { inside: insideDouble() } });
    const source = await liveSource(h);
    expect(source.shellRoute()).toEqual({ kind: 'kubectl', context: source.currentContext(), kubeconfigFiles: [h.kubeconfig] });
    expect(source.attachRoute()).toEqual({ kind: 'kubectl', context: source.currentContext(), kubeconfigFiles: [h.kubeconfig] });
    await forwardsAndRefuses(source);
  });

  it('--readonly refuses shell, attach and port-forward, in either source', async () => {
    const { source, sim } = await simSource(true);
    expect(() => source.shellRoute()).toThrow('read-only mode (--readonly): podscope does not exec into pods');
    expect(() => source.attachRoute()).toThrow('read-only mode (--readonly): podscope does not attach to pods');
    expect(() => source.openAttach({ namespace: 'default', pod: 'nginx', container: 'nginx' }, () => undefined, { cols: 80, rows: 24 })).toThrow(
      'read-only mode (--readonly): podscope does not attach to pods',
    );
    await expect(source.forwardPort({ namespace: 'default', pod: 'nginx', port: 8080, localPort: 0 })).rejects.toThrow('read-only mode (--readonly): podscope does not port-forward to pods');
    sim.stop();
    const h = await Harness.start({ scenario: 'nginx', server: { inside: insideDouble() } });
    const live = await liveSource(h, true);
    expect(() => live.shellRoute()).toThrow('read-only mode (--readonly)');
    expect(() => live.attachRoute()).toThrow('read-only mode (--readonly): podscope does not attach to pods');
    await expect(live.forwardPort({ namespace: 'default', pod: 'nginx', port: 8080, localPort: 0 })).rejects.toThrow('read-only mode (--readonly)');
    live.close();
  });
});
