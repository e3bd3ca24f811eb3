// `kubectl describe service` (kubectl 1.33 describeService, formatEndpointSlices), byte for
// byte: the Service, and per port the ready endpoints of its EndpointSlices; and
// describeEndpointSliceV1.
import { formatLabels } from '../tables/format.js';
import type { EndpointSlice, Event, Service } from '../types.js';
import { writeEvents } from './events.js';
import { writeAnnotations, writeLabels } from './metadata.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter } from './prefixWriter.js';

/** net.JoinHostPort: IPv6 addresses in brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * formatEndpointSlices: ready endpoints (a missing condition counts as ready) of the slices'
 * ports named `portName` (all ports when undefined), at most three, then "+ N more...".
 */
export function formatEndpointSlices(slices: readonly EndpointSlice[], portName: string | undefined): string {
  if (slices.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const slice of slices) {
    const endpoints = slice.endpoints ?? [];
    if ((slice.ports ?? []).length === 0) {
      for (const ep of endpoints) {
        if (list.length === max) more = true;
        if (ep.conditions?.ready === false) continue;
        if (!more) list.push(ep.addresses[0] ?? '');
        count++;
      }
      continue;
    }
    for (const port of slice.ports ?? []) {
      if (portName !== undefined && (port.name ?? '') !== portName) continue;
      for (const ep of endpoints) {
        if (list.length === max) more = true;
        if (ep.conditions?.ready === false) continue;
        if (!more) list.push(joinHostPort(ep.addresses[0] ?? '', port.port ?? 0));
        count++;
      }
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - max} more...` : joined;
}

function ingressString(ingress: NonNullable<NonNullable<Service['status']>['loadBalancer']>['ingress']): string {
  return (ingress ?? []).map((i) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : (i.hostname ?? ''))).join(', ');
}

export function describeService(svc: Service, events: Event[], nowMs: number, slices: readonly EndpointSlice[]): string {
  const w = new PrefixWriter();
  const meta = svc.metadata ?? {};
  const spec = svc.spec ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, meta.annotations);
  // labels.FormatLabels prints <none> for an empty map.
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(LEVEL_0, `IP Families:\t${(spec.ipFamilies ?? []).length > 0 ? spec.ipFamilies!.join(',') : '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs ?? []).length > 0 ? spec.clusterIPs!.join(',') : '<none>'}\n`);
  if ((spec.externalIPs ?? []).length > 0) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs!.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress;
  if ((ingress ?? []).length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingressString(ingress)}\n`);
  for (const sp of spec.ports ?? []) {
    const name = sp.name || '<unset>';
    const protocol = sp.protocol ?? '';
    w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${protocol}\n`);
    const target = sp.targetPort;
    w.write(LEVEL_0, `TargetPort:\t${target === undefined ? 0 : target}/${protocol}\n`);
    if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${protocol}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, sp.name ?? '')}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if ((spec.loadBalancerSourceRanges ?? []).length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges!.join(',')}\n`);
  writeEvents(w, events, nowMs);
  return w.toString();
}

/** describeEndpointSliceV1: address type, ports, and each endpoint with its conditions and where it runs. */
export function describeEndpointSlice(eps: EndpointSlice, events: Event[], nowMs: number): string {
  const w = new PrefixWriter();
  const meta = eps.metadata ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, meta.annotations);
  w.write(LEVEL_0, `AddressType:\t${eps.addressType ?? ''}\n`);
  const ports = eps.ports ?? [];
  if (ports.length === 0) {
    w.write(LEVEL_0, 'Ports: <unset>\n');
  } else {
    w.write(LEVEL_0, 'Ports:\n');
    w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    for (const p of ports) w.write(LEVEL_1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}\n`);
  }
  const endpoints = eps.endpoints ?? [];
  if (endpoints.length === 0) {
    w.write(LEVEL_0, 'Endpoints: <none>\n');
  } else {
    w.write(LEVEL_0, 'Endpoints:\n');
    for (const ep of endpoints) {
      w.write(LEVEL_1, `- Addresses:\t${(ep.addresses ?? []).join(', ') || '<none>'}\n`);
      w.write(LEVEL_2, 'Conditions:\n');
      const ready = ep.conditions?.ready;
      w.write(LEVEL_3, `Ready:\t${ready === undefined || ready === null ? '<unset>' : String(ready)}\n`);
      w.write(LEVEL_2, `Hostname:\t${ep.hostname ?? '<unset>'}\n`);
      if (ep.targetRef) w.write(LEVEL_2, `TargetRef:\t${ep.targetRef.kind ?? ''}/${ep.targetRef.name ?? ''}\n`);
      w.write(LEVEL_2, `NodeName:\t${ep.nodeName ?? '<unset>'}\n`);
      w.write(LEVEL_2, `Zone:\t${ep.zone ?? '<unset>'}\n`);
    }
  }
  writeEvents(w, events, nowMs);
  return w.toString();
}
