// Services, Endpoints and EndpointSlices through the real kubectl against `sim serve`:
// get svc,ep,endpointslices and the other new kinds with -A, describe svc, cluster-info, and
// `kubectl get endpoints -w` following a pod's readiness as it flaps (manual clock).
import { afterEach, describe, expect, it } from 'vitest';
import { closeStartedHarnesses, Harness, kubectlAvailable, tableRows, waitFor } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();

afterEach(closeStartedHarnesses);

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe.runIf(haveKubectl).sequential('Services against sim serve', () => {
  it('get svc,ep,endpointslices prints kubectl columns for every type', async () => {
    const h = await Harness.start({ scenario: 'services', settleMs: 20_000 });
    const r = await h.kubectl(['get', 'svc', '-o', 'wide']);
    expect(r.stderr).toBe('');
    const rows = tableRows(r.stdout);
    expect(rows[0]).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
    const byName = new Map(rows.slice(1).map((row) => [row[0], row]));
    expect(byName.get('kubernetes')!.slice(1, 5)).toEqual(['ClusterIP', '10.96.0.1', '<none>', '443/TCP']);
    expect(byName.get('web')!.slice(1, 5)).toEqual(['ClusterIP', expect.stringMatching(/^10\.\d+\.\d+\.\d+$/), '<none>', '80/TCP']);
    expect(byName.get('web-nodeport')![4]).toMatch(/^80:3\d{4}\/TCP$/);
    expect(byName.get('web-lb')!.slice(1, 5)).toEqual(['LoadBalancer', expect.any(String), '172.18.255.200', expect.stringMatching(/^443:3\d{4}\/TCP$/)]);
    expect(byName.get('web-peers')!.slice(1, 5)).toEqual(['ClusterIP', 'None', '<none>', '80/TCP']);
    expect(byName.get('payments')!.slice(1, 5)).toEqual(['ExternalName', '<none>', 'payments.example.com', '<none>']);
    expect(byName.get('web')![6]).toBe('app=web');

    // Every pod is ready at 20 s (readiness passes for its first 30 s).
    const ep = await h.kubectl(['get', 'ep']);
    const eps = new Map(tableRows(ep.stdout).slice(1).map((row) => [row[0], row[1]]));
    expect(eps.get('kubernetes')).toBe('172.18.0.1:6443');
    expect(eps.get('web')).toMatch(/^10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80$/);
    expect(eps.has('payments')).toBe(false);

    const slices = await h.kubectl(['get', 'endpointslices']);
    const sliceRows = tableRows(slices.stdout);
    expect(sliceRows[0]).toEqual(['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']);
    expect(sliceRows.find((row) => row[0] === 'kubernetes')!.slice(1, 4)).toEqual(['IPv4', '6443', '172.18.0.1']);
    expect(sliceRows.find((row) => row[0]!.startsWith('web-') && !row[0]!.startsWith('web-lb') && !row[0]!.startsWith('web-nodeport') && !row[0]!.startsWith('web-peers'))!.slice(1, 3)).toEqual(['IPv4', '80']);

    const all = await h.kubectl(['get', 'svc,ep,cm,secret,sa', '-A']);
    expect(all.stderr).toBe('');
    expect(all.stdout).toMatch(/\nkube-system +configmap\/kube-root-ca\.crt +1 +\S+\n/);
    expect(all.stdout).toMatch(/\ndefault +serviceaccount\/default +0 +\S+\n/);
    expect(all.stdout).toMatch(/NAMESPACE +NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\n/);

    const info = await h.kubectl(['cluster-info']);
    expect(info.stdout).toMatch(/^Kubernetes control plane is running at https:\/\/127\.0\.0\.1:\d+\n/);
  });

  it('describe svc shows its IPs, ports and endpoints', async () => {
    const h = await Harness.start({ scenario: 'services', settleMs: 20_000 });
    const r = await h.kubectl(['describe', 'svc', 'web']);
    expect(r.stderr).toBe('');
    const svc = h.sim.store.get('Service', 'default', 'web')!;
    const ips = [...h.sim.store.all('Pod', 'default')].map((p) => p.status?.podIP).sort();
    expect(r.stdout).toContain(`IP:                       ${svc.spec!.clusterIP}\n`);
    expect(r.stdout).toMatch(/\nSelector: +app=web\n/);
    expect(r.stdout).toMatch(/\nType: +ClusterIP\n/);
    expect(r.stdout).toMatch(/\nPort: +http  80\/TCP\n/);
    expect(r.stdout).toMatch(/\nTargetPort: +http\/TCP\n/);
    expect(r.stdout).toContain(`Endpoints:                ${ips.map((ip) => `${ip}:80`).join(',')}\n`);
  });

  it('get endpoints -w moves the pods between ready and not ready as readiness flaps', async () => {
    const h = await Harness.start({ scenario: 'services', settleMs: 20_000 });
    const w = h.stream(['get', 'endpoints', 'web', '-w']);
    await waitFor('the first row', () => w.lines.some((l) => l.startsWith('web ')));
    expect(tableRows(w.lines.find((l) => l.startsWith('web '))!)[0]![1]).toMatch(/:80,/);
    // Readiness fails from 30 s; after three failed probes (failureThreshold) both pods leave `addresses` (an empty ENDPOINTS cell).
    // The clock stops where the store has both pods not ready (kubectl's rows may lag behind the
    // simulator on a loaded machine; the flap lasts 20 s, so running on could pass it).
    const endpoints = () => h.sim.store.get('Endpoints', 'default', 'web')?.subsets?.[0];
    for (let i = 0; i < 40 && endpoints()?.notReadyAddresses?.length !== 2; i++) {
      h.clock.advance(1_000);
      await tick();
    }
    await waitFor(`the not-ready row in ${JSON.stringify(w.lines)}`, () => w.lines.some((l) => /^web +\d+s$/.test(l)));
    const ep = h.sim.store.get('Endpoints', 'default', 'web')!;
    expect(ep.subsets?.[0]?.notReadyAddresses?.length).toBe(2);
    expect(ep.subsets?.[0]?.addresses).toBeUndefined();
    const slice = [...h.sim.store.all('EndpointSlice', 'default')].find((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === 'web')!;
    expect(slice.endpoints?.map((e) => e.conditions?.ready)).toEqual([false, false]);
    // And back once it passes again (fail lasts 20 s).
    for (let i = 0; i < 40 && endpoints()?.addresses?.length !== 2; i++) {
      h.clock.advance(1_000);
      await tick();
    }
    await waitFor('ready again', () => w.lines.filter((l) => /^web +\S+:80,/.test(l)).length >= 2);
    expect(w.exited).toBe(false);
    w.stop();
  });
});
