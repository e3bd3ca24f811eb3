// `podscope events [-n NS | -A] [--for pod/NAME] [--follow]`, printed as `kubectl events`
// prints (kubectl pkg/cmd/events): its own columns, not `kubectl get events`' — LAST SEEN
// with "(xN over …)", OBJECT as Kind/name — sorted by Go's sort.Sort on the event time.
import { eventAge } from '../kube/describe/events.js';
import { goSort } from '../kube/describe/goSort.js';
import { GET_TABS, tabwrite } from '../kube/tabwriter.js';
import type { Event } from '../kube/types.js';
import type { ClusterSource } from '../source/types.js';
import type { CliIo } from './io.js';

export interface EventsOptions {
  namespace: string | undefined;
  /** `pod/NAME` (the kind may be omitted). */
  forObject?: string;
  follow: boolean;
  /** Resolves when a follow should end (SIGINT); default never. */
  until?: Promise<void>;
}

function eventLine(ev: Event, now: number, allNamespaces: boolean): string {
  const object = `${ev.involvedObject?.kind ?? ''}/${ev.involvedObject?.name ?? ''}`;
  const cells = [eventAge(ev, now), ev.type ?? '', ev.reason ?? '', object, (ev.message ?? '').trim()];
  if (allNamespaces) cells.unshift(ev.metadata?.namespace ?? '');
  return cells.join('\t');
}

/** kubectl events' sort key: series.lastObservedTime, else lastTimestamp, else eventTime (unset: Go's zero time). */
function sortTimeMs(ev: Event): number {
  const t = ev.series?.lastObservedTime ?? ev.lastTimestamp ?? ev.eventTime;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** sort.Sort(SortableEvents): not stable, so ties land where Go's pdqsort puts them. */
function sortLikeKubectl(events: readonly Event[]): Event[] {
  const keyed = events.map((e) => ({ e, t: sortTimeMs(e) }));
  goSort(keyed, (a, b) => a.t < b.t);
  return keyed.map((k) => k.e);
}

function header(allNamespaces: boolean): string {
  return `${allNamespaces ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE`;
}

function forSelector(forObject: string | undefined): string | undefined {
  if (!forObject) return undefined;
  const [kind, name] = forObject.includes('/') ? forObject.split('/', 2) : ['pod', forObject];
  const k = (kind ?? '').toLowerCase();
  const kindName = k === 'pod' || k === 'pods' || k === 'po' ? 'Pod' : kind;
  return `involvedObject.kind=${kindName},involvedObject.name=${name}`;
}

export async function eventsCommand(source: ClusterSource, opts: EventsOptions, io: CliIo): Promise<number> {
  const all = opts.namespace === undefined;
  const fieldSelector = forSelector(opts.forObject);
  const events = sortLikeKubectl(await source.listEvents({ namespace: opts.namespace, fieldSelector }));
  if (events.length === 0 && !opts.follow) {
    io.stderr.write(all ? 'No events found.\n' : `No events found in ${opts.namespace} namespace.\n`);
    return 0;
  }
  const now = source.now();
  const lines = [header(all), ...events.map((e) => eventLine(e, now, all))];
  io.stdout.write(tabwrite(`${lines.join('\n')}\n`, GET_TABS));
  if (!opts.follow) return 0;
  const seen = new Set(events.map((e) => `${e.metadata?.uid}/${e.metadata?.resourceVersion}`));
  const match = (ev: Event): boolean => {
    if (!opts.forObject) return true;
    const sel = fieldSelector!;
    const name = /involvedObject\.name=([^,]+)/.exec(sel)?.[1];
    return ev.involvedObject?.name === name;
  };
  const sub = source.watchEvents({ namespace: opts.namespace }, (batch) => {
    const t = source.now();
    for (const d of batch) {
      if (d.type === 'RESET' || d.type === 'DELETED') continue;
      const key = `${d.object.metadata?.uid}/${d.object.metadata?.resourceVersion}`;
      if (seen.has(key) || !match(d.object)) continue;
      seen.add(key);
      // kubectl flushes its tabwriter after every watched event: each row is aligned on its own.
      io.stdout.write(tabwrite(`${eventLine(d.object, t, all)}\n`, GET_TABS));
    }
  });
  await (opts.until ?? new Promise<void>(() => undefined));
  sub.stop();
  return 0;
}
