// `podscope get pods [-n NS | -A] [-o wide|json|yaml] [-l SEL]`, printed as kubectl prints it.
import { stringify } from 'yaml';
import { podRow } from '../kube/podColumns.js';
import { GET_TABS, tabwrite } from '../kube/tabwriter.js';
import type { Pod } from '../kube/types.js';
import type { ClusterSource } from '../source/types.js';
import type { CliIo } from './io.js';

export type OutputFormat = 'table' | 'wide' | 'json' | 'yaml';

export interface GetPodsOptions {
  namespace: string | undefined;
  output: OutputFormat;
  labelSelector?: string;
  /** `get pods NAME…`: these pods, in this order (repeats repeated); `namespace` must be set. */
  names?: readonly string[];
}

export function formatPodTable(pods: readonly Pod[], nowMs: number, allNamespaces: boolean, wide: boolean): string {
  const header = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
  if (wide) header.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES');
  if (allNamespaces) header.unshift('NAMESPACE');
  const lines = [header.join('\t')];
  for (const pod of pods) {
    const r = podRow(pod, nowMs);
    const cells = [r.name, r.ready, r.status, r.restarts, r.age];
    if (wide) cells.push(r.ip, r.node, r.nominatedNode, r.readinessGates);
    if (allNamespaces) cells.unshift(r.namespace);
    lines.push(cells.join('\t'));
  }
  return tabwrite(`${lines.join('\n')}\n`, GET_TABS);
}

export function podList(pods: readonly Pod[]): object {
  return { apiVersion: 'v1', items: pods, kind: 'List', metadata: { resourceVersion: '' } };
}

export async function getPods(source: ClusterSource, opts: GetPodsOptions, io: CliIo): Promise<number> {
  if (opts.names !== undefined && opts.names.length > 0) return getNamedPods(source, opts, opts.names, io);
  const pods = await source.listPods({ namespace: opts.namespace, labelSelector: opts.labelSelector });
  if (opts.output === 'json') {
    io.stdout.write(`${JSON.stringify(podList(pods), null, 4)}\n`);
    return 0;
  }
  if (opts.output === 'yaml') {
    io.stdout.write(stringify(podList(pods)));
    return 0;
  }
  if (pods.length === 0) {
    io.stderr.write(opts.namespace === undefined ? 'No resources found\n' : `No resources found in ${opts.namespace} namespace.\n`);
    return 0;
  }
  io.stdout.write(formatPodTable(pods, source.now(), opts.namespace === undefined, opts.output === 'wide'));
  return 0;
}

/**
 * `kubectl get pods A B …`: the pods found, printed together (one name asked for and found:
 * the object itself under -o json|yaml, else a List), then one NotFound line per missing name
 * on stderr, and exit 1 if any was missing. Nothing found prints nothing on stdout.
 */
async function getNamedPods(source: ClusterSource, opts: GetPodsOptions, names: readonly string[], io: CliIo): Promise<number> {
  const namespace = opts.namespace;
  if (namespace === undefined) {
    io.stderr.write('error: a resource cannot be retrieved by name across all namespaces\n');
    return 1;
  }
  if (opts.labelSelector !== undefined) {
    io.stderr.write('error: name cannot be provided when a selector is specified\n');
    return 1;
  }
  const found: Pod[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const pod = await source.getPod(namespace, name);
    if (pod) found.push(pod);
    else missing.push(name);
  }
  if (found.length > 0) {
    const single = names.length === 1 ? found[0] : undefined;
    if (opts.output === 'json') io.stdout.write(`${JSON.stringify(single ?? podList(found), null, 4)}\n`);
    else if (opts.output === 'yaml') io.stdout.write(stringify(single ?? podList(found)));
    else io.stdout.write(formatPodTable(found, source.now(), false, opts.output === 'wide'));
  }
  for (const name of missing) io.stderr.write(`Error from server (NotFound): pods "${name}" not found\n`);
  return missing.length > 0 ? 1 : 0;
}
