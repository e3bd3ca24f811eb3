// `podscope describe pod NAME [-n NS]`: kubectl describe's text from the same pure function the TUI uses.
import { describePod } from '../kube/describe/describePod.js';
import type { ClusterSource } from '../source/types.js';
import type { CliIo } from './io.js';

export async function describePodCommand(source: ClusterSource, namespace: string, name: string, io: CliIo): Promise<number> {
  const pod = await source.getPod(namespace, name);
  if (!pod) {
    io.stderr.write(`Error from server (NotFound): pods "${name}" not found\n`);
    return 1;
  }
  const uid = pod.metadata?.uid ?? '';
  const events = await source.listEvents({
    namespace,
    fieldSelector: `involvedObject.name=${name},involvedObject.namespace=${namespace},involvedObject.uid=${uid}`,
  });
  io.stdout.write(describePod(pod, events, source.now()));
  return 0;
}
