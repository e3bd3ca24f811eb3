// What the source knows around one pod, fetched for its diagnosis: the nodes (all of them
// while it is unscheduled, to see what would fit; else its own), the ConfigMaps and Secrets
// it names, and the last log line of each container's last terminated instance. Every
// request that fails (forbidden, gone, timed out) leaves its part unknown, never an error:
// a diagnosis says less, it does not fail.
import { podReferences } from '../../kube/diagnosis/references.js';
import type { DiagnosisInput, ObjectLookup } from '../../kube/diagnosis/index.js';
import type { KubeObject, Node, Pod } from '../../kube/types.js';
import type { ClusterSource } from '../../source/types.js';

export type PodWorld = Pick<DiagnosisInput, 'nodes' | 'objects' | 'lastLogLine'>;

/** Kinds looked up by name; PersistentVolumeClaims join once the catalog has them. */
const LOOKED_UP = ['ConfigMap', 'Secret', 'PersistentVolumeClaim'] as const;

async function quietly<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch {
    return undefined;
  }
}

/** A log read that has not ended by then is given up (its line stays unknown). */
const LOG_READ_MS = 10_000;

function lastLine(source: ClusterSource, namespace: string, pod: string, container: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    let last: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (line: string | undefined): void => {
      if (timer !== undefined) clearTimeout(timer);
      resolve(line);
    };
    try {
      const read = source.logs(namespace, pod, { container, previous: true, tailLines: 1 }, {
        lines: (batch) => {
          last = batch[batch.length - 1]?.text;
        },
        end: (how) => finish(how.kind === 'done' ? last : undefined),
      });
      timer = setTimeout(() => {
        read.stop();
        finish(undefined);
      }, LOG_READ_MS);
      timer.unref?.();
    } catch {
      finish(undefined);
    }
  });
}

export async function gatherPodWorld(source: ClusterSource, pod: Pod, options: { logs: boolean }): Promise<PodWorld> {
  const namespace = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  const nodeName = pod.spec?.nodeName;
  // Its own node (none: known missing), or every node while it waits for one; a failed read: unknown.
  const nodesP: Promise<Node[] | undefined> = nodeName
    ? source.get('Node', undefined, nodeName).then(
        (n) => (n === undefined ? [] : [n]),
        () => undefined,
      )
    : quietly(source.list('Node', { namespace: undefined }));
  const refs = podReferences(pod);
  const found = new Map<string, KubeObject | null>();
  const lookups = LOOKED_UP.flatMap((kind) =>
    refs[kind].map(async (ref) => {
      try {
        const obj = await source.get(kind, namespace, ref);
        found.set(`${kind}/${ref}`, (obj as KubeObject | undefined) ?? null);
      } catch {
        // Unknown (forbidden, unreachable): leave it out.
      }
    }),
  );
  const withPrevious = (options.logs ? [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])] : []).filter((s) => s.lastState?.terminated);
  const lines = new Map<string, string>();
  const logReads = withPrevious.map(async (s) => {
    const line = await lastLine(source, namespace, name, s.name);
    if (line !== undefined) lines.set(s.name, line);
  });
  const [nodes] = await Promise.all([nodesP, ...lookups, ...logReads]);
  const objects: ObjectLookup = (kind, ref) => found.get(`${kind}/${ref}`);
  return { nodes, objects, lastLogLine: (c) => lines.get(c) };
}
