// The pod network as seen from inside a container: names resolve as the pod's resolver does
// (/etc/hosts, then cluster DNS through the search path), addresses reach what listens there.
// A Service's cluster IP goes through kube-proxy to one of its ready endpoints (round robin);
// a headless Service's name resolves to its ready pods' IPs. Names outside the cluster do not
// resolve (the simulated cluster has no outside).
import type { Duplex } from 'node:stream';
import type { Pod, Service } from '../../kube/types.js';
import { containerInside, runningContainers, runningPod, type ContainerInside, type InsideDeps } from './container.js';
import { duplexPair } from './duplexPair.js';
import { CLUSTER_DOMAIN, podHostName } from './fs/etcFiles.js';
import { podListeners } from './servers/listeners.js';
import { serveConnection } from './servers/httpServer.js';
import { ConnectionRefused } from './types.js';

export type Resolution = { ok: true; ip: string } | { ok: false };

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function readyIPs(deps: InsideDeps, svc: Service): string[] {
  const ep = deps.store.get('Endpoints', svc.metadata?.namespace ?? 'default', svc.metadata?.name ?? '');
  return (ep?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
}

/** A cluster DNS name (fully qualified, no trailing dot) → its address(es). */
function clusterLookup(deps: InsideDeps, fqdn: string): string[] {
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  if (fqdn.endsWith(`.pod.${CLUSTER_DOMAIN}`)) {
    const parts = fqdn.split('.');
    const ip = parts[0]!.replace(/-/g, '.');
    return IPV4.test(ip) && parts.length === 5 ? [ip] : [];
  }
  if (!fqdn.endsWith(suffix)) return [];
  const parts = fqdn.slice(0, -suffix.length).split('.');
  if (parts.length === 2) {
    const [name, ns] = parts as [string, string];
    const svc = deps.store.get('Service', ns, name);
    if (!svc) return [];
    const ip = svc.spec?.clusterIP;
    if (ip && ip !== 'None') return [ip];
    return readyIPs(deps, svc);
  }
  if (parts.length === 3) {
    // <hostname>.<subdomain (a headless Service)>.<ns>: a ready pod with that hostname.
    const [host, sub, ns] = parts as [string, string, string];
    const ep = deps.store.get('Endpoints', ns, sub);
    for (const s of ep?.subsets ?? []) for (const a of s.addresses ?? []) if (a.hostname === host) return [a.ip];
  }
  return [];
}

/** The resolver of `c`'s pod: /etc/hosts (its own names, hostAliases), then DNS with the search path and ndots:5. */
export function resolveHost(deps: InsideDeps, c: ContainerInside, host: string): Resolution {
  const name = host.replace(/\.$/, '').toLowerCase();
  if (IPV4.test(name)) return { ok: true, ip: name };
  if (name === 'localhost' || name === 'ip6-localhost') return { ok: true, ip: '127.0.0.1' };
  const { hostname, domain } = podHostName(c.pod);
  if (name === hostname || (domain && name === `${hostname}.${domain}`)) return { ok: true, ip: c.podIP };
  for (const a of c.pod.spec?.hostAliases ?? []) if ((a.hostnames ?? []).includes(name)) return { ok: true, ip: a.ip ?? '' };
  const ns = c.namespace;
  const searches = [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
  const dots = name.split('.').length - 1;
  const candidates = host.endsWith('.') ? [name] : dots >= 5 ? [name, ...searches.map((s) => `${name}.${s}`)] : [...searches.map((s) => `${name}.${s}`), name];
  for (const fqdn of candidates) {
    const ips = clusterLookup(deps, fqdn);
    if (ips.length > 0) return { ok: true, ip: ips[0]! };
  }
  return { ok: false };
}

const roundRobin = new WeakMap<Service, number>();

function serviceByClusterIP(deps: InsideDeps, ip: string): Service | undefined {
  for (const svc of deps.store.all('Service')) if (svc.spec?.clusterIP === ip) return svc;
  return undefined;
}

function podByIP(deps: InsideDeps, ip: string): Pod | undefined {
  for (const p of deps.store.all('Pod')) if (p.status?.podIP === ip && p.status.phase === 'Running') return p;
  return undefined;
}

/** Opens a connection from `from` (undefined: from outside the pod network, port-forward's own pod) to ip:port. */
export function dial(deps: InsideDeps, from: ContainerInside | undefined, ip: string, port: number): Duplex {
  if (ip === '127.0.0.1' || (from && ip === from.podIP)) {
    if (!from) throw new ConnectionRefused(ip, port);
    return connectPod(deps, from.namespace, from.podName, port, ip);
  }
  const svc = serviceByClusterIP(deps, ip);
  if (svc) {
    const sp = (svc.spec?.ports ?? []).find((p) => p.port === port);
    if (!sp) throw new ConnectionRefused(ip, port);
    const ep = deps.store.get('Endpoints', svc.metadata?.namespace ?? 'default', svc.metadata?.name ?? '');
    const choices: { ip: string; port: number }[] = [];
    for (const s of ep?.subsets ?? []) {
      const p = (s.ports ?? []).find((x) => (x.name ?? '') === (sp.name ?? '')) ?? (s.ports?.length === 1 && !sp.name ? s.ports[0] : undefined);
      if (!p) continue;
      for (const a of s.addresses ?? []) choices.push({ ip: a.ip, port: p.port });
    }
    // No ready endpoint: kube-proxy rejects the connection.
    if (choices.length === 0) throw new ConnectionRefused(ip, port);
    const n = roundRobin.get(svc) ?? 0;
    roundRobin.set(svc, n + 1);
    const to = choices[n % choices.length]!;
    return dial(deps, undefined, to.ip, to.port);
  }
  const pod = podByIP(deps, ip);
  if (!pod) throw new ConnectionRefused(ip, port);
  return connectPod(deps, pod.metadata?.namespace ?? 'default', pod.metadata?.name ?? '', port, ip);
}

/** A connection to `port` of the pod's network namespace. */
export function connectPod(deps: InsideDeps, namespace: string, name: string, port: number, host = 'localhost'): Duplex {
  const { pod, worker } = runningPod(deps, namespace, name);
  const listener = podListeners(runningContainers(deps, pod, worker)).get(port);
  if (!listener) throw new ConnectionRefused(host, port);
  const [client, server] = duplexPair();
  serveConnection(listener, deps.clock, server);
  return client;
}

export { containerInside };
