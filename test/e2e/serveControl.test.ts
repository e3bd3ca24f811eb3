// The served simulator's control endpoint, driven by the real kubectl (`--raw`) and by the live
// source: status, pause (time stands still, the clock header says so), step, speed, faults
// with their events, refusals with the apiserver's Status, and discovery untouched.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimControlStatus } from '../../src/kube/simControl.js';
import { connectLive, scratchPerTest, serveInProcess } from './helpers/liveSource.js';
import { execKubectl, kubectlAvailable, waitFor } from './helpers/serverHarness.js';

const scratch = scratchPerTest('podscope-simcontrol-');
const haveKubectl = kubectlAvailable();

describe.skipIf(!haveKubectl)('sim serve control endpoint', () => {
  it('pauses, steps, speeds up and injects a crash, over kubectl --raw and the live source', async () => {
    const kubeconfig = join(scratch.dir, 'kc');
    const served = await serveInProcess(['--scenario', 'nginx', '--port', '0', '--kubeconfig-out', kubeconfig], scratch);
    const env = { ...process.env, HOME: scratch.dir };
    const kubectl = (...args: string[]) => execKubectl(kubeconfig, args, env);
    const post = async (path: string, body: unknown) => {
      const file = join(scratch.dir, 'body.json');
      writeFileSync(file, JSON.stringify(body));
      return kubectl('create', '--raw', path, '-f', file);
    };
    await waitFor('nginx running', () => served.sim.store.get('Pod', 'default', 'nginx')?.status?.containerStatuses?.[0]?.state?.running !== undefined);

    const status = JSON.parse((await kubectl('get', '--raw', '/podscope/sim/v1/status')).stdout) as SimControlStatus;
    expect(status).toMatchObject({ speed: 1, paused: false });

    const paused = JSON.parse((await post('/podscope/sim/v1/time', { action: 'pause' })).stdout) as SimControlStatus;
    expect(paused.paused).toBe(true);
    const source = await connectLive(kubeconfig, scratch);
    const control = await source.simulatorControl();
    expect(control).toBeDefined();
    expect(source.info().simulator).toMatchObject({ paused: true, nowMs: paused.nowMs });
    expect(source.now()).toBe(paused.nowMs);
    expect(served.sim.clock.now()).toBe(paused.nowMs);

    const stepped = await control!.time({ action: 'step', ms: 10_000 });
    expect(stepped.nowMs).toBe(paused.nowMs + 10_000);
    expect(served.sim.clock.now()).toBe(paused.nowMs + 10_000);
    const next = await control!.time({ action: 'step-next' });
    expect(next.nowMs).toBe(stepped.nextEventMs);

    const message = await control!.inject({ action: 'crash', namespace: 'default', pod: 'nginx', exitCode: 2 });
    expect(message).toBe('default/nginx: Crashed container nginx with exit code 2');
    await control!.time({ action: 'step', ms: 1000 });
    const pod = JSON.parse((await kubectl('get', 'pod', 'nginx', '-o', 'json')).stdout) as { status: { containerStatuses: { restartCount: number; lastState: { terminated: { exitCode: number } } }[] } };
    expect(pod.status.containerStatuses[0]!.restartCount).toBe(1);
    expect(pod.status.containerStatuses[0]!.lastState.terminated.exitCode).toBe(2);
    const events = (await kubectl('get', 'events', '--field-selector', 'reason=FaultInjected', '-o', 'custom-columns=REASON:.reason,FROM:.source.component,MSG:.message', '--no-headers')).stdout;
    expect(events.trim()).toBe('FaultInjected   podscope-rehearse   Crashed container nginx with exit code 2');

    const fast = await control!.time({ action: 'speed', speed: 10 });
    expect(fast).toMatchObject({ speed: 10, paused: true });
    const resumed = await control!.time({ action: 'resume' });
    expect(resumed.paused).toBe(false);
    await waitFor('time to run at x10', () => served.sim.clock.now() - resumed.nowMs > 2000);

    // Refusals: the apiserver's Status, in kubectl's words.
    await expect(post('/podscope/sim/v1/faults', { action: 'crash', pod: 'nope' })).rejects.toThrow('Error from server (NotFound): pods "nope" not found in namespace default');
    await expect(post('/podscope/sim/v1/time', { action: 'step', by: 'soon' })).rejects.toThrow('Error from server (BadRequest): by: "soon" is not a duration like 10s, 2m or 1h30m');
    await expect(post('/podscope/sim/v1/faults', { action: 'melt', node: 'x' })).rejects.toThrow('action: unsupported value "melt"');
    // Discovery is untouched: the control paths are non-resource paths.
    expect((await kubectl('api-resources', '--no-headers')).stdout).toContain('pods');
  });

  it('--script plays a drill on the served clock: each step printed as it runs, its effects seen by kubectl', async () => {
    const kubeconfig = join(scratch.dir, 'kc');
    const drill = join(scratch.dir, 'drill.yaml');
    writeFileSync(drill, 'scenario: nginx\nsteps:\n  - at: 20s\n    action: crash\n    pod: nginx\n    exitCode: 7\n  - at: 30s\n    action: oom\n    pod: nope\n');
    const served = await serveInProcess(['--scenario', 'nginx', '--port', '0', '--speed', '20', '--kubeconfig-out', kubeconfig, '--script', drill], scratch);
    await waitFor('both steps', () => served.out().includes('drill +30s REFUSED'));
    expect(served.out()).toContain(`podscope sim: playing drill ${drill} (2 step(s))`);
    expect(served.out()).toContain(`podscope sim: drill +20s FAULT ${drill}:3: default/nginx: Crashed container nginx with exit code 7`);
    expect(served.out()).toContain(`podscope sim: drill +30s REFUSED ${drill}:7: pods "nope" not found in namespace default`);
    const env = { ...process.env, HOME: scratch.dir };
    const pod = JSON.parse((await execKubectl(kubeconfig, ['get', 'pod', 'nginx', '-o', 'json'], env)).stdout) as { status: { containerStatuses: { lastState: { terminated?: { exitCode: number } } }[] } };
    expect(pod.status.containerStatuses[0]!.lastState.terminated?.exitCode).toBe(7);
  });

  it('--script with a bad drill: a located error and no server', async () => {
    const drill = join(scratch.dir, 'bad.yaml');
    writeFileSync(drill, 'steps:\n  - at: 1s\n    action: crash\n');
    await expect(serveInProcess(['--scenario', 'nginx', '--port', '0', '--kubeconfig-out', join(scratch.dir, 'kc'), '--script', drill], scratch)).rejects.toThrow(`${drill}:2:5: pod: Required value`);
  });

  it('a read-only live source reads the status but changes nothing', async () => {
    const kubeconfig = join(scratch.dir, 'kc');
    const served = await serveInProcess(['--scenario', 'nginx', '--port', '0', '--kubeconfig-out', kubeconfig], scratch);
    const { resolveStartup } = await import('../../src/source/kube/startup.js');
    const choice = await resolveStartup({ kubeconfig, env: {}, homedir: scratch.dir, source: { readonly: true } });
    if (choice.kind !== 'kube') throw new Error('expected the kube source');
    scratch.defer(() => choice.source.close());
    await choice.source.listPods({ namespace: 'default' });
    const control = await choice.source.simulatorControl!();
    expect((await control!.status()).paused).toBe(false);
    await expect(control!.time({ action: 'pause' })).rejects.toThrow("read-only mode (--readonly): podscope does not change the simulator's time");
    await expect(control!.inject({ action: 'stop-node', node: 'sim-node-1' })).rejects.toThrow('read-only mode (--readonly): podscope does not inject faults');
    expect((served.sim.clock as { paused?: boolean }).paused).toBe(false);
  });
});
