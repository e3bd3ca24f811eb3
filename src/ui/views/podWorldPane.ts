// The pod view's "Volumes, Services & Node" pane as plain lines: each volume and whether it
// is mounted or why not, the Services that select the pod and whether it is in their
// endpoints now, and for a pod on an unreachable node, since when and when it is evicted.
import { humanDuration } from '../../kube/duration.js';
import type { Pod } from '../../kube/types.js';
import type { PodWorld } from '../../state/podWorld.js';
import { nodeReachability, serviceFacts, volumeFacts } from '../../state/podWorldFacts.js';
import { wrappedColumns } from '../text.js';

function clock(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function worldLines(pod: Pod, world: Pick<PodWorld, 'synced' | 'configMap' | 'secret' | 'claim' | 'services' | 'endpoints' | 'node'>, now: number, width: number): string[] {
  if (!world.synced()) return ['(reading the namespace…)'];
  const lines: string[] = [];
  const reach = nodeReachability(pod, pod.spec?.nodeName ? world.node(pod.spec.nodeName) : undefined);
  if (reach) {
    let eviction = 'tolerates it for ever: no eviction';
    if (reach.evictAtMs !== undefined) {
      eviction = reach.evictAtMs > now ? `evicted at ${clock(reach.evictAtMs)} (in ${humanDuration(reach.evictAtMs - now)})` : `eviction due since ${clock(reach.evictAtMs)}`;
    }
    lines.push(`Node ${reach.node} unreachable since ${clock(reach.sinceMs)} (${humanDuration(Math.max(0, now - reach.sinceMs))} ago); ${eviction}`);
  }
  // Compact: a line for the volumes that are fine, one per volume that waits on something,
  // one for the Services; the pane stays small beside the phase and events panes.
  const volumes = volumeFacts(pod, world);
  const fine = volumes.filter((v) => v.state !== 'waiting');
  const waiting = volumes.filter((v) => v.state === 'waiting');
  const fineText = fine.map((v) => `${v.name} ${v.state}${v.detail && v.state === 'mounted' ? ` (${v.source}, ${v.detail})` : v.state === 'pending' ? ` (${v.detail})` : ''}`).join(', ');
  if (volumes.length === 0) lines.push('Volumes: <none>');
  else if (fineText) lines.push(...wrappedColumns([['Volumes:', fineText]], width, 1));
  else lines.push('Volumes:');
  for (const v of waiting) lines.push(...wrappedColumns([[`  ${v.name}`, `(${v.source}) not mounted: ${v.detail}`]], width, 1));
  const services = serviceFacts(pod, world);
  const serviceText = services.map((s) => `${s.name} (${s.type} ${s.clusterIP} ${s.ports}): ${s.endpoint === 'ready' ? 'in endpoints, ready' : s.endpoint === 'not ready' ? 'in endpoints, not ready' : 'not in endpoints'}`).join('; ');
  lines.push(...wrappedColumns([['Services:', serviceText || 'none select this pod']], width, 1));
  return lines;
}
