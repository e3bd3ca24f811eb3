// The one place views are registered: which component draws each view and its title.
// Keymaps are registered beside them in keymap.ts (VIEW_KEYMAPS).
import type { FunctionComponent } from 'react';
import type { AppState, ViewId } from '../../state/appState.js';
import { DescribeView } from './DescribeView.js';
import { EventsView } from './EventsView.js';
import { EventView } from './EventView.js';
import { HelpView } from './HelpView.js';
import { LogsView, logTitle } from './LogsView.js';
import { PodListView, stale } from './PodListView.js';
import { PodView } from './PodView.js';
import { resourceTitle } from './crumbs.js';
import { ResourceView } from './ResourceView.js';
import type { ViewProps } from './viewProps.js';
import { YamlView } from './YamlView.js';
import { TimelineView } from './TimelineView.js';
import { ShellView, shellTitle } from './ShellView.js';
import { ForwardsView } from './ForwardsView.js';

export type { ViewProps } from './viewProps.js';

export interface ViewEntry {
  component: FunctionComponent<ViewProps>;
  title: (app: AppState) => string;
}

const podName = (app: AppState): string => {
  const p = app.focusedPod();
  const name = `${p?.metadata?.namespace ?? ''}/${p?.metadata?.name ?? ''}`;
  return app.focusGone() ? `${name} (deleted)` : name;
};
/** ` 3 marked (1 hidden)`: marks are what a delete acts on, so they are always counted. */
const markLabel = (app: AppState): string => {
  const { marked, hidden } = app.pods.markCounts();
  if (marked === 0) return '';
  return ` ${marked} marked${hidden > 0 ? ` (${hidden} hidden by the filter, not deleted)` : ''}`;
};
const nsLabel = (app: AppState): string => (app.namespace === undefined ? 'all' : app.namespace);

export const VIEWS: Record<ViewId, ViewEntry> = {
  pods: {
    component: PodListView,
    title: (app) => {
      const t = app.pods;
      // While the filter is still finding its rows (after a keystroke), the count so far and a `+`.
      const shown = t.countComplete ? `${t.shownSoFar}` : `${t.shownSoFar}+`;
      const count = t.filter.kind === 'none' && !t.faulty ? `${t.size}` : `${shown}/${t.size}`;
      const filter = t.filter.kind === 'none' ? '' : ` </${t.filter.query}>`;
      return `Pods(${nsLabel(app)})[${count}]${filter}${t.faulty ? ' faulty' : ''}${markLabel(app)}${stale(app) ? '  (stale: last known state, reconnecting)' : ''}`;
    },
  },
  pod: { component: PodView, title: (app) => `Pod ${podName(app)}` },
  describe: { component: DescribeView, title: (app) => `Describe ${podName(app)}` },
  yaml: { component: YamlView, title: (app) => `YAML ${podName(app)}` },
  events: {
    component: EventsView,
    title: (app) => {
      const f = app.events.filter ? ` </${app.events.filter}>` : '';
      // While the LIST of every event is on its way the count is what the background store kept.
      return `Events(${nsLabel(app)})[${app.events.visibleCount}${app.events.filling ? ', listing the rest…' : ''}]${f}${app.events.follow ? ' follow' : ' paused'}`;
    },
  },
  event: {
    component: EventView,
    title: (app) => {
      const io = app.focusEventUid === undefined ? undefined : (app.events.get(app.focusEventUid) ?? app.focusEventLast)?.involvedObject;
      return `Event about ${(io?.kind ?? '').toLowerCase()}/${io?.name ?? ''}`;
    },
  },
  help: { component: HelpView, title: () => 'Help' },
  logs: { component: LogsView, title: logTitle },
  resource: { component: ResourceView, title: resourceTitle },
  timeline: {
    component: TimelineView,
    title: (app) => `Timeline ${podName(app)}${app.scrollOffset('timeline') === Number.MAX_SAFE_INTEGER ? ' follow' : ' paused'}`,
  },
  shell: { component: ShellView, title: shellTitle },
  forwards: { component: ForwardsView, title: (app) => `PortForwards[${app.forwards.size}]` },
};
