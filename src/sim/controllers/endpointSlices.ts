// The endpointslice controller (k/k pkg/controller/endpointslice and staging endpointslice
// reconciler): for every Service with a selector, EndpointSlices (discovery.k8s.io/v1,
// addressType IPv4) named `<service>-<suffix>`, owned by the Service, labelled
// kubernetes.io/service-name and endpointslice.kubernetes.io/managed-by; one slice per set of
// resolved ports, each pod an endpoint with conditions ready (Ready and not terminating, or
// publishNotReadyAddresses), serving (Ready) and terminating. A Service with no endpoints
// keeps one placeholder slice with neither ports nor endpoints. Limit: no 100-endpoint
// split (maxEndpointsPerSlice); a slice holds every endpoint of its port set.
import { rfc3339 } from '../../kube/duration.js';
import type { EndpointSlice, Pod, Service } from '../../kube/types.js';
import type { Component, SimContext } from '../context.js';
import type { Watch } from '../store.js';
import { newControllerRef, objectKey, splitKey } from './keys.js';
import { managesEndpoints, podEndpoint, portsKey, SelectingServices, selectorMatches, type PodEndpoint, type ResolvedPort } from './serviceEndpoints.js';
import { WorkQueue } from './workQueue.js';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
const MANAGED_BY = 'endpointslice-controller.k8s.io';
const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

type SliceEndpoint = NonNullable<EndpointSlice['endpoints']>[number];

function sliceEndpoint(e: PodEndpoint): SliceEndpoint {
  const meta = e.pod.metadata!;
  return {
    addresses: [e.ip],
    conditions: { ready: e.ready && !e.terminating, serving: e.serving, terminating: e.terminating },
    ...(e.hostname ? { hostname: e.hostname } : {}),
    nodeName: e.pod.spec!.nodeName!,
    targetRef: { kind: 'Pod', namespace: meta.namespace, name: meta.name, uid: meta.uid },
  };
}

function slicePorts(ports: readonly ResolvedPort[]): EndpointSlice['ports'] {
  return ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol, ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }));
}

/** The desired slices' contents by port set; empty when no pod is an endpoint. */
export function desiredSlices(svc: Service, pods: Iterable<Pod>): Map<string, { ports: EndpointSlice['ports']; endpoints: SliceEndpoint[] }> {
  const out = new Map<string, { ports: EndpointSlice['ports']; endpoints: SliceEndpoint[] }>();
  for (const pod of pods) {
    if (!selectorMatches(svc.spec?.selector, pod.metadata?.labels)) continue;
    const e = podEndpoint(svc, pod, true);
    if (!e) continue;
    if (e.ports.length === 0 && (svc.spec?.ports?.length ?? 0) > 0) continue;
    const key = portsKey(e.ports);
    let s = out.get(key);
    if (!s) out.set(key, (s = { ports: slicePorts(e.ports), endpoints: [] }));
    s.endpoints.push(sliceEndpoint(e));
  }
  for (const s of out.values()) s.endpoints.sort((a, b) => (a.addresses[0]! < b.addresses[0]! ? -1 : 1));
  return out;
}

function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata?.labels ?? {}), [SERVICE_NAME_LABEL]: svc.metadata!.name!, [MANAGED_BY_LABEL]: MANAGED_BY };
  if (svc.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  return labels;
}

const sliceKey = (s: EndpointSlice): string => portsKey((s.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port ?? 0, protocol: p.protocol ?? 'TCP', appProtocol: p.appProtocol })));

export class EndpointSliceController implements Component {
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
        if (ev.type !== 'DELETED') this.queue.add(objectKey(ev.object));
      }),
      this.ctx.store.watch('Pod', {}, (ev) => this.podChanged(ev.object, ev.type === 'DELETED')),
    );
  }

  stop(): void {
    for (const w of this.watches.splice(0)) w.stop();
    this.queue.stop();
  }

  private podChanged(pod: Pod, deleted: boolean): void {
    for (const svc of this.selecting.changed(pod, deleted)) this.queue.add(objectKey(svc));
  }

  private owned(svc: Service): EndpointSlice[] {
    const name = svc.metadata!.name!;
    return [...this.ctx.store.all('EndpointSlice', svc.metadata?.namespace)].filter(
      (s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels[MANAGED_BY_LABEL] === MANAGED_BY,
    );
  }

  private sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const svc = this.ctx.store.get('Service', namespace, name);
    if (!svc || !managesEndpoints(svc) || svc.metadata?.deletionTimestamp) return;
    const desired = desiredSlices(svc, this.ctx.store.all('Pod', namespace));
    const existing = this.owned(svc);
    const labels = sliceLabels(svc);
    const now = rfc3339(this.ctx.clock.now());
    if (desired.size === 0) {
      // The placeholder: one slice with no ports and no endpoints.
      const [keep, ...rest] = existing;
      if (!keep) this.create(svc, labels, undefined, undefined, now);
      else this.write(keep, labels, undefined, undefined, now);
      for (const s of rest) this.ctx.api.delete('EndpointSlice', namespace, s.metadata!.name!);
      return;
    }
    const unused = new Map(existing.map((s) => [sliceKey(s), s]));
    const spare = existing.filter((s) => !desired.has(sliceKey(s)));
    for (const [k, d] of desired) {
      const slice = unused.get(k) ?? spare.shift();
      if (slice) {
        unused.delete(sliceKey(slice));
        this.write(slice, labels, d.ports, d.endpoints, now);
      } else {
        this.create(svc, labels, d.ports, d.endpoints, now);
      }
    }
    for (const s of spare) if (!desired.has(sliceKey(s))) this.ctx.api.delete('EndpointSlice', namespace, s.metadata!.name!);
  }

  private create(svc: Service, labels: Record<string, string>, ports: EndpointSlice['ports'], endpoints: SliceEndpoint[] | undefined, now: string): void {
    const meta = svc.metadata!;
    this.ctx.api.create('EndpointSlice', {
      metadata: {
        generateName: `${meta.name}-`,
        namespace: meta.namespace,
        labels,
        annotations: { [TRIGGER_TIME]: now },
        ownerReferences: [newControllerRef(svc, 'v1', 'Service')],
      },
      addressType: 'IPv4',
      ...(endpoints ? { endpoints } : {}),
      ...(ports ? { ports } : {}),
    } as EndpointSlice);
  }

  private write(slice: EndpointSlice, labels: Record<string, string>, ports: EndpointSlice['ports'], endpoints: SliceEndpoint[] | undefined, now: string): void {
    const same =
      JSON.stringify(slice.ports) === JSON.stringify(ports) &&
      JSON.stringify(slice.endpoints) === JSON.stringify(endpoints) &&
      JSON.stringify(slice.metadata?.labels) === JSON.stringify(labels);
    if (same) return;
    const next: Record<string, unknown> = { ...slice, metadata: { ...slice.metadata, labels, annotations: { ...slice.metadata?.annotations, [TRIGGER_TIME]: now } } };
    if (endpoints) next['endpoints'] = endpoints;
    else delete next['endpoints'];
    if (ports) next['ports'] = ports;
    else delete next['ports'];
    this.ctx.api.update('EndpointSlice', next as EndpointSlice);
  }
}
