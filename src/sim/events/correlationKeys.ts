// The correlator's keys for an event, remembered per options object: callers such as the
// kubelet keep one options object per container and reuse it for every event, so a repeat
// costs a few identity comparisons instead of building strings. The cached keys are used
// only while every field they were built from is still the same.
import type { KubeObject } from '../../kube/types.js';
import type { CoreEventOptions } from '../context.js';
import { aggregateKey, eventKey, spamKey } from './correlator.js';

/** The keys of one (source, involved object) pair. */
export interface SourceKeys {
  component: string;
  host: string | undefined;
  kind: string | undefined;
  namespace: string | undefined;
  name: string | undefined;
  uid: string | undefined;
  apiVersion: string | undefined;
  spam: string;
  /** aggregateKey by type, then reason. */
  aggregates: Map<string, Map<string, string>>;
  /** The last getEventKey text built, and what it was built from. */
  lastEvent: { aggregate: string; fieldPath: string; message: string; key: string } | undefined;
}


export class CorrelationKeys {
  private readonly cache = new WeakMap<CoreEventOptions, SourceKeys>();

  /** The keys for events about `involved` from the source `options` names. */
  of(involved: KubeObject, options: CoreEventOptions): SourceKeys {
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
      return hit;
    }
    const identity = { kind, namespace, name, uid, apiVersion };
    const keys: SourceKeys = {
      component: options.component,
      host,
      ...identity,
      spam: spamKey(options.component, host, identity),
      aggregates: new Map(),
      lastEvent: undefined,
    };
    this.cache.set(options, keys);
    return keys;
  }

  /** aggregateKey of a core/v1 event: its reporting component and instance are its source's. */
  aggregate(keys: SourceKeys, type: string, reason: string): string {
    let byReason = keys.aggregates.get(type);
    if (!byReason) {
      byReason = new Map();
      keys.aggregates.set(type, byReason);
    }
    let key = byReason.get(reason);
    if (key === undefined) {
      key = aggregateKey(keys.spam, type, reason, keys.component, keys.host ?? '');
      byReason.set(reason, key);
    }
    return key;
  }

  /**
   * getEventKey's text for an event that is not aggregated, the same string object while the
   * same event repeats: a crash loop's BackOff is counted every 10 s, and a lookup with a key
   * built anew hashes and compares all its ~250 characters. Only the last key is kept (by
   * the identity of the strings it was built from, which the callers keep): a map per
   * source and object would cost more memory than the lookups it saves.
   */
  eventKey(keys: SourceKeys, aggregate: string, fieldPath: string, message: string): string {
    const last = keys.lastEvent;
    if (last !== undefined && last.aggregate === aggregate && last.fieldPath === fieldPath && last.message === message) return last.key;
    const key = eventKey(aggregate, fieldPath, message);
    keys.lastEvent = { aggregate, fieldPath, message, key };
    return key;
  }
}
