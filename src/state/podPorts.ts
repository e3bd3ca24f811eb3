// The ports `shift-f` offers: every TCP port the pod's containers declare, as kubectl
// port-forward reads them, with the container and the port's name.
import type { Pod } from '../kube/types.js';

export interface DeclaredPort {
  container: string;
  port: number;
  name?: string;
}

export function declaredPorts(pod: Pod): DeclaredPort[] {
  const out: DeclaredPort[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if ((p.protocol ?? 'TCP') !== 'TCP') continue;
      const entry: DeclaredPort = { container: c.name, port: p.containerPort };
      if (p.name) entry.name = p.name;
      out.push(entry);
    }
  }
  return out;
}

/** How a port is listed in the picker: `nginx/http:80`. */
export function portLabel(p: DeclaredPort): string {
  return `${p.container}/${p.name ? `${p.name}:` : ''}${p.port}`;
}

/** A local port typed in the prompt: 1–65535, or 0 for any free one; else why not. */
export function parseLocalPort(text: string): number | string {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return `"${text}" is not a port number`;
  const n = Number(t);
  if (n > 65535) return `${n} is not a port number (1-65535, or 0 for any free port)`;
  return n;
}
