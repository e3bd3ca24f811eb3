// What a view built from an informer's deltas holds, and every delta that could not be what a
// correct informer sends: an ADDED of a key it already holds, a MODIFIED or DELETED of one it
// does not, a version not newer than the one held (a write delivered twice, or out of order).
// The sync-under-writes check compares this, not the informer's own cache, with the server's
// LIST, so a write missed or duplicated on the way to the view fails it.
import type { KubeObject } from '../../src/kube/types.js';
import type { DeltaBatch } from '../../src/source/types.js';

export class DeltaReplica {
  /** namespace/name → uid@resourceVersion. */
  readonly held = new Map<string, string>();
  readonly anomalies: string[] = [];
  deltas = 0;
  /** Batches applied: a cheap sign that something came. */
  batches = 0;

  apply(batch: DeltaBatch<KubeObject>): void {
    this.batches++;
    for (const d of batch) {
      if (d.type === 'RESET') {
        this.held.clear();
        for (const o of d.objects) {
          if (this.held.has(keyOf(o))) this.anomalies.push(`RESET names ${keyOf(o)} twice`);
          this.held.set(keyOf(o), versionOf(o));
        }
        continue;
      }
      this.deltas++;
      const key = keyOf(d.object);
      const had = this.held.get(key);
      const got = versionOf(d.object);
      if (d.type === 'ADDED' && had !== undefined) this.anomalies.push(`ADDED ${key} ${got}, already held at ${had}`);
      if (d.type !== 'ADDED' && had === undefined) this.anomalies.push(`${d.type} ${key} ${got}, not held`);
      if (had !== undefined && d.type !== 'DELETED' && uidOf(had) === uidOf(got) && !(rvOf(got) > rvOf(had))) {
        this.anomalies.push(`${d.type} ${key} ${got}, not newer than the ${had} held`);
      }
      if (d.type === 'DELETED') this.held.delete(key);
      else this.held.set(key, got);
    }
  }
}

export function keyOf(o: KubeObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

export function versionOf(o: KubeObject): string {
  return `${o.metadata?.uid ?? ''}@${o.metadata?.resourceVersion ?? ''}`;
}

const uidOf = (v: string): string => v.slice(0, v.lastIndexOf('@'));
const rvOf = (v: string): number => Number(v.slice(v.lastIndexOf('@') + 1));

/** What differs between the server's objects and a replica's (both key → uid@resourceVersion); empty when equal. */
export function differences(server: ReadonlyMap<string, string>, view: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of server) if (view.get(k) !== v) out.push(`${k}: server ${v}, view ${view.get(k) ?? 'missing'}`);
  for (const [k, v] of view) if (!server.has(k)) out.push(`${k}: view ${v}, not on the server`);
  return out;
}
