// What listens on which port of a pod's network namespace, from its running containers: nginx
// on 80 (its image's default.conf), `python -m http.server [N]` / `python -m SimpleHTTPServer
// [N]` on N (8000 by default) serving its directory, the paths of httpGet probes on their
// ports, and a declared containerPort of an image the simulator does not know (it answers that
// what it serves is not modelled). Nothing else listens: a connection is refused.
import type { Container, Probe } from '../../../kube/types.js';
import { commandLine } from '../../behaviour/index.js';
import type { ContainerInside } from '../container.js';

export type Listener =
  | { readonly kind: 'nginx'; readonly c: ContainerInside }
  | { readonly kind: 'python'; readonly c: ContainerInside; readonly dir: string; readonly version: 2 | 3 }
  | { readonly kind: 'app'; readonly c: ContainerInside };

export interface PortListener {
  readonly server: Listener;
  /** httpGet probes answered on this port (path → the probes that ask it). */
  readonly probes: ReadonlyMap<string, ('liveness' | 'readiness' | 'startup')[]>;
}

const PY = /\bpython[\d.]*\s+(?:-\w+\s+)*-m\s+(http\.server|SimpleHTTPServer)\b([^;&|\n]*)/;

/** `python -m http.server 8080 --directory /data` in the command (after an optional `cd DIR &&`). */
export function pythonServer(c: Container): { port: number; dir: string; version: 2 | 3 } | undefined {
  const script = commandLine(c);
  const m = PY.exec(script);
  if (!m) return undefined;
  const args = m[2]!.trim().split(/\s+/).filter(Boolean);
  let port = 8000;
  let dir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-d' || a === '--directory') dir = args[++i];
    else if (a.startsWith('--directory=')) dir = a.slice(12);
    else if (a === '-b' || a === '--bind') i++;
    else if (/^\d+$/.test(a)) port = Number(a);
  }
  if (!dir) {
    const before = script.slice(0, m.index);
    const cds = [...before.matchAll(/\bcd\s+([^\s;&|]+)/g)];
    dir = cds.length > 0 ? cds[cds.length - 1]![1]! : c.workingDir || '/';
  }
  return { port, dir, version: m[1] === 'SimpleHTTPServer' ? 2 : 3 };
}

function probePort(p: Probe, c: Container): number | undefined {
  const port = p.httpGet?.port;
  if (typeof port === 'number') return port;
  if (typeof port === 'string') {
    if (/^\d+$/.test(port)) return Number(port);
    return c.ports?.find((x) => x.name === port)?.containerPort;
  }
  return undefined;
}

export function podListeners(containers: readonly ContainerInside[]): Map<number, PortListener> {
  const out = new Map<number, { server: Listener; probes: Map<string, ('liveness' | 'readiness' | 'startup')[]> }>();
  const listen = (port: number, server: Listener): void => {
    if (!out.has(port)) out.set(port, { server, probes: new Map() });
  };
  for (const c of containers) {
    const py = pythonServer(c.spec);
    if (py) listen(py.port, { kind: 'python', c, dir: py.dir, version: py.version });
    else if (c.image.family === 'nginx' && !c.spec.command) listen(80, { kind: 'nginx', c });
    for (const p of c.spec.ports ?? []) if ((p.protocol ?? 'TCP') === 'TCP') listen(p.containerPort, { kind: 'app', c });
    for (const [type, probe] of [
      ['liveness', c.spec.livenessProbe],
      ['readiness', c.spec.readinessProbe],
      ['startup', c.spec.startupProbe],
    ] as const) {
      if (!probe?.httpGet) continue;
      const port = probePort(probe, c.spec);
      if (port === undefined) continue;
      listen(port, { kind: 'app', c });
      const l = out.get(port)!;
      const path = probe.httpGet.path || '/';
      l.probes.set(path, [...(l.probes.get(path) ?? []), type]);
    }
  }
  return out;
}
