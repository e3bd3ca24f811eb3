// `podscope describe KIND NAME [-n NS]`: kubectl describe's text for any kind podscope has a
// describer for, from the same pure functions the TUI uses, with what kubectl fetches beside it.
import { entryOf } from '../kube/catalog/index.js';
import type { Kind } from '../kube/types.js';
import { describeEvents, describeRelated } from '../source/describeRelated.js';
import type { ClusterSource } from '../source/types.js';
import { describePodCommand } from './describePod.js';
import type { CliIo } from './io.js';

export async function describeCommand(source: ClusterSource, kind: Kind, namespace: string, name: string, io: CliIo): Promise<number> {
  if (kind === 'Pod') return describePodCommand(source, namespace, name, io);
  const entry = entryOf(kind);
  const describer = entry.describer;
  if (!describer) {
    io.stderr.write(`podscope: describe: no describer for ${entry.resource} yet (y in the TUI, or kubectl get ${entry.resource} ${name} -o yaml, shows it)\n`);
    return 1;
  }
  const ns = entry.namespaced ? namespace : undefined;
  const obj = await source.get(kind, ns, name);
  if (!obj) {
    const qualified = entry.group ? `${entry.resource}.${entry.group}` : entry.resource;
    io.stderr.write(`Error from server (NotFound): ${qualified} "${name}" not found\n`);
    return 1;
  }
  const [events, related] = await Promise.all([describeEvents(source, kind, obj), describeRelated(source, kind, obj)]);
  io.stdout.write((describer as (o: typeof obj, e: typeof events, n: number, r: typeof related) => string)(obj, events, source.now(), related));
  return 0;
}
