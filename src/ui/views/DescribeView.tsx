// `d`: kubectl describe pod, recomputed from the live cache each frame it is shown.
import { describePod } from '../../kube/describe/describePod.js';
import type { AppState } from '../../state/appState.js';
import { withEventsNotice } from './eventsNotice.js';
import { TextView } from './TextView.js';

export function describeLines(app: AppState): string[] {
  const pod = app.focusedPod();
  if (!pod) return ['<no pod>'];
  if (!app.focusWholeHeld()) return [app.focusNotice()];
  // The pod's whole event list, LISTed when describe opened (as kubectl describe asks for it).
  const shown = app.subjectEvents(app.podSubject(pod));
  return withEventsNotice(describePod(pod, shown.events, app.source.now()).replace(/\n$/, '').split('\n'), shown);
}

export function DescribeView({ app, height }: { app: AppState; height: number }) {
  return <TextView app={app} lines={describeLines(app)} height={height} scrollKey="describe" />;
}
