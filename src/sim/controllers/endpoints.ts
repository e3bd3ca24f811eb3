// The endpoints controller (k/k pkg/controller/endpoint): for every Service with a selector,
// an Endpoints object of the same name and labels whose subsets list the matching pods'
// addresses — ready ones under `addresses`, the others under `notReadyAddresses` (all under
// `addresses` with publishNotReadyAddresses) — grouped by the ports they resolve to and
// sorted by IP. Terminating pods are left out. Written only when it changes; deleted with
// its Service.
import type { EndpointAddress, Endpoints, Pod, Service } from '../../kube/types.js';
import { rfc3339 } from '../../kube/duration.js';
import type { Component, SimContext } from '../context.js';
import type { Watch } from '../store.js';
import { managesEndpoints, podEndpoint, portsKey, SelectingServices, selectorMatches, type PodEndpoint } from './serviceEndpoints.js';
import { WorkQueue } from './workQueue.js';
import { objectKey, splitKey } from './keys.js';

const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

function address(e: PodEndpoint): EndpointAddress {
  const meta = e.pod.metadata!;
  return {
    ip: e.ip,
    ...(e.hostname ? { hostname: e.hostname } : {}),
    nodeName: e.pod.spec!.nodeName!,
    targetRef: { kind: 'Pod', namespace: meta.namespace, name: meta.name, uid: meta.uid },
  };
}

const byIP = (a: EndpointAddress, b: EndpointAddress): number => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : (a.targetRef?.uid ?? '') < (b.targetRef?.uid ?? '') ? -1 : 1);

/** The subsets for `svc` over its namespace's pods (RepackSubsets: one subset per port set). */
export function endpointSubsets(svc: Service, pods: Iterable<Pod>): Endpoints['subsets'] {
  const groups = new Map<string, { ports: PodEndpoint['ports']; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const pod of pods) {
    if (!selectorMatches(svc.spec?.selector, pod.metadata?.labels)) continue;
    const e = podEndpoint(svc, pod, false);
    if (!e) continue;
    // A headless Service without ports still lists its pods; otherwise a pod with none of its ports is left out.
    if (e.ports.length === 0 && (svc.spec?.ports?.length ?? 0) > 0) continue;
    const key = portsKey(e.ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports: e.ports, ready: [], notReady: [] }));
    (e.ready ? g.ready : g.notReady).push(address(e));
  }
  if (groups.size === 0) return undefined;
  return [...groups.values()].map((g) => ({
    ...(g.ready.length ? { addresses: g.ready.sort(byIP) } : {}),
    ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byIP) } : {}),
    ...(g.ports.length ? { ports: g.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol, ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) })) } : {}),
  }));
}

function endpointLabels(svc: Service): Record<string, string> | undefined {
  const labels: Record<string, string> = { ...(svc.metadata?.labels ?? {}) };
  if (svc.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  return Object.keys(labels).length ? labels : undefined;
}

export class EndpointsController implements Component {
  private readonly watches: Watch[] = [];
  private readonly queue: WorkQueue;
  private readonly selecting: SelectingServices;

  constructor(private readonly ctx: SimContext) {
    this.queue = new WorkQueue(ctx.clock, (key) => this.sync(key));
    this.selecting = new SelectingServices((ns) => this.ctx.store.all('Service', ns));
  }

  start(): void {
    this.watches.push(
      this.ctx.store.watch('Service', {}, (ev) => {
        if (ev.type === 'DELETED') this.deleteFor(ev.object);
        else this.queue.add(objectKey(ev.object));
      }),
      this.ctx.store.watch('Pod', {}, (ev) => this.podChanged(ev.object, ev.type === 'DELETED')),
    );
  }

  stop(): void {
    for (const w of this.watches.splice(0)) w.stop();
    this.queue.stop();
  }

  /** Queue every Service of the pod's namespace that selects it now or did before (labels can change). */
  private podChanged(pod: Pod, deleted: boolean): void {
    for (const svc of this.selecting.changed(pod, deleted)) this.queue.add(objectKey(svc));
  }

  private deleteFor(svc: Service): void {
    const meta = svc.metadata!;
    const ep = this.ctx.store.get('Endpoints', meta.namespace, meta.name!);
    if (ep && managesEndpoints(svc)) this.ctx.api.delete('Endpoints', meta.namespace, meta.name!);
  }

  private sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const svc = this.ctx.store.get('Service', namespace, name);
    if (!svc || !managesEndpoints(svc) || svc.metadata?.deletionTimestamp) return;
    const subsets = endpointSubsets(svc, this.ctx.store.all('Pod', namespace));
    const labels = endpointLabels(svc);
    const current = this.ctx.store.get('Endpoints', namespace, name);
    const now = rfc3339(this.ctx.clock.now());
    if (!current) {
      this.ctx.api.create('Endpoints', {
        metadata: { name, namespace, ...(labels ? { labels } : {}), annotations: { [TRIGGER_TIME]: now } },
        ...(subsets ? { subsets } : {}),
      });
      return;
    }
    if (JSON.stringify(current.subsets) === JSON.stringify(subsets) && JSON.stringify(current.metadata?.labels) === JSON.stringify(labels)) return;
    const next: Endpoints = {
      ...current,
      metadata: { ...current.metadata, ...(labels ? { labels } : { labels: undefined }), annotations: { ...current.metadata?.annotations, [TRIGGER_TIME]: now } },
    };
    if (subsets) next.subsets = subsets;
    else delete next.subsets;
    this.ctx.api.update('Endpoints', next);
  }
}
