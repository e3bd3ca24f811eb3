// Services, Endpoints and EndpointSlices: kubectl's printers, the apiserver's allocations
// (cluster IPs, node ports), the `kubernetes` Service, and the controllers that follow pod
// readiness — on the manual clock, through the store.
import { describe, expect, it } from 'vitest';
import { tableFor } from '../../src/kube/tables/index.js';
import type { Endpoints, EndpointSlice, Service } from '../../src/kube/types.js';
import { ManualClock } from '../../src/sim/clock.js';
import { Simulator } from '../../src/sim/engine.js';
import { parseScenario } from '../../src/sim/scenario/index.js';

const T0 = '2026-01-01T00:00:00Z';
const NOW = Date.UTC(2026, 0, 1, 0, 3);

function cells(kind: 'Service' | 'Endpoints' | 'EndpointSlice', objs: (Service | Endpoints | EndpointSlice)[]): (string | number | boolean)[][] {
  return tableFor(kind, objs, NOW, 'None').rows.map((r) => r.cells);
}

describe('printers', () => {
  it('Service: TYPE, CLUSTER-IP, EXTERNAL-IP by type, PORT(S) with node ports, SELECTOR', () => {
    const meta = (name: string) => ({ name, creationTimestamp: T0 });
    expect(
      cells('Service', [
        { metadata: meta('web'), spec: { type: 'ClusterIP', clusterIPs: ['10.96.4.5'], ports: [{ port: 80, protocol: 'TCP' }], selector: { app: 'web' } } },
        { metadata: meta('np'), spec: { type: 'NodePort', clusterIPs: ['10.96.4.6'], ports: [{ port: 80, nodePort: 31234, protocol: 'TCP' }, { port: 53, protocol: 'UDP', nodePort: 30053 }] } },
        { metadata: meta('lb'), spec: { type: 'LoadBalancer', clusterIPs: ['10.96.4.7'], ports: [{ port: 443, nodePort: 30443, protocol: 'TCP' }] } },
        { metadata: meta('lb2'), spec: { type: 'LoadBalancer', clusterIPs: ['10.96.4.8'], ports: [{ port: 443, protocol: 'TCP' }] }, status: { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } } },
        { metadata: meta('ext'), spec: { type: 'ExternalName', externalName: 'db.example.com' } },
        { metadata: meta('headless'), spec: { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] } },
      ]),
    ).toEqual([
      ['web', 'ClusterIP', '10.96.4.5', '<none>', '80/TCP', '3m', 'app=web'],
      ['np', 'NodePort', '10.96.4.6', '<none>', '80:31234/TCP,53:30053/UDP', '3m', '<none>'],
      ['lb', 'LoadBalancer', '10.96.4.7', '<pending>', '443:30443/TCP', '3m', '<none>'],
      ['lb2', 'LoadBalancer', '10.96.4.8', '172.18.255.200', '443/TCP', '3m', '<none>'],
      ['ext', 'ExternalName', '<none>', 'db.example.com', '<none>', '3m', '<none>'],
      ['headless', 'ClusterIP', 'None', '<none>', '<none>', '3m', '<none>'],
    ]);
  });

  it('Endpoints: ready ip:port, the first three then "+ N more...", <none> without subsets, empty when none is ready', () => {
    const addr = (ip: string) => ({ ip });
    expect(
      cells('Endpoints', [
        { metadata: { name: 'a', creationTimestamp: T0 }, subsets: [{ addresses: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'].map(addr), ports: [{ port: 80 }] }] },
        { metadata: { name: 'b', creationTimestamp: T0 } },
        { metadata: { name: 'c', creationTimestamp: T0 }, subsets: [{ notReadyAddresses: [addr('10.0.0.9')], ports: [{ port: 80 }] }] },
      ]),
    ).toEqual([
      ['a', '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...', '3m'],
      ['b', '<none>', '3m'],
      ['c', '', '3m'],
    ]);
  });

  it('EndpointSlice: ADDRESSTYPE, PORTS, ENDPOINTS (every address), <unset> when empty', () => {
    expect(
      cells('EndpointSlice', [
        { metadata: { name: 'web-abcde', creationTimestamp: T0 }, addressType: 'IPv4', ports: [{ port: 80 }], endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: false } }] },
        { metadata: { name: 'web-fghij', creationTimestamp: T0 }, addressType: 'IPv4', endpoints: [] },
      ]),
    ).toEqual([
      ['web-abcde', 'IPv4', '80', '10.0.0.1', '3m'],
      ['web-fghij', 'IPv4', '<unset>', '<unset>', '3m'],
    ]);
  });
});

function simulator(yaml: string): { sim: Simulator; clock: ManualClock } {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const sim = new Simulator({ clock, scenario: parseScenario(yaml, 'svc.yaml') });
  sim.start();
  clock.advance(0);
  return { sim, clock };
}

