// The cloud provider's service controller (k8s.io/cloud-provider controllers/service), simulated:
// a LoadBalancer Service gets an ingress IP from 172.18.255.200 upward (as kind's
// cloud-provider-kind hands out addresses on the nodes' network), with the controller's
// EnsuringLoadBalancer and EnsuredLoadBalancer events; a Service that stops being a
// LoadBalancer loses it (DeletedLoadBalancer).
import type { Service } from '../../kube/types.js';
import type { Component, SimContext } from '../context.js';
import type { Watch } from '../store.js';
import { objectKey, splitKey } from './keys.js';
import { WorkQueue } from './workQueue.js';

const POOL_BASE = (172 << 24) | (18 << 16) | (255 << 8) | 200;
const POOL_SIZE = 55;

export class LoadBalancerController implements Component {
  private readonly watches: Watch[] = [];
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: SimContext) {
    this.queue = new WorkQueue(ctx.clock, (key) => this.sync(key));
  }

  start(): void {
    this.watches.push(this.ctx.store.watch('Service', {}, (ev) => ev.type !== 'DELETED' && this.queue.add(objectKey(ev.object))));
  }

  stop(): void {
    for (const w of this.watches.splice(0)) w.stop();
    this.queue.stop();
  }

  private event(svc: Service, reason: string, message: string): void {
    this.ctx.recorder.event(svc, 'Normal', reason, message, { component: 'service-controller' });
  }

  private sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const svc = this.ctx.store.get('Service', namespace, name);
    if (!svc || svc.metadata?.deletionTimestamp) return;
    const has = (svc.status?.loadBalancer?.ingress?.length ?? 0) > 0;
    if (svc.spec?.type === 'LoadBalancer') {
      if (has) return;
      const ip = this.freeIP();
      if (!ip) return;
      this.event(svc, 'EnsuringLoadBalancer', 'Ensuring load balancer');
      this.ctx.api.setStatus('Service', namespace, name, { ...svc.status, loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } });
      this.event(svc, 'EnsuredLoadBalancer', 'Ensured load balancer');
    } else if (has) {
      this.ctx.api.setStatus('Service', namespace, name, { ...svc.status, loadBalancer: {} });
      this.event(svc, 'DeletedLoadBalancer', 'Deleted load balancer');
    }
  }

  private freeIP(): string | undefined {
    const used = new Set<string>();
    for (const s of this.ctx.store.all('Service')) for (const i of s.status?.loadBalancer?.ingress ?? []) if (i.ip) used.add(i.ip);
    for (let i = 0; i < POOL_SIZE; i++) {
      const n = POOL_BASE + i;
      const ip = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
      if (!used.has(ip)) return ip;
    }
    return undefined;
  }
}
