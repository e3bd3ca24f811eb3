// The files the kubelet and the runtime put in every container (k/k pkg/kubelet/kubelet_pods.go
// managedHostsFileContent and GeneratePodHostNameAndDomain, pkg/kubelet/network/dns
// GetPodDNS, containerd's resolv.conf writer): /etc/hostname, /etc/hosts, /etc/resolv.conf.
import type { Pod, PodSpec } from '../../../kube/types.js';

export const CLUSTER_DOMAIN = 'cluster.local';
/** The kubelet's clusterDNS as kubeadm and kind configure it: the tenth address of the Service range (kube-dns). */
export const CLUSTER_DNS_IP = '10.96.0.10';

/** GeneratePodHostNameAndDomain: spec.hostname (else the pod's name, cut to 63), and with a subdomain `<sub>.<ns>.svc.<domain>`. */
export function podHostName(pod: Pod): { hostname: string; domain: string } {
  const name = pod.metadata?.name ?? '';
  const hostname = pod.spec?.hostname || (name.length > 63 ? name.slice(0, 63).replace(/[-.]+$/, '') : name);
  const sub = pod.spec?.subdomain;
  const domain = sub ? `${sub}.${pod.metadata?.namespace ?? 'default'}.svc.${CLUSTER_DOMAIN}` : '';
  return { hostname, domain };
}

/** What `hostname` prints and /etc/hostname holds: the host name (the node's with hostNetwork). */
export function hostnameText(pod: Pod): string {
  return pod.spec?.hostNetwork ? (pod.spec.nodeName ?? '') : podHostName(pod).hostname;
}

const MANAGED_HEADER = '# Kubernetes-managed hosts file.\n';
const LOCAL_LINES = ['127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback', 'fe00::0\tip6-localnet', 'fe00::0\tip6-mcastprefix', 'fe00::1\tip6-allnodes', 'fe00::2\tip6-allrouters'];

/** managedHostsFileContent for a pod on the pod network. */
export function hostsFileText(pod: Pod, podIPs: readonly string[]): string {
  const { hostname, domain } = podHostName(pod);
  let out = MANAGED_HEADER + LOCAL_LINES.map((l) => l + '\n').join('');
  for (const ip of podIPs) out += domain ? `${ip}\t${hostname}.${domain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  const aliases = pod.spec?.hostAliases ?? [];
  if (aliases.length > 0) {
    out += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) out += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return out;
}

/** The nameserver of a simulated node's own resolv.conf (dnsPolicy Default): the gateway of kind's docker network. */
const NODE_NAMESERVER = '172.18.0.1';

/**
 * GetPodDNS by dnsPolicy (ClusterFirst by default; with hostNetwork only ClusterFirstWithHostNet
 * gets the cluster's), dnsConfig merged in, written as containerd writes it: search, nameserver, options.
 */
export function resolvConfText(pod: Pod): string {
  const spec: PodSpec = pod.spec ?? { containers: [] };
  const ns = pod.metadata?.namespace ?? 'default';
  const policy = spec.dnsPolicy ?? 'ClusterFirst';
  let servers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  const cluster = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !spec.hostNetwork);
  if (cluster) {
    servers = [CLUSTER_DNS_IP];
    searches = [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
    options = ['ndots:5'];
  } else if (policy !== 'None') {
    servers = [NODE_NAMESERVER];
  }
  const cfg = spec.dnsConfig;
  if (cfg) {
    for (const s of cfg.nameservers ?? []) if (!servers.includes(s)) servers.push(s);
    for (const s of cfg.searches ?? []) if (!searches.includes(s)) searches.push(s);
    for (const o of cfg.options ?? []) {
      const text = o.value !== undefined ? `${o.name}:${o.value}` : (o.name ?? '');
      const key = text.split(':')[0];
      options = options.filter((x) => x.split(':')[0] !== key);
      options.push(text);
    }
  }
  let out = '';
  if (searches.length > 0) out += `search ${searches.join(' ')}\n`;
  for (const s of servers.slice(0, 3)) out += `nameserver ${s}\n`;
  if (options.length > 0) out += `options ${options.join(' ')}\n`;
  return out;
}
