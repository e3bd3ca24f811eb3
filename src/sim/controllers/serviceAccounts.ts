// The serviceaccounts controller (k/k pkg/controller/serviceaccount/serviceaccounts_controller.go):
// every active namespace has a ServiceAccount named `default`; one deleted is made again.
// Namespaces that are being deleted get none.
import { ApiError } from '../../kube/apiError.js';
import type { Component, SimContext } from '../context.js';
import type { Watch } from '../store.js';
import { WorkQueue } from './workQueue.js';

export const DEFAULT_SERVICE_ACCOUNT = 'default';

export class ServiceAccountsController implements Component {
  private readonly watches: Watch[] = [];
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: SimContext) {
    this.queue = new WorkQueue(ctx.clock, (ns) => this.sync(ns));
  }

  start(): void {
    this.watches.push(
      this.ctx.store.watch('Namespace', {}, (ev) => {
        if (ev.type !== 'DELETED') this.queue.add(ev.object.metadata?.name ?? '');
      }),
      this.ctx.store.watch('ServiceAccount', {}, (ev) => {
        if (ev.type === 'DELETED' && ev.object.metadata?.name === DEFAULT_SERVICE_ACCOUNT) this.queue.add(ev.object.metadata.namespace ?? '');
      }),
    );
  }

  stop(): void {
    for (const w of this.watches.splice(0)) w.stop();
    this.queue.stop();
  }

  private sync(namespace: string): void {
    const ns = this.ctx.store.get('Namespace', undefined, namespace);
    if (!ns || ns.metadata?.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    if (this.ctx.store.get('ServiceAccount', namespace, DEFAULT_SERVICE_ACCOUNT)) return;
    try {
      this.ctx.api.create('ServiceAccount', { metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace } });
    } catch (err) {
      // Created meanwhile, or the namespace began terminating: nothing to do, as upstream ignores both.
      if (!(err instanceof ApiError) || (err.code !== 409 && err.code !== 403 && err.code !== 404)) throw err;
    }
  }
}
