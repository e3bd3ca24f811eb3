// `podscope why pod NAME [-n NS]`: why the pod is not Ready, in plain words: each finding with
// the fields and events that say so (and when), and what would fix it. Exit 0 whatever the
// pod's health (the diagnosis is the answer); 1 when there is no such pod, as describe.
import { diagnose, diagnosisLines } from '../kube/diagnosis/index.js';
import type { ClusterSource } from '../source/types.js';
import { gatherPodWorld } from '../state/diagnosis/gather.js';
import type { CliIo } from './io.js';

export async function whyCommand(source: ClusterSource, namespace: string, name: string, io: CliIo): Promise<number> {
  const pod = await source.getPod(namespace, name);
  if (!pod) {
    io.stderr.write(`Error from server (NotFound): pods "${name}" not found\n`);
    return 1;
  }
  const uid = pod.metadata?.uid ?? '';
  const [events, world] = await Promise.all([
    source.listEvents({ namespace, fieldSelector: `involvedObject.name=${name},involvedObject.namespace=${namespace},involvedObject.uid=${uid}` }),
    gatherPodWorld(source, pod, { logs: true }),
  ]);
  const d = diagnose({ pod, events, nowMs: source.now(), ...world });
  io.stdout.write(`Pod ${namespace}/${name}: ${d.summary}\n${diagnosisLines(d).join('\n')}\n`);
  return 0;
}
