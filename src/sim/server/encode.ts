// Serialisation shared by lists and watches. Stored objects are immutable and shared,
// so each object version is turned into JSON once, however many lists and watchers send it.
import type { KubeObject } from '../../kube/types.js';

const objectJson = new WeakMap<object, string>();

export function encodeObject(obj: KubeObject): string {
  let json = objectJson.get(obj);
  if (json === undefined) {
    json = JSON.stringify(obj);
    objectJson.set(obj, json);
  }
  return json;
}

export interface ListMeta {
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

/** `{"kind":"PodList",…,"items":[…]}` built from the cached item texts. */
export function encodeList(listKind: string, apiVersion: string, meta: ListMeta, items: readonly KubeObject[]): string {
  const metadata: ListMeta = { resourceVersion: meta.resourceVersion };
  if (meta.continue) metadata.continue = meta.continue;
  if (meta.remainingItemCount !== undefined) metadata.remainingItemCount = meta.remainingItemCount;
  const parts: string[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) parts[i] = encodeObject(items[i]!);
  return `{"kind":${JSON.stringify(listKind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(metadata)},"items":[${parts.join(',')}]}`;
}

const eventLines = new WeakMap<object, Map<string, Buffer>>();

/** One watch event line (`{"type":…,"object":…}\n`), shared by every JSON watcher of that event. */
export function encodeWatchLine(type: string, obj: KubeObject): Buffer {
  let byType = eventLines.get(obj);
  if (!byType) {
    byType = new Map();
    eventLines.set(obj, byType);
  }
  let line = byType.get(type);
  if (!line) {
    line = Buffer.from(`{"type":"${type}","object":${encodeObject(obj)}}\n`);
    byType.set(type, line);
  }
  return line;
}

/**
 * The same line, not kept: a watch-list's initial events (or a replay) go to one watcher, and
 * keeping a line per object for 100k pods would hold hundreds of megabytes of buffers that
 * make the collector work while nothing reads them again.
 */
export function encodeWatchLineOnce(type: string, obj: KubeObject): Buffer {
  return eventLines.get(obj)?.get(type) ?? Buffer.from(`{"type":"${type}","object":${encodeObject(obj)}}\n`);
}

const tableLines = new WeakMap<object, Map<string, { second: number; line: Buffer }>>();

/**
 * A Table watch line, shared by the watchers that ask for the same variant (event type,
 * includeObject, headers or not, Table version) of an event within one second of simulated
 * time (the AGE cell changes only by the second).
 */
export function encodeTableWatchLine(type: string, obj: KubeObject, variant: string, nowMs: number, build: () => unknown): Buffer {
  let byVariant = tableLines.get(obj);
  if (!byVariant) {
    byVariant = new Map();
    tableLines.set(obj, byVariant);
  }
  const key = `${type}|${variant}`;
  const second = Math.floor(nowMs / 1000);
  const cached = byVariant.get(key);
  if (cached && cached.second === second) return cached.line;
  const line = Buffer.from(`{"type":"${type}","object":${JSON.stringify(build())}}\n`);
  byVariant.set(key, { second, line });
  return line;
}
