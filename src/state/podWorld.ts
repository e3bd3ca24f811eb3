// The objects around the pod the pod view shows: the ConfigMaps, Secrets, claims, Services
// and Endpoints of its namespace and the Nodes, followed through the source's generic watch
// while a pod view has been opened (one namespace at a time), so the view can say whether
// each volume is mounted or why not, which Services select the pod and whether it is in
// their endpoints, and how long its node has been unreachable.
import type { ConfigMap, Endpoints, Kind, KindMap, Node, PersistentVolumeClaim, Secret, Service } from '../kube/types.js';
import type { ClusterSource, DeltaBatch, Subscription } from '../source/types.js';

/** What the pod view's facts read: lookups by name in the pod's namespace (Nodes by name). */
export interface WorldLookup {
  configMap(name: string): ConfigMap | undefined;
  secret(name: string): Secret | undefined;
  claim(name: string): PersistentVolumeClaim | undefined;
  services(): Iterable<Service>;
  endpoints(name: string): Endpoints | undefined;
  node(name: string): Node | undefined;
}

type Followed = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'Service' | 'Endpoints' | 'Node';
const NAMESPACED: readonly Followed[] = ['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'Service', 'Endpoints'];

export class PodWorld implements WorldLookup {
  private namespace: string | undefined;
  private subs: Subscription[] = [];
  private readonly maps = new Map<Followed, Map<string, KindMap[Followed]>>();

  constructor(
    private readonly source: ClusterSource,
    private readonly changed: () => void,
  ) {}

  /** Follows `namespace` (and the Nodes); a call for the namespace already followed does nothing. */
  follow(namespace: string): void {
    if (this.namespace === namespace && this.subs.length > 0) return;
    this.stopNamespaced();
    this.namespace = namespace;
    for (const kind of NAMESPACED) this.subs.push(this.watch(kind, namespace));
    if (!this.maps.has('Node')) this.nodeSub = this.watch('Node', undefined);
  }

  private nodeSub: Subscription | undefined;

  stop(): void {
    this.stopNamespaced();
    this.nodeSub?.stop();
    this.nodeSub = undefined;
    this.maps.delete('Node');
    this.namespace = undefined;
  }

  private stopNamespaced(): void {
    for (const s of this.subs) s.stop();
    this.subs = [];
    for (const kind of NAMESPACED) this.maps.delete(kind);
  }

  private watch<K extends Followed>(kind: K, namespace: string | undefined): Subscription {
    const map = new Map<string, KindMap[Followed]>();
    this.maps.set(kind, map);
    return this.source.watch(kind as Kind as K, { namespace }, (batch: DeltaBatch<KindMap[K]>) => {
      for (const d of batch) {
        if (d.type === 'RESET') {
          map.clear();
          for (const o of d.objects) map.set(o.metadata?.name ?? '', o);
        } else if (d.type === 'DELETED') map.delete(d.object.metadata?.name ?? '');
        else map.set(d.object.metadata?.name ?? '', d.object);
      }
      this.changed();
    });
  }

  private get<K extends Followed>(kind: K, name: string): KindMap[K] | undefined {
    return this.maps.get(kind)?.get(name) as KindMap[K] | undefined;
  }

  configMap(name: string): ConfigMap | undefined {
    return this.get('ConfigMap', name);
  }
  secret(name: string): Secret | undefined {
    return this.get('Secret', name);
  }
  claim(name: string): PersistentVolumeClaim | undefined {
    return this.get('PersistentVolumeClaim', name);
  }
  services(): Iterable<Service> {
    return (this.maps.get('Service')?.values() ?? []) as Iterable<Service>;
  }
  endpoints(name: string): Endpoints | undefined {
    return this.get('Endpoints', name);
  }
  node(name: string): Node | undefined {
    return this.get('Node', name);
  }
  /** Whether the watches have delivered their first lists (until then nothing is known to be missing). */
  synced(): boolean {
    return this.namespace !== undefined && NAMESPACED.every((k) => this.maps.has(k));
  }
}
