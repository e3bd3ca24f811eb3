// ctrl-s: the table in front as CSV (RFC 4180: fields with a comma, quote or line break are
// quoted, quotes doubled), every shown row, in the order shown, the header first.
import { podRow } from '../kube/podColumns.js';
import type { PodTable } from './podTable.js';

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The pod list's rows as its columns print them (the filter and ctrl-z applied). */
export function podTableRows(pods: PodTable, nowMs: number): string[][] {
  const header = ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE'];
  return [header, ...pods.all().map((e) => {
    const r = podRow(e.pod, nowMs);
    return [r.namespace, r.name, r.ready, r.status, r.restarts, r.age, r.ip, r.node];
  })];
}
