// The service environment variables (envvars.FromServices, getServiceEnvVarMap).
import { describe, expect, it } from 'vitest';
import type { Service } from '../../../src/kube/types.js';
import { ManualClock } from '../../../src/sim/clock.js';
import { Simulator } from '../../../src/sim/engine.js';
import type { ContainerInstance } from '../../../src/sim/kubelet/instances.js';
import { serviceEnvVars, servicesForEnv } from '../../../src/sim/kubelet/serviceEnv.js';
import { parseScenario } from '../../../src/sim/scenario/index.js';

const svc = (name: string, namespace: string, clusterIP: string, ports: NonNullable<Service['spec']>['ports']): Service => ({ metadata: { name, namespace }, spec: { clusterIP, ports } });

describe('FromServices', () => {
  it('host, port, named ports and the docker-link variables; headless ones give none', () => {
    expect(
      serviceEnvVars([
        svc('redis-primary', 'default', '10.96.7.8', [
          { port: 6379, protocol: 'TCP' },
          { name: 'metrics', port: 9121, protocol: 'TCP' },
        ]),
        svc('headless', 'default', 'None', [{ port: 80 }]),
      ]),
    ).toEqual([
      ['REDIS_PRIMARY_SERVICE_HOST', '10.96.7.8'],
      ['REDIS_PRIMARY_SERVICE_PORT', '6379'],
      ['REDIS_PRIMARY_SERVICE_PORT_METRICS', '9121'],
      ['REDIS_PRIMARY_PORT', 'tcp://10.96.7.8:6379'],
      ['REDIS_PRIMARY_PORT_6379_TCP', 'tcp://10.96.7.8:6379'],
      ['REDIS_PRIMARY_PORT_6379_TCP_PROTO', 'tcp'],
      ['REDIS_PRIMARY_PORT_6379_TCP_PORT', '6379'],
      ['REDIS_PRIMARY_PORT_6379_TCP_ADDR', '10.96.7.8'],
      ['REDIS_PRIMARY_PORT_9121_TCP', 'tcp://10.96.7.8:9121'],
      ['REDIS_PRIMARY_PORT_9121_TCP_PROTO', 'tcp'],
      ['REDIS_PRIMARY_PORT_9121_TCP_PORT', '9121'],
      ['REDIS_PRIMARY_PORT_9121_TCP_ADDR', '10.96.7.8'],
    ]);
  });

  it('the kubernetes Service always; the namespace’s only with enableServiceLinks', () => {
    const k8s = svc('kubernetes', 'default', '10.96.0.1', [{ port: 443 }]);
    const web = svc('web', 'shop', '10.96.3.3', [{ port: 80 }]);
    expect(servicesForEnv('shop', true, [web], k8s).map((s) => s.metadata?.name)).toEqual(['kubernetes', 'web']);
    expect(servicesForEnv('shop', false, [web], k8s).map((s) => s.metadata?.name)).toEqual(['kubernetes']);
  });
});

describe('the kubelet', () => {
  it('gives a container the variables of the Services that existed when it was created, unless enableServiceLinks is false', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const yaml = `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: 10.96.10.10
  ports:
    - port: 5432
---
apiVersion: v1
kind: Pod
metadata:
  name: linked
spec:
  containers:
    - name: app
      image: nginx:1.27
      env:
        - name: DB_SERVICE_PORT
          value: "override"
---
apiVersion: v1
kind: Pod
metadata:
  name: unlinked
spec:
  enableServiceLinks: false
  containers:
    - name: app
      image: nginx:1.27
`;
    const sim = new Simulator({ clock, scenario: parseScenario(yaml, 'env.yaml') });
    const created: ContainerInstance[] = [];
    const observer = { created: (i: ContainerInstance) => created.push(i), started: () => {}, exited: () => {}, probed: () => {} };
    // Follow every kubelet's instances (they are made when the nodes are seen).
    sim.kubelets.instances = observer;
    sim.start();
    sim.api.create('Service', { metadata: { name: 'later', namespace: 'default' }, spec: { ports: [{ port: 80 }] } });
    clock.advance(30_000);
    const env = (pod: string) => created.find((i) => i.pod === pod)?.env;
    expect(env('linked')?.get('DB_SERVICE_HOST')).toBe('10.96.10.10');
    expect(env('linked')?.get('DB_SERVICE_PORT')).toBe('override');
    expect(env('linked')?.get('KUBERNETES_SERVICE_HOST')).toBe('10.96.0.1');
    expect(env('linked')?.get('KUBERNETES_PORT_443_TCP')).toBe('tcp://10.96.0.1:443');
    expect(env('linked')?.has('LATER_SERVICE_HOST')).toBe(true);
    expect(env('unlinked')?.has('DB_SERVICE_HOST')).toBe(false);
    expect(env('unlinked')?.get('KUBERNETES_SERVICE_PORT')).toBe('443');
    sim.stop();
  });
});
