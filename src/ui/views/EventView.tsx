// Enter in the events view: one event whole; `o` opens the pod it is about.
import type { AppState } from '../../state/appState.js';
import { focusedEvent } from '../../state/eventActions.js';
import { eventDetailLines } from './eventDetail.js';
import { TextView } from './TextView.js';

export function eventViewLines(app: AppState): string[] {
  const ev = focusedEvent(app);
  if (!ev) return ['<no event>'];
  const expired = app.focusEventUid !== undefined && !app.events.get(app.focusEventUid);
  return eventDetailLines(ev, app.source.now(), app.columns, expired);
}

export function EventView({ app, height }: { app: AppState; height: number }) {
  return <TextView app={app} lines={eventViewLines(app)} height={height} scrollKey="event" />;
}
