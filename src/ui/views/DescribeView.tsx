// `d`: kubectl describe pod, recomputed from the live cache each frame it is shown.
import { describePod } from '../../kube/describe/describePod.js';
import type { AppState } from '../../state/appState.js';
import { TextView } from './TextView.js';

export function describeLines(app: AppState): string[] {
  const pod = app.focusedPod();
  if (!pod) return ['<no pod>'];
  if (!app.focusWholeHeld()) return [app.focusNotice()];
  const meta = pod.metadata ?? {};
  const events = app.events.forPod(meta.namespace ?? '', meta.name ?? '', meta.uid);
  return describePod(pod, events, app.source.now()).replace(/\n$/, '').split('\n');
}

export function DescribeView({ app, height }: { app: AppState; height: number }) {
  return <TextView app={app} lines={describeLines(app)} height={height} scrollKey="describe" />;
}
