// What `a` (attach) runs and says, as pure decisions over a pod's container and the kubectl in
// hand. Attaching joins the container's main process, so what the keyboard can do depends on the
// container's own `stdin` and `tty`, not on kubectl's flags:
// - stdin and tty: `kubectl attach -it` puts the terminal in raw mode and every key, ctrl-c
//   included, goes to the container. The way out is kubectl's detach sequence (ctrl-p ctrl-q,
//   kubectl 1.36 and later) or the container's process ending (a shell: `exit`, ctrl-d).
// - stdin without tty: kubectl says "Unable to use a TTY - container C did not allocate one" and
//   attaches without raw mode, so ctrl-c interrupts kubectl itself and podscope comes back.
// - no stdin: whatever is typed goes nowhere (the runtime drops it), and with a tty kubectl
//   would still take the terminal raw and leave no way out but the container's end. podscope
//   attaches to the output only (no -i), where ctrl-c interrupts kubectl.
import type { Container, Pod } from '../kube/types.js';

/** kubectl's detach sequence (its `--detach-keys` default). */
export const KUBECTL_DETACH_KEYS = 'ctrl-p ctrl-q';

export interface AttachMode {
  /** The container's spec says `stdin: true`: what is typed reaches its process. */
  stdin: boolean;
  /** The container's spec says `tty: true`. */
  tty: boolean;
}

export function attachMode(container: Pick<Container, 'stdin' | 'tty'> | undefined): AttachMode {
  return { stdin: container?.stdin === true, tty: container?.tty === true };
}

export function containerSpec(pod: Pod, name: string): Container | undefined {
  return (pod.spec?.containers ?? []).find((c) => c.name === name);
}

/** `kubectl attach` with the source's context: `-it` when the container reads stdin, else its output only. */
export function kubectlAttachArgs(context: string, namespace: string, pod: string, container: string, mode: AttachMode): string[] {
  return ['--context', context, 'attach', ...(mode.stdin ? ['-it'] : []), '-n', namespace, pod, '-c', container];
}

/** Whether a kubectl's `attach --help` offers the detach sequence (`--detach-keys`, kubectl 1.36 and later). */
export function helpHasDetachKeys(help: string): boolean {
  return /--detach-keys\b/.test(help);
}

/** How the way back to podscope works for this attach: short sentences, one a line. */
export function attachWayBack(mode: AttachMode, kubectlDetaches: boolean): string[] {
  if (!mode.stdin) return ['ctrl-c returns to podscope (the container keeps running)'];
  if (!mode.tty) return ['ctrl-c ends kubectl and returns to podscope (the container keeps running)'];
  if (kubectlDetaches) return [`${KUBECTL_DETACH_KEYS} detaches and returns to podscope (the container keeps running); ctrl-c goes to the container`];
  return [
    `this kubectl has no detach key (${KUBECTL_DETACH_KEYS} came in kubectl 1.36); ctrl-c goes to the container`,
    "its screen comes back when the container's process ends (a shell: exit or ctrl-d)",
  ];
}

/** What podscope says about the container's settings before attaching, or undefined when it has stdin and a tty. */
export function attachCaveat(container: string, mode: AttachMode): string | undefined {
  if (!mode.stdin) return `container ${container} has no stdin (stdin: true in its spec): what is typed would go nowhere, so podscope attaches to its output only`;
  if (!mode.tty) return `container ${container} did not allocate a TTY (tty: true in its spec): what is typed reaches it as plain lines, without a prompt or line editing`;
  return undefined;
}

/** The lines podscope prints on the terminal before kubectl attach takes it over. */
export function attachBanner(where: string, container: string, mode: AttachMode, kubectlDetaches: boolean): string {
  const caveat = attachCaveat(container, mode);
  const lines = [`attaching to ${where}`, ...(caveat ? [caveat] : []), ...attachWayBack(mode, kubectlDetaches)];
  return lines.map((l) => `podscope: ${l}.\n`).join('');
}
