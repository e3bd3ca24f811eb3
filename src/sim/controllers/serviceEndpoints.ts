// Which pods back a Service and how (k/k pkg/controller/util/endpoint and the endpoints /
// endpointslice controllers' per-pod logic), as pure functions: a pod with an IP, not
// terminal, is an endpoint of each Service whose selector it matches; each service port's
// targetPort resolves to a number (a name through the pod's container ports; a pod without
// that port is left out of that port). Endpoints leave terminating pods out; slices keep
// them with `terminating: true`.
import type { Pod, Service } from '../../kube/types.js';

export interface ResolvedPort {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly appProtocol?: string;
}

export interface PodEndpoint {
  readonly pod: Pod;
  readonly ip: string;
  /** Ready as the Endpoints controller sees it (publishNotReadyAddresses counts as ready). */
  readonly ready: boolean;
  /** The pod's Ready condition, whatever its deletion (the slice's `serving`). */
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly ports: readonly ResolvedPort[];
  /** spec.hostname when spec.subdomain names the Service (ShouldSetHostname). */
  readonly hostname: string | undefined;
}

export function selectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector)) if (labels?.[k] !== v) return false;
  return true;
}

/** The Service has a selector its controllers act on (ExternalName and selector-less ones are left alone). */
export function managesEndpoints(svc: Service): boolean {
  return svc.spec?.type !== 'ExternalName' && Object.keys(svc.spec?.selector ?? {}).length > 0;
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** findPort: a numeric targetPort as is; a named one through the pod's container ports. */
function findPort(pod: Pod, target: number | string | undefined, protocol: string, fallback: number): number | undefined {
  if (target === undefined) return fallback;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** The pod as an endpoint of `svc`, or undefined when it is not one. */
export function podEndpoint(svc: Service, pod: Pod, includeTerminating: boolean): PodEndpoint | undefined {
  const ip = pod.status?.podIP;
  const phase = pod.status?.phase;
  if (!ip || !pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return undefined;
  const terminating = pod.metadata?.deletionTimestamp !== undefined;
  if (terminating && !includeTerminating) return undefined;
  const ports: ResolvedPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const protocol = sp.protocol ?? 'TCP';
    const port = findPort(pod, sp.targetPort, protocol, sp.port);
    if (port === undefined) continue;
    ports.push({ name: sp.name ?? '', port, protocol, ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  const podReady = isPodReady(pod);
  const publish = svc.spec?.publishNotReadyAddresses === true;
  const hostname = pod.spec?.hostname && pod.spec.subdomain === svc.metadata?.name ? pod.spec.hostname : undefined;
  return { pod, ip, ready: publish || podReady, serving: publish || podReady, terminating, ports, hostname };
}

/** A key that groups endpoints with the same ports (one subset, one slice). */
export function portsKey(ports: readonly ResolvedPort[]): string {
  return ports.map((p) => `${p.name}/${p.port}/${p.protocol}/${p.appProtocol ?? ''}`).join(',');
}

/**
 * Which Services a pod change concerns: those of its namespace that manage endpoints and select
 * it now or selected it before (its labels can change). Keeps each pod's last labels to know.
 */
export class SelectingServices {
  private readonly labelsOf = new Map<string, Record<string, string> | undefined>();

  constructor(private readonly servicesIn: (namespace: string | undefined) => Iterable<Service>) {}

  changed(pod: Pod, deleted: boolean): Service[] {
    const uid = pod.metadata?.uid ?? '';
    const before = this.labelsOf.get(uid);
    if (deleted) this.labelsOf.delete(uid);
    else this.labelsOf.set(uid, pod.metadata?.labels);
    const out: Service[] = [];
    for (const svc of this.servicesIn(pod.metadata?.namespace)) {
      if (!managesEndpoints(svc)) continue;
      if (selectorMatches(svc.spec?.selector, pod.metadata?.labels) || selectorMatches(svc.spec?.selector, before)) out.push(svc);
    }
    return out;
  }
}
