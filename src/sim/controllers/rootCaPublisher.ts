// The root-ca-cert-publisher (k/k pkg/controller/certificates/rootcacertpublisher): every
// active namespace holds the ConfigMap `kube-root-ca.crt` with the cluster's CA bundle under
// `ca.crt`, which the kube-api-access projected volume of every pod mounts. One deleted or
// changed is put back. It acts inside the namespace's watch event, so the ConfigMap exists
// before any pod of a new namespace can be set up on a node.
import { ApiError } from '../../kube/apiError.js';
import type { ConfigMap } from '../../kube/types.js';
import type { Component, SimContext } from '../context.js';
import type { Watch } from '../store.js';

export const ROOT_CA_CONFIG_MAP = 'kube-root-ca.crt';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** What an in-process simulator publishes: it serves no TLS, so it has no CA of its own. */
export const NO_CA_PEM = '-----BEGIN CERTIFICATE-----\n(the in-process simulator serves no TLS and has no CA)\n-----END CERTIFICATE-----\n';

export class RootCaPublisher implements Component {
  private readonly watches: Watch[] = [];

  constructor(
    private readonly ctx: SimContext,
    private readonly caPem: string = NO_CA_PEM,
  ) {}

  start(): void {
    this.watches.push(
      this.ctx.store.watch('Namespace', {}, (ev) => {
        if (ev.type !== 'DELETED') this.sync(ev.object.metadata?.name ?? '');
      }),
      this.ctx.store.watch('ConfigMap', {}, (ev) => {
        if (ev.object.metadata?.name === ROOT_CA_CONFIG_MAP) this.sync(ev.object.metadata.namespace ?? '');
      }),
    );
  }

  stop(): void {
    for (const w of this.watches.splice(0)) w.stop();
  }

  private sync(namespace: string): void {
    const ns = this.ctx.store.get('Namespace', undefined, namespace);
    if (!ns || ns.metadata?.deletionTimestamp) return;
    const current = this.ctx.store.get('ConfigMap', namespace, ROOT_CA_CONFIG_MAP);
    const data = { 'ca.crt': this.caPem };
    try {
      if (!current) {
        this.ctx.api.create('ConfigMap', { metadata: { name: ROOT_CA_CONFIG_MAP, namespace, annotations: { 'kubernetes.io/description': DESCRIPTION } }, data });
      } else if (current.data?.['ca.crt'] !== this.caPem || Object.keys(current.data).length !== 1 || current.metadata?.annotations?.['kubernetes.io/description'] !== DESCRIPTION) {
        const meta = current.metadata!;
        const fixed: ConfigMap = { ...current, metadata: { ...meta, annotations: { ...meta.annotations, 'kubernetes.io/description': DESCRIPTION } }, data };
        this.ctx.api.update('ConfigMap', fixed);
      }
    } catch (err) {
      // A namespace that began terminating, or a write that raced another: the next event retries.
      if (!(err instanceof ApiError)) throw err;
    }
  }
}
