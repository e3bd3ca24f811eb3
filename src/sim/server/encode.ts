// Serialisation shared by lists and watches. Stored objects are immutable and shared, so
// the version a live watch event carries is turned into JSON once for all its watchers; the
// texts are kept for the recently sent versions only (recentEncodings.ts), and a list or a
// GET reuses one that is still kept or encodes afresh, as the apiserver does.
import type { KubeObject } from '../../kube/types.js';
import { RecentEncodings } from './recentEncodings.js';

/** Bytes of each generation of kept texts: ~32 MiB of JSON and ~32 MiB of lines at most per cache. */
export const ENCODING_GENERATION_BYTES = 16 * 1024 * 1024;

const objectJson = new RecentEncodings<string>(ENCODING_GENERATION_BYTES, (json) => json.length);

/** The object's JSON: the kept text of a recently watched version, or a fresh one (not kept). */
export function encodeObject(obj: KubeObject): string {
  return objectJson.get(obj) ?? JSON.stringify(obj);
}

function keptJson(obj: KubeObject): string {
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

/** `{"kind":"PodList",…,"items":[…]}`, reusing the item texts still kept from watch events. */
export function encodeList(listKind: string, apiVersion: string, meta: ListMeta, items: readonly KubeObject[]): string {
  const metadata: ListMeta = { resourceVersion: meta.resourceVersion };
  if (meta.continue) metadata.continue = meta.continue;
  if (meta.remainingItemCount !== undefined) metadata.remainingItemCount = meta.remainingItemCount;
  const parts: string[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) parts[i] = encodeObject(items[i]!);
  return `{"kind":${JSON.stringify(listKind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(metadata)},"items":[${parts.join(',')}]}`;
}

const eventLines = new RecentEncodings<Map<string, Buffer>>(ENCODING_GENERATION_BYTES, (byType) => {
  let bytes = 0;
  for (const line of byType.values()) bytes += line.length;
  return bytes;
});

/** One watch event line (`{"type":…,"object":…}\n`), shared by every JSON watcher of that event. */
export function encodeWatchLine(type: string, obj: KubeObject): Buffer {
  const byType = eventLines.get(obj);
  let line = byType?.get(type);
  if (line) return line;
  line = Buffer.from(`{"type":"${type}","object":${keptJson(obj)}}\n`);
  if (!byType) eventLines.set(obj, new Map([[type, line]]));
  else {
    byType.set(type, line);
    eventLines.charge(line.length);
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

const tableLines = new RecentEncodings<Map<string, { second: number; line: Buffer }>>(ENCODING_GENERATION_BYTES, (byVariant) => {
  let bytes = 0;
  for (const { line } of byVariant.values()) bytes += line.length;
  return bytes;
});

/**
 * A Table watch line, shared by the watchers that ask for the same variant (event type,
 * includeObject, headers or not, Table version) of an event within one second of simulated
 * time (the AGE cell changes only by the second).
 */
export function encodeTableWatchLine(type: string, obj: KubeObject, variant: string, nowMs: number, build: () => unknown): Buffer {
  const byVariant = tableLines.get(obj);
  const key = `${type}|${variant}`;
  const second = Math.floor(nowMs / 1000);
  const cached = byVariant?.get(key);
  if (cached && cached.second === second) return cached.line;
  const line = Buffer.from(`{"type":"${type}","object":${JSON.stringify(build())}}\n`);
  if (!byVariant) tableLines.set(obj, new Map([[key, { second, line }]]));
  else {
    byVariant.set(key, { second, line });
    tableLines.charge(line.length);
  }
  return line;
}
