// The title of a resource view: the path that led here, as crumbs (`Pods(all) › replicaset
// default/web-5d8 › deployment default/web › pods of deployment default/web[3]`).
import { entryOf } from '../../kube/catalog/index.js';
import type { AppState, ViewId } from '../../state/appState.js';
import type { Frame, ListFrame } from '../../state/navigation.js';

const nsLabel = (ns: string | undefined): string => (ns === undefined ? 'all' : ns);

function listCrumb(frame: ListFrame): string {
  const e = entryOf(frame.table.kind);
  if (frame.spec.crumb) return frame.spec.crumb;
  if (frame.spec.only) return `${e.singular} ${frame.spec.only.namespace ? `${frame.spec.only.namespace}/` : ''}${frame.spec.only.name}`;
  const kind = e.kind === 'Pod' ? 'Pods' : `${e.kind}s`.replace(/ss$/, 'sses');
  return e.namespaced ? `${kind}(${nsLabel(frame.spec.namespace)})` : kind;
}

function frameCrumb(frame: Frame): string {
  if (frame.type === 'list') return listCrumb(frame);
  const m = frame.last.metadata ?? {};
  return `${frame.mode} ${entryOf(frame.kind).singular} ${m.namespace ? `${m.namespace}/` : ''}${m.name ?? ''}`;
}

function viewCrumb(app: AppState, view: ViewId): string {
  switch (view) {
    case 'pods':
      return `Pods(${nsLabel(app.namespace)})`;
    case 'pod':
      return 'pod';
    case 'events':
      return `Events(${nsLabel(app.namespace)})`;
    default:
      return view;
  }
}

/** What the last crumb adds about the list in front: [count], the filter, faulty, wide, marks. */
function listDetails(frame: ListFrame): string {
  const t = frame.table;
  const filtered = t.filter.kind !== 'none' || t.faulty;
  const count = filtered ? `[${t.visibleCount}/${t.size}]` : `[${t.size}]`;
  const filter = t.filter.kind === 'none' ? '' : ` </${t.filter.query}>`;
  const { marked, hidden } = t.markCounts();
  const marks = marked === 0 ? '' : ` ${marked} marked${hidden > 0 ? ` (${hidden} hidden by the filter, not deleted)` : ''}`;
  return `${count}${filter}${t.faulty ? ' faulty' : ''}${frame.wide ? ' wide' : ''}${marks}`;
}

export function resourceTitle(app: AppState): string {
  const crumbs: string[] = [];
  let n = 0;
  for (const view of app.viewStack) {
    if (view === 'resource') {
      const f = app.nav.frameAt(n++);
      crumbs.push(f ? frameCrumb(f) : 'resource');
    } else crumbs.push(viewCrumb(app, view));
  }
  const top = app.nav.current();
  const details = top?.type === 'list' ? listDetails(top) : top?.type === 'text' && app.nav.textGone(top) ? ' (deleted)' : '';
  return `${crumbs.join(' › ')}${details}${app.nav.canGoForward ? '  ] forward' : ''}`;
}
