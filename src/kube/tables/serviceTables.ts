// printService, printEndpoints and printEndpointSlice (k/k pkg/printers/internalversion/
// printers.go): the columns kubectl shows for Services, Endpoints and EndpointSlices.
import { since } from '../duration.js';
import { column, type TableColumnDefinition } from '../table.js';
import type { EndpointSlice, Endpoints, Service } from '../types.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';
import { formatLabels } from './format.js';

export const SERVICE_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Type', 'string', "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. \"ClusterIP\" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is \"None\", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. \"NodePort\" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. \"LoadBalancer\" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. \"ExternalName\" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types"),
  column('Cluster-IP', 'string', "clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are \"None\", empty string (\"\"), or a valid IP address. Setting this to \"None\" makes a \"headless service\" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"),
  column('External-IP', 'string', "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system."),
  column('Port(s)', 'string', "The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"),
  AGE_COLUMN,
  column('Selector', 'string', "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/", 1),
];

/** makePortString: `port/proto`, or `port:nodePort/proto`, comma-separated. */
export function servicePorts(svc: Service): string {
  return (svc.spec?.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

/** loadBalancerStatusStringer (wide, as the apiserver prints): the ingress IPs or hostnames, sorted and de-duplicated. */
function loadBalancerIngress(svc: Service): string {
  const seen = new Set<string>();
  for (const i of svc.status?.loadBalancer?.ingress ?? []) {
    if (i.ip) seen.add(i.ip);
    else if (i.hostname) seen.add(i.hostname);
  }
  return [...seen].sort().join(',');
}

/** getServiceExternalIP. */
export function serviceExternalIP(svc: Service): string {
  const external = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(svc);
      if (external.length > 0) return [...(lb ? lb.split(',') : []), ...external].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

export function serviceCells(svc: Service, nowMs: number): (string | number)[] {
  const spec = svc.spec ?? {};
  return [
    svc.metadata?.name ?? '',
    spec.type ?? '',
    spec.clusterIPs?.[0] ?? '<none>',
    serviceExternalIP(svc),
    servicePorts(svc) || '<none>',
    since(svc.metadata?.creationTimestamp, nowMs),
    formatLabels(spec.selector),
  ];
}

export const ENDPOINTS_COLUMNS: readonly TableColumnDefinition[] = [NAME_COLUMN, column('Endpoints', 'string', "The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service."), AGE_COLUMN];

/** formatEndpoints: the first three ready `ip:port`s (or IPs for port-less subsets), then `+ N more...`. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip.includes(':') ? `[${a.ip}]:${port.port}` : `${a.ip}:${port.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export function endpointsCells(ep: Endpoints, nowMs: number): (string | number)[] {
  return [ep.metadata?.name ?? '', formatEndpoints(ep), since(ep.metadata?.creationTimestamp, nowMs)];
}

export const ENDPOINT_SLICE_COLUMNS: readonly TableColumnDefinition[] = [
  NAME_COLUMN,
  column('AddressType', 'string', "addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name. (Deprecated) The EndpointSlice controller only generates, and kube-proxy only processes, slices of addressType \"IPv4\" and \"IPv6\". No semantics are defined for the \"FQDN\" type."),
  column('Ports', 'string', "ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. Each slice may include a maximum of 100 ports. Services always have at least 1 port, so EndpointSlices generated by the EndpointSlice controller will likewise always have at least 1 port. EndpointSlices used for other purposes may have an empty ports list."),
  column('Endpoints', 'string', "endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints."),
  AGE_COLUMN,
];

/** listWithMoreString. */
function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

export function endpointSliceCells(slice: EndpointSlice, nowMs: number): (string | number)[] {
  const max = 3;
  const ports: string[] = [];
  let portsMore = false;
  for (const p of slice.ports ?? []) {
    if (ports.length < max) ports.push(p.port !== undefined ? String(p.port) : (p.name ?? '*'));
    else portsMore = true;
  }
  const addresses: string[] = [];
  let addressesMore = false;
  let addressCount = 0;
  for (const e of slice.endpoints ?? []) {
    for (const a of e.addresses ?? []) {
      if (addresses.length < max) addresses.push(a);
      else addressesMore = true;
      addressCount++;
    }
  }
  return [
    slice.metadata?.name ?? '',
    slice.addressType ?? '',
    listWithMore(ports, portsMore, slice.ports?.length ?? 0, max),
    listWithMore(addresses, addressesMore, addressCount, max),
    since(slice.metadata?.creationTimestamp, nowMs),
  ];
}
