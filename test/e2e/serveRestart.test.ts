// `podscope sim serve` restarted on the same kubeconfig: the kubeconfig a client read from
// the first run still works against the second (same URL, CA and token), a running live
// source converges to the new server, and unusable kept material or a taken port is replaced.
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/kube/types.js';
import type { Simulator } from '../../src/sim/engine.js';
import type { DeltaBatch } from '../../src/source/types.js';
import { connectLive, scratchPerTest, serveInProcess } from './helpers/liveSource.js';
import { execKubectl, waitFor } from './helpers/serverHarness.js';

const scratch = scratchPerTest('podscope-restart-');
const serve = (args: string[]) => serveInProcess(args, scratch);
const connect = (kubeconfig: string) => connectLive(kubeconfig, scratch);

function podLine(p: Pod): string {
  return `${p.metadata!.namespace}/${p.metadata!.name} ${p.metadata!.uid} rv=${p.metadata!.resourceVersion}`;
}

function serverPods(sim: Simulator): string {
  return sim.store.list('Pod', { namespace: 'default' }).items.map(podLine).sort().join('\n');
}

/** The UI's view of the pods: uid → pod, as a live source's batches build it. */
function podView(): { pods: Map<string, Pod>; apply: (batch: DeltaBatch<Pod>) => void; summary: () => string } {
  const pods = new Map<string, Pod>();
  return {
    pods,
    apply: (batch) => {
      for (const d of batch) {
        if (d.type === 'RESET') {
          pods.clear();
          for (const p of d.objects) pods.set(p.metadata!.uid!, p);
        } else if (d.type === 'DELETED') pods.delete(d.object.metadata!.uid!);
        else pods.set(d.object.metadata!.uid!, d.object);
      }
    },
    summary: () => [...pods.values()].map(podLine).sort().join('\n'),
  };
}

function mode(path: string): string {
  return (statSync(path).mode & 0o777).toString(8);
}

async function kubectlPodNames(kubeconfig: string): Promise<string> {
  const { stdout, stderr } = await execKubectl(kubeconfig, ['get', 'pods', '-o', 'name'], { ...process.env, HOME: scratch.dir });
  return (stdout + stderr).trim();
}

function listen(port: number): Promise<Server> {
  const server = createServer();
  return new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve(server)));
}

describe.sequential('sim serve restarts', () => {
  it('reuses CA, certificate, token and port: the first kubeconfig keeps working and the live view converges', async () => {
    const kubeconfig = join(scratch.dir, 'kc');
    const state = `${kubeconfig}.d`;
    const first = await serve(['--scenario', 'deployment', '--kubeconfig-out', kubeconfig]);
    expect(first.out()).toBe(
      `podscope sim: serving scenario "deployment" at ${first.url} (speed 1x)\nkubeconfig: ${kubeconfig}\n  export KUBECONFIG=${kubeconfig}\n  kubectl get pods -A\nPress Ctrl-C to stop.\n`,
    );
    // What a running client holds: the first run's kubeconfig, never re-read.
    const held = join(scratch.dir, 'held-kc');
    copyFileSync(kubeconfig, held);
    const firstText = readFileSync(kubeconfig, 'utf8');
    expect(mode(state)).toBe('700');
    for (const f of ['ca.crt', 'tls.crt', 'tls.key', 'token', 'port']) expect(`${f} ${mode(join(state, f))}`).toBe(`${f} 600`);
    expect(readFileSync(join(state, 'port'), 'utf8')).toBe(`${new URL(first.url).port}\n`);

    const source = await connect(held);
    const view = podView();
    source.watchPods({ namespace: 'default' }, view.apply);
    await waitFor('the first list', () => source.live && view.pods.size === 3 && view.summary() === serverPods(first.sim));

    expect(await first.stop()).toBe(0);
    // Another scenario, so convergence means new pods, not the old ones kept.
    const second = await serve(['--scenario', 'nginx', '--kubeconfig-out', kubeconfig]);
    expect(second.url).toBe(first.url);
    expect(second.out()).toBe(
      `podscope sim: serving scenario "nginx" at ${first.url} (speed 1x)\nkubeconfig: ${kubeconfig}\ncredentials: reused the CA, certificate and token kept in ${state}\n  export KUBECONFIG=${kubeconfig}\n  kubectl get pods -A\nPress Ctrl-C to stop.\n`,
    );
    expect(readFileSync(kubeconfig, 'utf8')).toBe(firstText);

    await waitFor('convergence after the restart', () => source.live && view.summary() === serverPods(second.sim));
    expect([...view.pods.values()].map((p) => p.metadata!.name)).toEqual(['nginx']);
    expect((await source.listPods({ namespace: 'default' })).map(podLine).join('\n')).toBe(serverPods(second.sim));
    expect(await kubectlPodNames(held)).toBe('pod/nginx');
  });

  it('replaces kept TLS material that does not parse, keeping the token, and leaves a taken port for a free one', async () => {
    const kubeconfig = join(scratch.dir, 'kc');
    const state = `${kubeconfig}.d`;
    const first = await serve(['--scenario', 'nginx', '--kubeconfig-out', kubeconfig]);
    const token = readFileSync(join(state, 'token'), 'utf8');
    const firstCa = readFileSync(join(state, 'ca.crt'), 'utf8');
    expect(await first.stop()).toBe(0);

    writeFileSync(join(state, 'tls.crt'), 'not a certificate\n');
    const port = Number(new URL(first.url).port);
    const squatter = await listen(port);
    scratch.defer(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
    const second = await serve(['--scenario', 'nginx', '--kubeconfig-out', kubeconfig]);
    const secondPort = Number(new URL(second.url).port);
    expect(secondPort).not.toBe(port);
    expect(second.out()).toBe(
      `podscope sim: serving scenario "nginx" at ${second.url} (speed 1x)\nkubeconfig: ${kubeconfig}\n` +
        `credentials: reused the token; minted a new CA and certificate (the kept ones were unusable: a certificate does not parse); clients need the new kubeconfig\n` +
        `port ${port} from the last run is in use; listening on ${secondPort} instead\n` +
        `  export KUBECONFIG=${kubeconfig}\n  kubectl get pods -A\nPress Ctrl-C to stop.\n`,
    );
    expect(readFileSync(join(state, 'token'), 'utf8')).toBe(token);
    expect(readFileSync(join(state, 'ca.crt'), 'utf8')).not.toBe(firstCa);
    expect(readFileSync(join(state, 'port'), 'utf8')).toBe(`${secondPort}\n`);
    expect(await kubectlPodNames(kubeconfig)).toBe('pod/nginx');

    // An explicit --port wins over the record, and a host the certificate does not name forces a new one.
    expect(await second.stop()).toBe(0);
    const third = await serve(['--scenario', 'nginx', '--port', '0', '--host', '127.0.0.2', '--kubeconfig-out', kubeconfig]);
    expect(third.out()).toContain('\ncredentials: reused the token; minted a new CA and certificate (the kept ones were unusable: the certificate does not cover 127.0.0.2); clients need the new kubeconfig\n');
    expect(await kubectlPodNames(kubeconfig)).toBe('pod/nginx');
  });
});
