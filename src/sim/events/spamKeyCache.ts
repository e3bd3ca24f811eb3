// The correlator's spam key for (involved object, event source), remembered per options
// object: callers such as the kubelet keep one options object per container and reuse it
// for every event, so a repeat costs a few identity comparisons instead of a string build.
// The cached key is used only while every field it was built from is still the same.
import type { KubeObject } from '../../kube/types.js';
import type { CoreEventOptions } from '../context.js';
import { spamKey } from './correlator.js';

interface Cached {
  component: string;
  host: string | undefined;
  kind: string | undefined;
  namespace: string | undefined;
  name: string | undefined;
  uid: string | undefined;
  apiVersion: string | undefined;
  key: string;
}

export class SpamKeyCache {
  private readonly cache = new WeakMap<CoreEventOptions, Cached>();

  of(involved: KubeObject, options: CoreEventOptions): string {
    const meta = involved.metadata;
    const kind = involved.kind || undefined;
    const namespace = meta?.namespace || undefined;
    const name = meta?.name || undefined;
    const uid = meta?.uid || undefined;
    const apiVersion = involved.apiVersion || undefined;
    const host = options.host || undefined;
    const hit = this.cache.get(options);
    if (
      hit !== undefined &&
      hit.component === options.component &&
      hit.host === host &&
      hit.kind === kind &&
      hit.namespace === namespace &&
      hit.name === name &&
      hit.uid === uid &&
      hit.apiVersion === apiVersion
    ) {
      return hit.key;
    }
    const identity = { kind, namespace, name, uid, apiVersion };
    const key = spamKey(options.component, host, identity);
    this.cache.set(options, { component: options.component, host, ...identity, key });
    return key;
  }
}
