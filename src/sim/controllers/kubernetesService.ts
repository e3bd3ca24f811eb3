// What the apiserver keeps for itself (k/k pkg/controlplane/controller/kubernetesservice and
// the endpoint reconciler): the `kubernetes` Service in `default` at the first address of the
// service CIDR (10.96.0.1), https 443 → 6443, with its Endpoints and EndpointSlice naming the
// apiserver's advertise address. The simulated apiserver advertises 172.18.0.1 (the nodes are
// 172.18.0.2 and up). Put back when deleted, like the real one.
import { ApiError } from '../../kube/apiError.js';
import type { Component, SimContext } from '../context.js';
import type { Watch } from '../store.js';
import { KUBERNETES_SERVICE_IP } from '../admission/serviceAdmission.js';

export const APISERVER_ADVERTISE_IP = '172.18.0.1';
const SECURE_PORT = 6443;

export class KubernetesServiceController implements Component {
  private readonly watches: Watch[] = [];

  constructor(private readonly ctx: SimContext) {}

  start(): void {
    const again = (ev: { type: string; object: { metadata?: { name?: string } } }): void => {
      if (ev.type === 'DELETED' && ev.object.metadata?.name === 'kubernetes') this.ensure();
    };
    this.watches.push(
      this.ctx.store.watch('Namespace', {}, (ev) => {
        if (ev.object.metadata?.name === 'default' && ev.type !== 'DELETED') this.ensure();
      }),
      this.ctx.store.watch('Service', { namespace: 'default' }, again),
      this.ctx.store.watch('Endpoints', { namespace: 'default' }, again),
      this.ctx.store.watch('EndpointSlice', { namespace: 'default' }, again),
    );
  }

  stop(): void {
    for (const w of this.watches.splice(0)) w.stop();
  }

  private ensure(): void {
    const { store, api } = this.ctx;
    if (!store.get('Namespace', undefined, 'default')) return;
    try {
      if (!store.get('Service', 'default', 'kubernetes')) {
        api.create('Service', {
          metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
          spec: { type: 'ClusterIP', clusterIP: KUBERNETES_SERVICE_IP, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: SECURE_PORT }], sessionAffinity: 'None' },
        });
      }
      if (!store.get('Endpoints', 'default', 'kubernetes')) {
        api.create('Endpoints', {
          metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
          subsets: [{ addresses: [{ ip: APISERVER_ADVERTISE_IP }], ports: [{ name: 'https', port: SECURE_PORT, protocol: 'TCP' }] }],
        });
      }
      if (!store.get('EndpointSlice', 'default', 'kubernetes')) {
        api.create('EndpointSlice', {
          metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
          addressType: 'IPv4',
          endpoints: [{ addresses: [APISERVER_ADVERTISE_IP], conditions: { ready: true } }],
          ports: [{ name: 'https', port: SECURE_PORT, protocol: 'TCP' }],
        });
      }
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
    }
  }
}
