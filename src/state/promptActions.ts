// The `/` filter and `:` command prompts, as functions over the part of the app they need
// (PromptHost, which AppState is). The prompt keymap calls them directly.
import type { ClusterSource } from '../source/types.js';
import { errorText } from '../kube/errorText.js';
import type { EventTable } from './eventTable.js';
import type { LogViewState } from './logViewState.js';
import type { Navigation } from './navigation.js';
import { currentList, openKind } from './resourceActions.js';
import { openPicker, type PickerHost } from './pickerActions.js';
import type { PodTable } from './podTable.js';
import type { Prompt, PromptKind, StatusLine, ViewId } from './viewTypes.js';

/** What the prompt actions read and change: the app, seen from the prompt. */
export interface PromptHost extends PickerHost {
  readonly view: ViewId;
  readonly pods: PodTable;
  readonly events: EventTable;
  readonly logs: LogViewState | undefined;
  readonly nav: Navigation;
  readonly namespace: string | undefined;
  readonly source: ClusterSource;
  prompt: Prompt | undefined;
  setStatus(text: string, level?: StatusLine['level']): void;
  changed(): void;
  track(p: Promise<unknown>): void;
  switchRoot(view: ViewId): void;
  switchNamespace(ns: string | undefined): void;
  switchContext(name: string): void;
  quit(): void;
}

export function openPrompt(app: PromptHost, kind: PromptKind): void {
  const list = currentList(app);
  const text = kind !== 'filter' ? '' : app.view === 'events' ? app.events.filter : app.view === 'logs' ? (app.logs?.pattern?.text ?? '') : list ? list.table.filter.query : app.pods.filter.query;
  app.prompt = { kind, text };
  app.changed();
}

export function editPrompt(app: PromptHost, text: string): void {
  if (!app.prompt) return;
  app.prompt = { ...app.prompt, text };
  if (app.prompt.kind === 'filter') applyFilter(app, text);
  app.changed();
}

/** The filter of the view in front: the event tail's or the pod list's. */
function applyFilter(app: PromptHost, text: string): void {
  const list = currentList(app);
  if (app.view === 'events') app.events.setFilter(text);
  else if (app.view === 'logs') app.logs?.setPattern(text);
  else if (list) {
    list.table.setFilter(text);
    const err = list.table.filter.error;
    if (err) app.setStatus(err, 'error');
  } else {
    app.pods.setFilter(text);
    const err = app.pods.filter.error;
    if (err) app.setStatus(err, 'error');
  }
}

/** Enter: a filter stays applied; a command runs. */
export function submitPrompt(app: PromptHost): void {
  const p = app.prompt;
  app.prompt = undefined;
  if (p?.kind === 'command') runCommand(app, p.text);
  if (p?.kind === 'input') p.submit?.(p.text);
  app.changed();
}

/** Esc in the prompt: a filter is cleared, a command dropped. */
export function cancelPrompt(app: PromptHost): void {
  const p = app.prompt;
  app.prompt = undefined;
  if (p?.kind === 'filter') applyFilter(app, '');
  app.changed();
}

export function clearFilter(app: PromptHost): void {
  applyFilter(app, '');
  app.changed();
}

export function hasFilter(app: PromptHost): boolean {
  if (app.view === 'logs') return app.logs?.pattern !== undefined;
  const list = currentList(app);
  if (list) return list.table.filter.kind !== 'none';
  return app.view === 'events' ? app.events.filter !== '' : app.pods.filter.kind !== 'none';
}

export function runCommand(app: PromptHost, text: string): void {
  const [cmd = '', arg] = text.trim().replace(/^:/, '').split(/\s+/);
  switch (cmd) {
    case 'pods':
    case 'pod':
    case 'po':
      app.switchRoot('pods');
      return;
    case 'events':
    case 'event':
    case 'ev':
      app.switchRoot('events');
      return;
    case 'ns':
    case 'namespace':
      if (arg === 'all' || arg === '-A') app.switchNamespace(undefined);
      else if (arg) switchToListedNamespace(app, arg);
      else openPicker(app, 'ns');
      return;
    case 'ctx':
    case 'context':
      if (arg) app.switchContext(arg);
      else openPicker(app, 'ctx');
      return;
    case 'q':
    case 'quit':
    case 'q!':
      app.quit();
      return;
    case '':
      return;
    default:
      if (openKind(app, cmd)) return;
      // Neither a command nor a kind the catalog has; `?` lists the kinds (the `:` binding).
      app.setStatus(`unknown command ":${cmd}" (try :pods :events :ns :ctx :q)`, 'error');
  }
}

/**
 * `:ns NAME`: only a namespace the source lists. A source that may not list namespaces
 * answers with just the context's namespace; then the switch is allowed with a warning.
 */
function switchToListedNamespace(app: PromptHost, ns: string): void {
  app.track(
    app.source.listNamespaces().then(
      (names) => {
        if (names.includes(ns)) return app.switchNamespace(ns);
        const listingForbidden = names.length === 1 && names[0] === app.source.defaultNamespace();
        if (!listingForbidden) return app.setStatus(`namespace "${ns}" not found`, 'error');
        app.switchNamespace(ns);
        app.setStatus(`namespace ${ns} (not checked: namespaces cannot be listed with these credentials)`, 'warning');
      },
      (err: unknown) => app.setStatus(`cannot list namespaces: ${errorText(err)}`, 'error'),
    ),
  );
}

/**
 * `-n NS` at start-up: the same check as `:ns NS`, but the watch stays (the namespace may be
 * created later, and kubectl watches a missing namespace too); the status line says so.
 */
export function noteMissingNamespace(app: PromptHost, ns: string): void {
  app.track(
    app.source.listNamespaces().then(
      (names) => {
        const listingForbidden = names.length === 1 && names[0] === app.source.defaultNamespace();
        if (names.includes(ns) || listingForbidden) return;
        app.setStatus(`namespace "${ns}" not found: watching it anyway, its pods appear if it is created`, 'warning');
      },
      () => undefined, // a source that cannot list namespaces reports its own connection errors
    ),
  );
}
