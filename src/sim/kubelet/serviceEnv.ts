// The service environment variables the kubelet gives every container (k/k pkg/kubelet/
// envvars FromServices and kubelet_pods.go getServiceEnvVarMap): for each Service of the
// pod's namespace (when enableServiceLinks) and the `kubernetes` Service of `default`
// (always), with a cluster IP: {SVC}_SERVICE_HOST, {SVC}_SERVICE_PORT, one
// {SVC}_SERVICE_PORT_{NAME} per named port, and the docker-link variables {SVC}_PORT,
// {SVC}_PORT_{port}_{PROTO}[_PROTO|_PORT|_ADDR]. A Service of the pod's namespace wins over
// a `default` one of the same name. They are read when the container is created, so a
// Service made later is not seen until the next instance.
import type { Service } from '../../kube/types.js';

const envName = (s: string): string => s.replace(/-/g, '_').toUpperCase();

/** IsServiceIPSet: neither "None" nor empty. */
const hasClusterIP = (svc: Service): boolean => !!svc.spec?.clusterIP && svc.spec.clusterIP !== 'None';

export function serviceEnvVars(services: readonly Service[]): [string, string][] {
  const out: [string, string][] = [];
  for (const svc of services) {
    if (!hasClusterIP(svc)) continue;
    const ip = svc.spec!.clusterIP!;
    const prefix = envName(svc.metadata?.name ?? '');
    const ports = svc.spec?.ports ?? [];
    out.push([`${prefix}_SERVICE_HOST`, ip]);
    out.push([`${prefix}_SERVICE_PORT`, String(ports[0]?.port ?? 0)]);
    for (const p of ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
    const host = ip.includes(':') ? `[${ip}]` : ip;
    ports.forEach((p, i) => {
      const proto = (p.protocol ?? 'TCP').toLowerCase();
      const url = `${proto}://${host}:${p.port}`;
      if (i === 0) out.push([`${prefix}_PORT`, url]);
      const at = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      out.push([at, url], [`${at}_PROTO`, proto], [`${at}_PORT`, String(p.port)], [`${at}_ADDR`, ip]);
    });
  }
  return out;
}

/** The Services whose variables a container of `namespace` gets, in name order (as the kubelet's map ranges). */
export function servicesForEnv(namespace: string, enableServiceLinks: boolean, inNamespace: Iterable<Service>, kubernetes: Service | undefined): Service[] {
  const byName = new Map<string, Service>();
  if (kubernetes) byName.set(kubernetes.metadata?.name ?? '', kubernetes);
  for (const svc of inNamespace) {
    const name = svc.metadata?.name ?? '';
    if (namespace === 'default' && name === 'kubernetes') continue;
    if (enableServiceLinks) byName.set(name, svc);
  }
  return [...byName.keys()].sort().map((k) => byName.get(k)!);
}
