// The files the containers' own commands write (`while true; do date > /data/index.html; sleep
// 1; done`), read from their scripts by src/sim/logs/shell.ts and brought up to the simulated
// now whenever a file of the pod is used: `>` leaves the last write's text, `>>` appends each
// write since the last look (at most MAX_APPENDS of them at once; older ones are dropped, as if
// the reader had looked sooner). A write that fails (read-only mount, full disk) is skipped,
// as the script's own shell would go on after printing the error.
import type { Pod } from '../../../kube/types.js';
import type { PodWorker } from '../../kubelet/podWorker.js';
import { shellFileWrites } from '../../logs/shell.js';
import type { InsideDeps } from '../deps.js';
import { imageInside } from '../image.js';
import { ContainerFs } from './containerFs.js';
import { containerMounts } from './mounts.js';
import { FsError, splitPath } from './tree.js';

const MAX_APPENDS = 1000;

export function applyWrites(deps: InsideDeps, pod: Pod, worker: PodWorker): void {
  const now = deps.clock.now();
  const layers = deps.layers.pod(pod.metadata?.uid ?? '', pod.metadata?.namespace ?? 'default', pod.metadata?.name ?? '');
  if (layers.syncedAtMs === now) return;
  layers.syncedAtMs = now;
  for (const spec of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    const rec = worker.record(spec.name);
    const s = rec?.state;
    if (!rec || (s?.is !== 'running' && s?.is !== 'stopping')) continue;
    const writes = shellFileWrites(spec);
    if (writes.length === 0) continue;
    const image = imageInside(spec.image ?? '');
    const mounts = containerMounts({ store: deps.store, layers: deps.layers, pod, container: spec, containerID: rec.containerID, image, podIP: worker.podIP, hostIP: worker.hostIP, nowMs: now, imageFiles: [] });
    const uid = spec.securityContext?.runAsUser ?? pod.spec?.securityContext?.runAsUser ?? 0;
    const fs = new ContainerFs(mounts, uid, () => now);
    const ctx = { namespace: worker.namespace, pod: pod.metadata?.name ?? '', container: spec.name, startMs: s.startedMs, restarts: rec.restartCount };
    for (const w of writes) {
      const first = s.startedMs + w.atMs;
      if (first > now) continue;
      const last = w.periodMs > 0 ? Math.floor((now - first) / w.periodMs) : 0;
      const key = `${rec.containerID} ${w.path}`;
      const done = layers.applied.get(key);
      const doneIndex = done === undefined ? -1 : w.periodMs > 0 ? Math.round((done - first) / w.periodMs) : 0;
      if (doneIndex >= last) continue;
      const names = splitPath(w.path, spec.workingDir || '/');
      const textAt = (k: number): string => {
        const at = first + k * w.periodMs;
        return w.lines.map((l) => l(ctx, at, k + 1) + '\n').join('');
      };
      try {
        if (w.append) {
          const from = Math.max(doneIndex + 1, last - MAX_APPENDS + 1);
          let text = '';
          for (let k = from; k <= last; k++) text += textAt(k);
          fs.writeFile(names, Buffer.from(text), true);
        } else {
          fs.writeFile(names, Buffer.from(textAt(last)));
          const node = fs.stat(names);
          if (node) node.mtimeMs = first + last * w.periodMs;
        }
      } catch (err) {
        if (!(err instanceof FsError)) throw err;
      }
      layers.applied.set(key, first + last * w.periodMs);
    }
  }
}
