// A TimelineRecorder fed straight from a simulator's store watches, each delta stamped with
// the simulated instant it happened (the store's watch is synchronous), so a timeline can be
// compared with the kubelet's exact times.
import type { Event, Pod } from '../../../../src/kube/types.js';
import type { Simulator } from '../../../../src/sim/engine.js';
import { TimelineRecorder } from '../../../../src/state/timeline/recorder.js';
import { timelineLines, timelineRows } from '../../../../src/state/timeline/render.js';

export interface Recording {
  recorder: TimelineRecorder;
  /** The pod's timeline as the view and the headless command print it (uids shown as UID). */
  lines(name: string): string[];
}

export function recordSimulator(sim: Simulator): Recording {
  const recorder = new TimelineRecorder();
  const pods = new Map<string, Pod>();
  const byName = new Map<string, string>();
  sim.store.watch('Pod', {}, (ev) => {
    if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED' && ev.type !== 'DELETED') return;
    const pod = ev.object as Pod;
    const uid = pod.metadata!.uid!;
    recorder.applyPods([{ type: ev.type, object: pod }], (u) => pods.get(u), sim.clock.now());
    pods.set(uid, pod);
    byName.set(pod.metadata!.name!, uid);
  });
  sim.store.watch('Event', {}, (ev) => {
    if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED') return;
    recorder.applyEvents([{ type: ev.type, object: ev.object as Event }], (u) => pods.get(u), sim.clock.now());
  });
  return {
    recorder,
    lines: (name) => {
      const uid = byName.get(name)!;
      const entries = recorder.entries(uid, pods.get(uid), [], sim.clock.now());
      return timelineLines(timelineRows(entries)).map((l) => l.replaceAll(uid, 'UID'));
    },
  };
}
