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
