// The pod's containers in the kubelet's order (init and sidecars, then main), each with its
// status and the events whose fieldPath names it.
import type { ContainerStatus, Event, Pod, Probe } from '../types.js';
import { byTime, eventContainer } from './events.js';
import type { ContainerView } from './types.js';

export function containerViews(pod: Pod, events: readonly Event[]): ContainerView[] {
  const perContainer = new Map<string, Event[]>();
  for (const e of byTime(events)) {
    const c = eventContainer(e);
    if (c === undefined) continue;
    let list = perContainer.get(c);
    if (!list) perContainer.set(c, (list = []));
    list.push(e);
  }
  const find = (list: readonly ContainerStatus[] | undefined, name: string): ContainerStatus | undefined => list?.find((s) => s.name === name);
  const out: ContainerView[] = [];
  for (const spec of pod.spec?.initContainers ?? []) {
    out.push({
      kind: spec.restartPolicy === 'Always' ? 'sidecar' : 'init',
      name: spec.name,
      spec,
      status: find(pod.status?.initContainerStatuses, spec.name),
      events: perContainer.get(spec.name) ?? [],
    });
  }
  for (const spec of pod.spec?.containers ?? []) {
    out.push({ kind: 'main', name: spec.name, spec, status: find(pod.status?.containerStatuses, spec.name), events: perContainer.get(spec.name) ?? [] });
  }
  return out;
}

/** `container app`, `init container migrate`, `sidecar log-shipper`. */
export function containerLabel(c: ContainerView): string {
  return c.kind === 'main' ? `container ${c.name}` : c.kind === 'init' ? `init container ${c.name}` : `sidecar ${c.name}`;
}

/** `httpGet :8080/healthz every 10s, 3 failures`: a probe in a few words. */
export function probeText(p: Probe): string {
  let how = 'probe';
  if (p.httpGet) how = `httpGet ${p.httpGet.scheme === 'HTTPS' ? 'https ' : ''}:${String(p.httpGet.port)}${p.httpGet.path ?? '/'}`;
  else if (p.tcpSocket) how = `tcpSocket :${String(p.tcpSocket.port)}`;
  else if (p.grpc) how = `grpc :${p.grpc.port}`;
  else if (p.exec) how = `exec ${(p.exec.command ?? []).join(' ')}`;
  const period = p.periodSeconds ?? 10;
  const threshold = p.failureThreshold ?? 3;
  const delay = p.initialDelaySeconds ? `, after ${p.initialDelaySeconds}s` : '';
  return `${how} every ${period}s${delay}, fails after ${threshold}`;
}
