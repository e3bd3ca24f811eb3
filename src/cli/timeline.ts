// `podscope timeline pod NAME [-n NS] [--follow]`: the pod's timeline as the `t` view shows
// it — seeded from what its status and events say now, then (with --follow) each change as
// the watch brings it, until the pod is gone or Ctrl-C.
import type { Event, Pod } from '../kube/types.js';
import type { ClusterSource, Delta, DeltaBatch } from '../source/types.js';
import { TimelineRecorder } from '../state/timeline/recorder.js';
import { timelineHeading, timelineLines, timelineRows } from '../state/timeline/render.js';
import type { CliIo } from './io.js';

export interface TimelineOptions {
  namespace: string;
  pod: string;
  follow: boolean;
  /** Resolves when a follow should end (SIGINT); default never. */
  until?: Promise<void>;
}

export async function timelineCommand(source: ClusterSource, opts: TimelineOptions, io: CliIo): Promise<number> {
  const pod = await source.getPod(opts.namespace, opts.pod);
  if (!pod) {
    io.stderr.write(`Error from server (NotFound): pods "${opts.pod}" not found\n`);
    return 1;
  }
  const uid = pod.metadata?.uid ?? '';
  const events = await source.listEvents({
    namespace: opts.namespace,
    fieldSelector: `involvedObject.name=${opts.pod},involvedObject.namespace=${opts.namespace},involvedObject.uid=${uid}`,
  });
  const recorder = new TimelineRecorder({ maxPods: 1 });
  const printed = new Set<number>();
  const print = (current: Pod | undefined, known: readonly Event[]): void => {
    const entries = recorder.entries(uid, current, known, source.now());
    const rows = timelineLines(timelineRows(entries));
    entries.forEach((e, i) => {
      if (printed.has(e.seq)) return;
      printed.add(e.seq);
      io.stdout.write(`${rows[i]}\n`);
    });
  };
  const entries = recorder.entries(uid, pod, events, source.now());
  io.stdout.write(`Timeline of pod ${opts.namespace}/${opts.pod}, ${timelineHeading(entries, 0)}\n`);
  print(pod, events);
  if (!opts.follow) return 0;

  let last: Pod | undefined = pod;
  let gone!: () => void;
  const ended = new Promise<void>((resolve) => (gone = resolve));
  const ours = (p: Pod): boolean => p.metadata?.uid === uid;
  const onPods = (batch: DeltaBatch<Pod>): void => {
    const mine: Delta<Pod>[] = [];
    for (const d of batch) {
      if (d.type === 'RESET') mine.push({ type: 'RESET', objects: d.objects.filter(ours) });
      else if (ours(d.object)) mine.push(d);
    }
    recorder.applyPods(mine, () => last, source.now());
    for (const d of mine) {
      if (d.type === 'RESET') last = d.objects[0] ?? last;
      else last = d.object;
      if (d.type === 'DELETED') gone();
    }
    print(last, []);
  };
  const onEvents = (batch: DeltaBatch<Event>): void => {
    recorder.applyEvents(batch, () => last, source.now());
    print(last, []);
  };
  const subs = [source.watchPods({ namespace: opts.namespace }, onPods), source.watchEvents({ namespace: opts.namespace }, onEvents)];
  await Promise.race([opts.until ?? new Promise<void>(() => undefined), ended]);
  for (const s of subs) s.stop();
  return 0;
}
