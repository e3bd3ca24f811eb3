// `kubectl describe` for the simple kinds (kubectl 1.33): ConfigMap (data in full, binary
// data as sizes), Secret (keys and byte sizes only, never values — but a service account
// token, which kubectl prints), Namespace (no ResourceQuota or LimitRange API is served, so
// kubectl prints neither section) and Endpoints. Go iterates a map in random order; these
// print keys sorted.
import type { ConfigMap, Endpoints, Event, Namespace, Secret, ServiceAccount } from '../types.js';
import { writeEvents } from './events.js';
import { writeAnnotations, writeLabels } from './metadata.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter } from './prefixWriter.js';
import { formatTimestamp, localZone, type ZoneOffset } from './timeFormat.js';

function sortedKeys(map: { [k: string]: unknown } | undefined): string[] {
  return Object.keys(map ?? {}).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function header(w: PrefixWriter, meta: { name?: string; namespace?: string; labels?: { [k: string]: string }; annotations?: { [k: string]: string } }): void {
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, meta.annotations);
}

/** base64 → byte length (what len([]byte) is after decoding). */
export function decodedLength(b64: string): number {
  return Buffer.from(b64, 'base64').length;
}

export function describeConfigMap(cm: ConfigMap, events: Event[], nowMs: number): string {
  const w = new PrefixWriter();
  header(w, cm.metadata ?? {});
  w.write(LEVEL_0, '\nData\n====\n');
  for (const k of sortedKeys(cm.data)) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${cm.data![k]}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  for (const k of sortedKeys(cm.binaryData)) w.write(LEVEL_0, `${k}: ${decodedLength(cm.binaryData![k]!)} bytes\n`);
  w.write(LEVEL_0, '\n');
  writeEvents(w, events, nowMs);
  return w.toString();
}

/**
 * The Secret with its keys and sizes; `decoded` (podscope's explicit toggle, never kubectl's)
 * prints each value decoded instead of its size.
 */
export function describeSecret(secret: Secret, decoded = false): string {
  const w = new PrefixWriter();
  header(w, secret.metadata ?? {});
  w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  for (const k of sortedKeys(secret.data)) {
    const raw = secret.data![k]!;
    if (decoded || (k === 'token' && secret.type === 'kubernetes.io/service-account-token')) w.write(LEVEL_0, `${k}:\t${Buffer.from(raw, 'base64').toString('utf8')}\n`);
    else w.write(LEVEL_0, `${k}:\t${decodedLength(raw)} bytes\n`);
  }
  return w.toString();
}

export function describeNamespace(ns: Namespace, zone: ZoneOffset = localZone): string {
  const w = new PrefixWriter();
  const meta = ns.metadata ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, meta.annotations);
  w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conditions = ns.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${formatTimestamp(c.lastTransitionTime, zone)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  return w.toString();
}

export function describeEndpoints(ep: Endpoints, events: Event[], nowMs: number): string {
  const w = new PrefixWriter();
  header(w, ep.metadata ?? {});
  w.write(LEVEL_0, 'Subsets:\n');
  for (const subset of ep.subsets ?? []) {
    w.write(LEVEL_1, `Addresses:\t${(subset.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    w.write(LEVEL_1, `NotReadyAddresses:\t${(subset.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    if ((subset.ports ?? []).length > 0) {
      w.write(LEVEL_1, 'Ports:\n');
      w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_2, '----\t----\t--------\n');
      for (const p of subset.ports!) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`);
    }
    w.write(LEVEL_0, '\n');
  }
  writeEvents(w, events, nowMs);
  return w.toString();
}

const SA_NAME = 'kubernetes.io/service-account.name';
const SA_UID = 'kubernetes.io/service-account.uid';

/** describeServiceAccount: its pull secrets, mountable secrets (missing ones said so) and legacy token Secrets. */
export function describeServiceAccount(sa: ServiceAccount, events: Event[], nowMs: number, secrets: readonly Secret[]): string {
  const w = new PrefixWriter();
  header(w, sa.metadata ?? {});
  const tokens = secrets.filter((s) => s.type === 'kubernetes.io/service-account-token' && s.metadata?.annotations?.[SA_NAME] === sa.metadata?.name && s.metadata?.annotations?.[SA_UID] === sa.metadata?.uid);
  const existing = new Set(secrets.map((s) => s.metadata?.name ?? ''));
  // Mountable and pull secrets that do not exist are marked "(not found)".
  const missing = new Set([...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])].map((s) => s.name ?? '').filter((n) => !existing.has(n)));
  const empty = '                   ';
  const groups: [string, string[]][] = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? '')],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s) => s.name ?? '')],
    ['Tokens:            ', tokens.map((s) => s.metadata?.name ?? '')],
  ];
  for (const [title, names] of groups) {
    if (names.length === 0) {
      w.write(LEVEL_0, `${title}\t<none>\n`);
      continue;
    }
    let prefix = title;
    for (const name of names) {
      w.write(LEVEL_0, `${prefix}\t${name}${missing.has(name) ? ' (not found)' : ''}\n`);
      prefix = empty;
    }
  }
  writeEvents(w, events, nowMs);
  return w.toString();
}
