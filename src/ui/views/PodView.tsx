// Enter on a pod: phase & conditions, containers, events, and volumes/services/node panes; Tab moves the focus.
import { Box, Text } from 'ink';
import type { AppState, PodPane } from '../../state/appState.js';
import { theme } from '../theme.js';
import { cut, fit } from '../text.js';
import { PANE_STICKY_LINES, paneMaxScroll, podPaneHeights } from './podLayout.js';
import { containerLines, phaseLines, podEventLines } from './podPanes.js';
import { worldLines } from './podWorldPane.js';

const TITLES: Record<PodPane, string> = { phase: 'Phase & conditions', containers: 'Containers', world: 'Volumes, Services & Node', events: 'Events' };

function Pane({ app, pane, lines, height }: { app: AppState; pane: PodPane; lines: string[]; height: number }) {
  const focused = app.podPane === pane;
  const sticky = lines.slice(0, Math.min(PANE_STICKY_LINES[pane], height - 1));
  const rest = lines.slice(sticky.length);
  const top = Math.min(app.scrollOffset(`pod:${pane}`), paneMaxScroll(lines.length, height));
  const body = [...sticky, ...rest.slice(top, top + height - 1 - sticky.length)].map((l) => cut(l, app.columns));
  const below = rest.length - top - (body.length - sticky.length);
  const more = [top > 0 ? `↑ ${top} more` : '', below > 0 ? `↓ ${below} more` : ''].filter((s) => s !== '').join('  ');
  const title = fit(`${focused ? '▸' : ' '} ${TITLES[pane]}${more ? `  ${more}${focused ? '' : ' (Tab to this pane, then ↑ ↓)'}` : ''}`, app.columns);
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate">{focused ? theme.selected(title) : theme.header(title)}</Text>
      <Text>{body.join('\n')}</Text>
    </Box>
  );
}

export function paneLengths(panes: Readonly<Record<PodPane, readonly string[]>>): Record<PodPane, number> {
  return { phase: panes.phase.length, containers: panes.containers.length, world: panes.world.length, events: panes.events.length };
}

/** The lines of each pane for the focused pod (undefined with no pod). */
export function podPaneLines(app: AppState): Record<PodPane, string[]> | undefined {
  const pod = app.focusedPod();
  if (!pod) return undefined;
  const now = app.source.now();
  const width = app.columns;
  const meta = pod.metadata ?? {};
  const events = app.events.forPod(meta.namespace ?? '', meta.name ?? '', meta.uid);
  return { phase: phaseLines(pod, now, width, meta.uid === undefined ? undefined : app.pods.deletionSeenAt(meta.uid)), containers: containerLines(pod, now, width), world: worldLines(pod, app.podWorld, now, width), events: podEventLines(events, now, width) };
}

export function PodView({ app, height }: { app: AppState; height: number }) {
  const panes = podPaneLines(app);
  if (!panes) return <Text>{'<no pod>'}</Text>;
  const h = podPaneHeights(paneLengths(panes), height);
  return (
    <Box flexDirection="column" height={height}>
      <Pane app={app} pane="phase" lines={panes.phase} height={h.phase} />
      <Pane app={app} pane="containers" lines={panes.containers} height={h.containers} />
      <Pane app={app} pane="events" lines={panes.events} height={h.events} />
      <Pane app={app} pane="world" lines={panes.world} height={h.world} />
    </Box>
  );
}
