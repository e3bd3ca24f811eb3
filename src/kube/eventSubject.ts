// The object an Event is about, as the views that show one object's events name it, and the
// LIST kubectl describe sends for them (describe.go searchEvents → client-go's
// GetFieldSelector: involvedObject.kind, .name, .namespace and .uid, sorted as fields.Set
// prints them, in the object's namespace; every namespace for a cluster-scoped kind).
import { escapeFieldValue } from './fields/selector.js';
import type { Event } from './types.js';

export interface EventSubject {
  kind: string;
  /** '' for a cluster-scoped object. */
  namespace: string;
  name: string;
  uid?: string;
}

/** One key per subject (kind, namespace, name and uid): a recreated object of the same name is another subject. */
export function subjectKey(s: EventSubject): string {
  return `${s.kind}/${s.namespace}/${s.name}/${s.uid ?? ''}`;
}

/** The kind/namespace/name part of the key, as an event's involvedObject gives it (no uid). */
export function subjectObjectKey(kind: string, namespace: string | undefined, name: string | undefined): string {
  return `${kind}/${namespace ?? ''}/${name ?? ''}`;
}

/**
 * The LIST that finds a subject's events. A Node's events come from the controllers (its uid)
 * and from the kubelet (its name as uid), which kubectl finds with two searches; one search
 * without the uid finds both, and eventIsAbout keeps the two it means.
 */
export function subjectEventsQuery(s: EventSubject): { namespace: string | undefined; fieldSelector: string } {
  const fields: [string, string][] = [
    ['involvedObject.kind', s.kind],
    ['involvedObject.name', s.name],
    ['involvedObject.namespace', s.namespace],
  ];
  if (s.uid && s.kind !== 'Node') fields.push(['involvedObject.uid', s.uid]);
  return { namespace: s.namespace === '' ? undefined : s.namespace, fieldSelector: fields.map(([k, v]) => `${k}=${escapeFieldValue(v)}`).join(',') };
}

/**
 * True when the event is about the subject: same kind, name and namespace (a Pod's event
 * without an involvedObject.namespace takes its own), and the subject's uid when the event
 * names one (for a Node also its name, the kubelet's uid for it).
 */
export function eventIsAbout(ev: Event, s: EventSubject): boolean {
  const io = ev.involvedObject;
  if (!io || io.kind !== s.kind || io.name !== s.name) return false;
  const ns = io.kind === 'Pod' ? (io.namespace ?? ev.metadata?.namespace) : io.namespace;
  if ((ns ?? '') !== s.namespace) return false;
  if (!s.uid || !io.uid) return true;
  return io.uid === s.uid || (s.kind === 'Node' && io.uid === s.name);
}

/** The subject of an object (of `kind`) by its metadata. */
export function subjectOf(kind: string, meta: { namespace?: string | null; name?: string | null; uid?: string | null } | undefined): EventSubject {
  return { kind, namespace: meta?.namespace ?? '', name: meta?.name ?? '', uid: meta?.uid ?? undefined };
}
