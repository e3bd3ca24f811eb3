// Which of a Service's pods are in its endpoints now, from the EndpointSlices of the Service
// (label kubernetes.io/service-name) as the watch brings them: ready, not ready (in the
// slice with conditions.ready false), or absent. Rebuilt per batch from the slices, which
// hold one entry per endpoint: O(endpoints) per change, nothing per frame.
import type { EndpointSlice, Pod } from '../kube/types.js';
import type { DeltaBatch } from '../source/types.js';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export type Membership = 'ready' | 'not-ready' | '-';

export class EndpointMembership {
  private readonly slices = new Map<string, EndpointSlice>();
  private byUid = new Map<string, Membership>();
  private byIp = new Map<string, Membership>();

  constructor(readonly service: string) {}

  apply(batch: DeltaBatch<EndpointSlice>): void {
    for (const d of batch) {
      if (d.type === 'RESET') {
        this.slices.clear();
        for (const s of d.objects) this.keep(s);
      } else if (d.type === 'DELETED') {
        this.slices.delete(keyOf(d.object));
      } else {
        this.keep(d.object);
      }
    }
    this.rebuild();
  }

  private keep(slice: EndpointSlice): void {
    if (slice.metadata?.labels?.[SERVICE_NAME_LABEL] === this.service) this.slices.set(keyOf(slice), slice);
    else this.slices.delete(keyOf(slice));
  }

  private rebuild(): void {
    const byUid = new Map<string, Membership>();
    const byIp = new Map<string, Membership>();
    for (const slice of this.slices.values()) {
      for (const ep of slice.endpoints ?? []) {
        // A missing ready condition means ready (discovery/v1).
        const state: Membership = ep.conditions?.ready === false ? 'not-ready' : 'ready';
        const uid = ep.targetRef?.kind === 'Pod' ? ep.targetRef.uid : undefined;
        if (uid) byUid.set(uid, merge(byUid.get(uid), state));
        for (const ip of ep.addresses ?? []) byIp.set(ip, merge(byIp.get(ip), state));
      }
    }
    this.byUid = byUid;
    this.byIp = byIp;
  }

  /** The pod's place in the Service's endpoints: by its uid (targetRef), else its IP. */
  of(pod: Pod): Membership {
    const uid = pod.metadata?.uid;
    const viaUid = uid ? this.byUid.get(uid) : undefined;
    if (viaUid) return viaUid;
    const ip = pod.status?.podIP;
    return (ip ? this.byIp.get(ip) : undefined) ?? '-';
  }
}

/** Ready in any slice counts as ready. */
function merge(a: Membership | undefined, b: Membership): Membership {
  return a === 'ready' || b === 'ready' ? 'ready' : b;
}

function keyOf(slice: EndpointSlice): string {
  return slice.metadata?.uid ?? `${slice.metadata?.namespace ?? ''}/${slice.metadata?.name ?? ''}`;
}