function errorMessage(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('the apiserver and its Services', () => {
  it('keeps the kubernetes Service at 10.96.0.1 with its Endpoints and EndpointSlice', () => {
    const { sim } = simulator('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n');
    const svc = sim.store.get('Service', 'default', 'kubernetes')!;
    expect(svc.spec?.clusterIPs).toEqual(['10.96.0.1']);
    expect(svc.spec?.ports).toEqual([{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }]);
    expect(cells('Endpoints', [sim.store.get('Endpoints', 'default', 'kubernetes')!])[0]!.slice(0, 2)).toEqual(['kubernetes', '172.18.0.1:6443']);
    expect(sim.store.get('EndpointSlice', 'default', 'kubernetes')?.endpoints?.[0]?.addresses).toEqual(['172.18.0.1']);
    sim.stop();
  });

  it('allocates cluster IPs in 10.96.0.0/12 and node ports in 30000-32767, refuses ones in use, keeps them on replace', () => {
    const { sim } = simulator('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n');
    const np = sim.api.create('Service', { metadata: { name: 'np', namespace: 'default' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } });
    const ip = np.spec!.clusterIP!;
    expect(ip).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(np.spec?.clusterIPs).toEqual([ip]);
    const nodePort = np.spec!.ports![0]!.nodePort!;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    expect(np.spec?.ports?.[0]).toMatchObject({ protocol: 'TCP', targetPort: 80 });
    expect(np.spec).toMatchObject({ sessionAffinity: 'None', externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    expect(errorMessage(() => sim.api.create('Service', { metadata: { name: 'dup', namespace: 'default' }, spec: { clusterIP: ip, ports: [{ port: 80 }] } }))).toBe(
      `Service "dup" is invalid: spec.clusterIPs: Invalid value: ["${ip}"]: failed to allocate IP ${ip}: provided IP is already allocated`,
    );
    expect(errorMessage(() => sim.api.create('Service', { metadata: { name: 'noports', namespace: 'default' }, spec: {} }))).toBe('Service "noports" is invalid: spec.ports: Required value');
    const replaced = sim.api.update('Service', { metadata: np.metadata, spec: { type: 'NodePort', ports: [{ port: 80 }] } });
    expect([replaced.spec?.clusterIP, replaced.spec?.ports?.[0]?.nodePort]).toEqual([ip, nodePort]);
    sim.stop();
  });

  it('gives a LoadBalancer an external IP with the service controller events', () => {
    const { sim, clock } = simulator('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n');
    sim.api.create('Service', { metadata: { name: 'lb', namespace: 'default' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } });
    clock.advance(0);
    const lb = sim.store.get('Service', 'default', 'lb')!;
    expect(cells('Service', [lb])[0]![3]).toBe('172.18.255.200');
    expect([...sim.store.all('Event', 'default')].filter((e) => e.involvedObject?.name === 'lb').map((e) => e.reason)).toEqual(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']);
    sim.stop();
  });
});

const FLAPPING = `
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: http
---
apiVersion: v1
kind: Service
metadata:
  name: web-all
spec:
  publishNotReadyAddresses: true
  clusterIP: None
  selector:
    app: web
  ports:
    - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
  annotations:
    sim.podscope.dev/readiness: "pass 20s, fail 20s, repeat"
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports:
        - name: http
          containerPort: 8080
      readinessProbe:
        httpGet:
          path: /
          port: 8080
        periodSeconds: 5
`;

describe('the endpoints and endpointslice controllers', () => {
  it('move a pod between addresses and notReadyAddresses, and the slice between ready and not, as its readiness flaps', () => {
    const { sim, clock } = simulator(FLAPPING);
    const ep = () => sim.store.get('Endpoints', 'default', 'web')!;
    const slice = () => [...sim.store.all('EndpointSlice', 'default')].find((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === 'web')!;
    expect(ep().subsets).toBeUndefined();
    expect(cells('EndpointSlice', [slice()])[0]!.slice(2, 4)).toEqual(['<unset>', '<unset>']);
    const seen: string[] = [];
    for (let t = 0; t < 70; t++) {
      clock.advance(1000);
      const s = ep().subsets?.[0];
      const state = s ? `${s.addresses ? 'ready' : ''}${s.notReadyAddresses ? 'notReady' : ''} ${slice().endpoints?.[0]?.conditions?.ready}` : 'none';
      if (seen[seen.length - 1]?.split('@')[0] !== state) seen.push(`${state}@${t + 1}`);
    }
    expect(seen.map((s) => s.split('@')[0])).toEqual(['notReady false', 'ready true', 'notReady false', 'ready true']);
    const ip = sim.store.get('Pod', 'default', 'web')!.status!.podIP!;
    const subset = ep().subsets![0]!;
    expect(subset.ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    expect(subset.addresses?.[0]).toMatchObject({ ip, nodeName: expect.any(String), targetRef: { kind: 'Pod', namespace: 'default', name: 'web' } });
    expect(slice()).toMatchObject({
      addressType: 'IPv4',
      ports: [{ name: '', port: 8080, protocol: 'TCP' }],
      metadata: { generateName: 'web-', ownerReferences: [{ kind: 'Service', name: 'web', controller: true }], labels: { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
    });
    // publishNotReadyAddresses: always under addresses, and ready in the slice.
    const all = sim.store.get('Endpoints', 'default', 'web-all')!;
    expect(all.subsets?.[0]?.addresses?.map((a) => a.ip)).toEqual([ip]);
    expect(all.metadata?.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    sim.stop();
  });

  it('keep a terminating pod in the slice (terminating, not ready) but not in the Endpoints; delete the Endpoints with the Service', () => {
    const { sim, clock } = simulator(FLAPPING);
    clock.advance(15_000);
    sim.api.delete('Pod', 'default', 'web');
    clock.advance(0);
    const slice = [...sim.store.all('EndpointSlice', 'default')].find((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === 'web')!;
    expect(slice.endpoints?.[0]?.conditions).toEqual({ ready: false, serving: true, terminating: true });
    expect(sim.store.get('Endpoints', 'default', 'web')!.subsets).toBeUndefined();
    sim.api.delete('Service', 'default', 'web');
    clock.advance(0);
    expect(sim.store.get('Endpoints', 'default', 'web')).toBeUndefined();
    expect([...sim.store.all('EndpointSlice', 'default')].filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === 'web')).toEqual([]);
    sim.stop();
  });
});
