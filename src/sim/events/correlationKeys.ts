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
  /** getEventKey's text by aggregate key, fieldPath and message (a few messages per container repeat for ever). */
  eventKeys: Map<string, Map<string, Map<string, string>>>;
}

/** Event keys kept per source, object and reason before a map starts over (messages that vary do not pile up). */
const EVENT_KEYS_KEPT = 64;

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
      eventKeys: new Map(),
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
   * getEventKey's text for an event that is not aggregated, the same string object for every
   * repeat: a crash loop's BackOff is counted every 10 s, and a lookup with a key built anew
   * hashes and compares all its ~250 characters. Looked up by fieldPath and message, whose
   * strings the callers keep (their hashes are computed once).
   */
  eventKey(keys: SourceKeys, aggregate: string, fieldPath: string, message: string): string {
    let byField = keys.eventKeys.get(aggregate);
    if (!byField) {
      if (keys.eventKeys.size >= EVENT_KEYS_KEPT) keys.eventKeys.clear();
      byField = new Map();
      keys.eventKeys.set(aggregate, byField);
    }
    let byMessage = byField.get(fieldPath);
    if (!byMessage) {
      byMessage = new Map();
      byField.set(fieldPath, byMessage);
    }
    let key = byMessage.get(message);
    if (key === undefined) {
      if (byMessage.size >= EVENT_KEYS_KEPT) byMessage.clear();
      key = eventKey(aggregate, fieldPath, message);
      byMessage.set(message, key);
    }
    return key;
  }
}
