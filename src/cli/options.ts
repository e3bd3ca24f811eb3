// podscope's own flags (the TUI and the headless commands) as data, the options they parse
// into, and the help generated from them.
import { flagHelp, parseFlags, stringFlag, switchFlag, UsageError, type FlagSpec } from './args.js';

/** The words after `podscope` that name a command; `--sim` never takes one as its scenario. */
export const COMMANDS = new Set(['get', 'describe', 'events', 'logs', 'timeline', 'why', 'sim']);

export const FLAGS: readonly FlagSpec[] = [
  {
    name: 'sim',
    value: { name: 'SCENARIO', optional: true, fallback: 'default', accepts: (next) => !next.startsWith('-') && !COMMANDS.has(next) },
    help: 'run on the bundled simulator (default scenario: default)',
  },
  { name: 'kubeconfig', value: { name: 'PATH' }, help: 'kubeconfig file' },
  { name: 'context', value: { name: 'NAME' }, help: 'kubeconfig context' },
  { name: 'namespace', short: 'n', value: { name: 'NS' }, help: 'namespace (default: the context\'s, or "default")' },
  { name: 'all-namespaces', short: 'A', help: 'all namespaces' },
  { name: 'readonly', help: 'never change the cluster (no delete)' },
  { name: 'speed', value: { name: 'X' }, help: 'simulator speed (simulated seconds per second)' },
  { name: 'request-timeout', value: { name: 'T' }, help: 'timeout of each API request, e.g. 10s (live clusters; not watches)' },
  { name: 'output', short: 'o', value: { name: 'FORMAT' }, help: 'get: wide, json or yaml' },
  { name: 'selector', short: 'l', value: { name: 'SELECTOR' }, help: 'get: a label selector, e.g. app=web,tier!=db' },
  { name: 'for', value: { name: 'pod/NAME' }, help: 'events: only those of this object' },
  { name: 'follow', short: 'f', help: 'events, logs, timeline: keep printing new events (log lines, timeline entries) until Ctrl-C' },
  { name: 'container', short: 'c', value: { name: 'NAME' }, help: 'logs: the container (default: kubectl\'s choice)' },
  { name: 'previous', short: 'p', help: 'logs: the previous (terminated) instance' },
  { name: 'tail', value: { name: 'N' }, help: 'logs: only the last N lines (-1: all)' },
  { name: 'since', value: { name: 'DURATION' }, help: 'logs: only lines newer than this, e.g. 5s, 2m, 3h' },
  { name: 'timestamps', help: "logs: each line with the kubelet's RFC 3339 timestamp" },
  { name: 'all-containers', help: 'logs: every container of the pod' },
  { name: 'prefix', help: 'logs: each line prefixed with [pod/NAME/CONTAINER]' },
  { name: 'version', help: 'print the version' },
  { name: 'help', short: 'h', help: 'this help' },
];

export const USAGE = `Usage:
  podscope [flags]                         the TUI (needs a terminal)
  podscope get pods [NAME...] [-n NS | -A] [-o wide|json|yaml] [-l SELECTOR]
  podscope describe KIND NAME [-n NS]     kubectl describe's text (pod, deployment, replicaset, …)
  podscope why pod NAME [-n NS]           why it is not Ready: findings, evidence, fixes
  podscope events [-n NS | -A] [--for pod/NAME] [--follow]
  podscope timeline pod NAME [-n NS] [--follow]
  podscope logs POD [-c C] [-f] [-p] [--tail N] [--since D] [--timestamps] [--all-containers] [--prefix] [-n NS]
  podscope sim serve [flags]               serve the simulator as a Kubernetes API (podscope sim --help)

Flags:
${flagHelp(FLAGS)}
`;

export interface CliOptions {
  sim?: string;
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  allNamespaces: boolean;
  readonly: boolean;
  speed: number;
  requestTimeout?: string;
  output?: string;
  selector?: string;
  for?: string;
  follow: boolean;
  container?: string;
  previous: boolean;
  tail?: string;
  since?: string;
  timestamps: boolean;
  allContainers: boolean;
  prefix: boolean;
  positionals: string[];
}

/** The options, or what to print instead; throws UsageError on flags that cannot be used. */
export function parseCli(argv: readonly string[]): CliOptions | 'help' | 'version' {
  const args = parseFlags(argv, FLAGS);
  if (switchFlag(args, 'help')) return 'help';
  if (switchFlag(args, 'version')) return 'version';
  const speedText = stringFlag(args, 'speed');
  const speed = speedText === undefined ? 1 : Number(speedText);
  if (!(speed > 0) || !Number.isFinite(speed)) throw new UsageError(`--speed must be a positive number, got "${speedText}"`);
  const kubeconfig = stringFlag(args, 'kubeconfig');
  // An empty path is a mistake (an unset variable in a script), never a request for the simulator.
  if (kubeconfig !== undefined && kubeconfig.trim() === '') throw new UsageError('--kubeconfig is empty: give a kubeconfig file, or --sim for the simulator');
  return {
    sim: stringFlag(args, 'sim'),
    kubeconfig,
    context: stringFlag(args, 'context'),
    namespace: stringFlag(args, 'namespace'),
    allNamespaces: switchFlag(args, 'all-namespaces'),
    readonly: switchFlag(args, 'readonly'),
    speed,
    requestTimeout: stringFlag(args, 'request-timeout'),
    output: stringFlag(args, 'output'),
    selector: stringFlag(args, 'selector'),
    for: stringFlag(args, 'for'),
    follow: switchFlag(args, 'follow'),
    container: stringFlag(args, 'container'),
    previous: switchFlag(args, 'previous'),
    tail: stringFlag(args, 'tail'),
    since: stringFlag(args, 'since'),
    timestamps: switchFlag(args, 'timestamps'),
    allContainers: switchFlag(args, 'all-containers'),
    prefix: switchFlag(args, 'prefix'),
    positionals: args.positionals,
  };
}
