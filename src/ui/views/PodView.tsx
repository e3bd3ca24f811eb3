// Enter on a pod: why it is not ready, phase & conditions, containers, events, volumes/services/node and timeline panes; Tab moves the focus.
import { Box, Text } from 'ink';
import type { AppState, PodPane } from '../../state/appState.js';
import { theme } from '../theme.js';
import { cut, fit } from '../text.js';
import { PANE_STICKY_LINES, paneMaxScroll, podViewHeights } from './podLayout.js';
import { containerLines, phaseLines, podEventLines } from './podPanes.js';
import { TIMELINE_PANE_ENTRIES, timelinePaneLines } from './timelineLines.js';
import { whyLines, whyTitle } from './whyPane.js';
import { eventsPaneNotice } from './eventsNotice.js';
import { worldLines } from './podWorldPane.js';

const TITLES: Record<PodPane, string> = { why: 'Why not ready?', phase: 'Phase & conditions', containers: 'Containers', events: 'Events', world: 'Volumes, Services & Node', timeline: `Timeline (last ${TIMELINE_PANE_ENTRIES}; t: all)` };

function Pane({ app, pane, lines, height, title: heading }: { app: AppState; pane: PodPane; lines: string[]; height: number; title?: string }) {
  const focused = app.podPane === pane;
  const sticky = lines.slice(0, Math.min(PANE_STICKY_LINES[pane], height - 1));
  const rest = lines.slice(sticky.length);
  const top = Math.min(app.scrollOffset(`pod:${pane}`), paneMaxScroll(lines.length, height));
  const body = [...sticky, ...rest.slice(top, top + height - 1 - sticky.length)].map((l) => cut(l, app.columns));
  const below = rest.length - top - (body.length - sticky.length);
  const more = [top > 0 ? `↑ ${top} more` : '', below > 0 ? `↓ ${below} more` : ''].filter((s) => s !== '').join('  ');
  const title = fit(`${focused ? '▸' : ' '} ${heading ?? TITLES[pane]}${more ? `  ${more}${focused ? '' : ' (Tab to this pane, then ↑ ↓)'}` : ''}`, app.columns);
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate">{focused ? theme.selected(title) : theme.header(title)}</Text>
      <Text>{body.join('\n')}</Text>
    </Box>
  );
}

export function paneLengths(panes: Readonly<Record<PodPane, readonly string[]>>): Record<PodPane, number> {
  return { why: panes.why.length, phase: panes.phase.length, containers: panes.containers.length, events: panes.events.length, world: panes.world.length, timeline: panes.timeline.length };
}

/** The lines of each pane for the focused pod (undefined with no pod). */
export function podPaneLines(app: AppState): Record<PodPane, string[]> | undefined {
  const pod = app.focusedPod();
  if (!pod || !app.focusWholeHeld()) return undefined;
  const now = app.source.now();
  const width = app.columns;
  const meta = pod.metadata ?? {};
  // The pod's whole event list, LISTed when the view opened; a notice while it is not in.
  const shown = app.subjectEvents(app.podSubject(pod));
  const notice = eventsPaneNotice(shown);
  // (A list still loading has no events: its notice alone.)
  const eventLines = notice === undefined ? podEventLines(shown.events, now, width) : [notice, ...(shown.events.length > 0 ? podEventLines(shown.events, now, width) : [])];
  return { why: whyLines(app.diagnosis.forFocused(pod), width, app.podPane === 'why'), phase: phaseLines(pod, now, width, meta.uid === undefined ? undefined : app.pods.deletionSeenAt(meta.uid)), containers: containerLines(pod, now, width), events: eventLines, world: worldLines(pod, app.podWorld, now, width), timeline: timelinePaneLines(app) };
}

export function PodView({ app, height }: { app: AppState; height: number }) {
  if (app.focusedPod() && !app.focusWholeHeld()) return <Text>{app.focusNotice()}</Text>;
  const panes = podPaneLines(app);
  if (!panes) return <Text>{'<no pod>'}</Text>;
  const h = podViewHeights(paneLengths(panes), height, app.podPane);
  return (
    <Box flexDirection="column" height={height}>
      <Pane app={app} pane="why" lines={panes.why} height={h.why} title={whyTitle(app.diagnosis.forFocused(app.focusedPod()!), app.podPane === 'why')} />
      <Pane app={app} pane="phase" lines={panes.phase} height={h.phase} />
      <Pane app={app} pane="containers" lines={panes.containers} height={h.containers} />
      <Pane app={app} pane="events" lines={panes.events} height={h.events} />
      {h.world > 0 ? <Pane app={app} pane="world" lines={panes.world} height={h.world} /> : null}
      {h.timeline > 0 ? <Pane app={app} pane="timeline" lines={panes.timeline} height={h.timeline} /> : null}
    </Box>
  );
}
