// Which container `s` opens a shell in and whether it can: pure decisions over a pod. The
// command line handed to kubectl is k9s's: a terminal, and the first shell the image has.
import type { Pod } from '../kube/types.js';
import { DEFAULT_CONTAINER_ANNOTATION } from './logTarget.js';

/** k9s's shell: clear the screen, then bash, ash or sh, whichever the image has. */
export const SHELL_COMMAND = ['sh', '-c', 'clear; (bash || ash || sh)'] as const;

/** The pod's containers a shell can go into, and the one offered first (the default-container annotation, else the first). */
export function shellContainers(pod: Pod): { names: string[]; preferred: string | undefined } {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  return { names, preferred: annotated !== undefined && names.includes(annotated) ? annotated : names[0] };
}

/** true when the container runs now; otherwise why not, in the words the status line shows (kubectl's for a completed pod). */
export function containerRunning(pod: Pod, container: string, verb: 'exec' | 'attach' = 'exec'): true | string {
  const name = pod.metadata?.name ?? '';
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return `cannot ${verb === 'exec' ? 'exec into' : 'attach'} a container in a completed pod; current phase is ${phase}`;
  const status = pod.status?.containerStatuses?.find((s) => s.name === container);
  if (status?.state?.running) return true;
  const waiting = status?.state?.waiting?.reason;
  const terminated = status?.state?.terminated?.reason;
  const why = waiting ? `waiting: ${waiting}` : terminated ? `terminated: ${terminated}` : 'not started yet';
  return `container ${container} of pod ${name} is not running (${why})`;
}

/** `kubectl exec -it` for the shell, with the source's context (the kubeconfig files go in KUBECONFIG). */
export function kubectlShellArgs(context: string, namespace: string, pod: string, container: string): string[] {
  return ['--context', context, 'exec', '-it', '-n', namespace, pod, '-c', container, '--', ...SHELL_COMMAND];
}

/** Where `kubectl` is on PATH, or undefined (an injected existence check keeps this testable). */
export function findOnPath(command: string, pathVar: string | undefined, isExecutable: (path: string) => boolean, separator = ':'): string | undefined {
  for (const dir of (pathVar ?? '').split(separator)) {
    if (dir === '') continue;
    const candidate = `${dir.replace(/\/+$/, '')}/${command}`;
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}
