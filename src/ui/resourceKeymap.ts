// The keys of the resource views (lists of any kind, one object's describe/YAML), the
// navigation keys every view shares (shift-j owner, o node, [ ] history, c/n copy, ctrl-s
// save, ctrl-w wide, ctrl-z faulty), and the scale/restart confirmation.
import type { AppState } from '../state/appState.js';
import { eraseDigit, moveFocus, typeDigit } from '../state/confirmDialog.js';
import type { TextFrame } from '../state/navigation.js';
import * as prompts from '../state/promptActions.js';
import * as res from '../state/resourceActions.js';
import { podTableRows } from '../state/tableCsv.js';
import { errorText } from '../kube/errorText.js';
import { entryOf } from '../kube/catalog/index.js';
import { copyToClipboard } from './clipboard.js';
import type { KeyContext, Keymap } from './keymapTypes.js';
import { bodyHeight } from './layout.js';
import { saveCsv } from './saveTable.js';
import { listTitles, rowCells, textLines } from './views/resourceLines.js';

const READONLY_REASON = 'read-only mode (--readonly): podscope never changes the cluster';
const page = (app: AppState): number => bodyHeight(app.rows);

const list = (app: AppState) => res.currentList(app);
const text = (app: AppState): TextFrame | undefined => {
  const f = app.nav.current();
  return f?.type === 'text' ? f : undefined;
};

const hasRow = ({ app }: KeyContext): true | string => (list(app)?.table.selected() ? true : 'nothing selected');
const inList = ({ app }: KeyContext): true | string => (list(app) ? true : 'only in a list');
const writableRow = (ctx: KeyContext): true | string => (ctx.app.readonly ? READONLY_REASON : hasRow(ctx));

/** Up/down move the cursor in a list and scroll a text. */
function move(app: AppState, delta: number): void {
  const l = list(app);
  if (l) l.table.moveBy(delta);
  const t = text(app);
  if (t) t.scroll.by(delta, Math.max(0, textLines(app, t).length - page(app)));
  app.changed();
}

function moveTo(app: AppState, end: 'top' | 'bottom'): void {
  const l = list(app);
  if (l) l.table.moveTo(end === 'top' ? 0 : Number.MAX_SAFE_INTEGER);
  else move(app, end === 'top' ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER);
  app.changed();
}

export const RESOURCE_KEYMAP: Keymap = {
  name: 'resources',
  bindings: [
    { keys: ['up', 'k'], action: 'up', description: 'previous row / scroll up', run: (a) => move(a, -1) },
    { keys: ['down', 'j'], action: 'down', description: 'next row / scroll down', run: (a) => move(a, 1) },
    { keys: ['pgup'], action: 'pageUp', description: 'page up', run: (a) => move(a, -page(a)) },
    { keys: ['pgdn'], action: 'pageDown', description: 'page down', run: (a) => move(a, page(a)) },
    { keys: ['g', 'home'], action: 'top', description: 'first row / top', run: (a) => moveTo(a, 'top') },
    { keys: ['G', 'end'], action: 'bottom', description: 'last row / bottom', run: (a) => moveTo(a, 'bottom') },
    { keys: ['enter'], action: 'open', description: "a workload's, node's or service's pods; a pod's view", hint: true, enabled: hasRow, run: (a) => res.enter(a) },
    { keys: ['d'], action: 'describe', description: 'describe (kubectl describe)', hint: true, enabled: hasRow, run: (a) => res.openText(a, 'describe') },
    { keys: ['y'], action: 'yaml', description: 'the object as YAML', hint: true, enabled: hasRow, run: (a) => res.openText(a, 'yaml') },
    { keys: ['/'], action: 'filter', description: 'filter: text or regex, !inverse, -l label selector, -f fuzzy', hint: true, enabled: inList, run: (a) => prompts.openPrompt(a, 'filter') },
    {
      keys: ['esc'],
      action: 'back',
      description: 'clear the filter, else back',
      hint: true,
      run: (a) => (list(a) && prompts.hasFilter(a) ? prompts.clearFilter(a) : a.back()),
    },
    { keys: ['q'], action: 'backOrQuit', description: 'back (quit when this is the top view)', run: (a) => (a.viewStack.length > 1 ? a.back() : a.quit()) },
    { keys: ['N'], action: 'sortName', description: 'sort by name (again: reverse)', enabled: inList, run: (a) => (list(a)!.table.toggleSort('name'), a.changed()) },
    { keys: ['A'], action: 'sortAge', description: 'sort by age (again: reverse)', enabled: inList, run: (a) => (list(a)!.table.toggleSort('age'), a.changed()) },
    { keys: ['space'], action: 'mark', description: 'mark / unmark the row', enabled: hasRow, run: (a) => (list(a)!.table.toggleMark(), list(a)!.table.moveBy(1), a.changed()) },
    {
      keys: ['ctrl-\\'],
      action: 'clearMarks',
      description: 'clear every mark (hidden ones too)',
      enabled: inList,
      run: (a) => {
        const n = list(a)!.table.marks.size;
        list(a)!.table.clearMarks();
        a.setStatus(n === 0 ? 'no marks to clear' : `${n} mark${n === 1 ? '' : 's'} cleared`);
      },
    },
    { keys: ['ctrl-d'], action: 'delete', description: 'delete the row (or the marked rows), with confirmation', hint: true, enabled: writableRow, run: (a) => res.openResourceDelete(a, false) },
    { keys: ['ctrl-k'], action: 'kill', description: 'delete with Force (grace 0)', enabled: writableRow, run: (a) => res.openResourceDelete(a, true) },
    { keys: ['s'], action: 'scale', description: 'scale (deployments, replicasets, statefulsets)', enabled: ({ app }) => res.canScale(app), run: (a) => res.openScale(a) },
    { keys: ['r'], action: 'restart', description: 'restart the rollout (kubectl rollout restart)', enabled: ({ app }) => res.canRestart(app), run: (a) => res.openRestart(a) },
    { keys: ['0'], action: 'allNamespaces', description: 'all namespaces', run: (a) => a.switchNamespace(undefined) },
    { keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], action: 'recentNamespace', description: 'the n-th most recent namespace', run: (a, key) => a.recentNamespace(Number(key)) },
    { keys: ['x'], action: 'decode', description: "a Secret's describe / YAML: show the values decoded (again: hide them)", enabled: onSecretText, run: (a) => toggleDecoded(a) },
  ],
};

/** x works in a Secret's describe or YAML view only. */
function onSecretText({ app }: KeyContext): true | string {
  return text(app)?.kind === 'Secret' ? true : "only in a Secret's describe or YAML view";
}

/** Decoded values stay on this screen: never in the status line, a log or a saved file. */
function toggleDecoded(app: AppState): void {
  const t = text(app)!;
  t.decoded = !t.decoded;
  app.setStatus(t.decoded ? 'secret values shown decoded (x hides them)' : 'secret values hidden');
}

// ---- keys every view shares --------------------------------------------------------

/** The name and namespace of what is selected: a list row, else the pod in front. */
function selectedIdentity(app: AppState): { name: string; namespace: string } | undefined {
  const row = list(app)?.table.selected();
  if (row) return { name: row.name, namespace: row.namespace };
  const pod = app.view === 'pods' ? app.pods.selected()?.pod : app.view === 'pod' || app.view === 'describe' || app.view === 'yaml' ? app.focusedPod() : undefined;
  const t = text(app);
  const meta = pod?.metadata ?? t?.last.metadata;
  return meta ? { name: meta.name ?? '', namespace: meta.namespace ?? '' } : undefined;
}

function copy(app: AppState, what: 'name' | 'namespace'): void {
  const id = selectedIdentity(app);
  if (!id) return app.setStatus('nothing selected to copy', 'warning');
  const value = id[what];
  if (value === '') return app.setStatus(`${id.name} has no namespace (cluster-scoped)`, 'warning');
  copyToClipboard(value);
  app.setStatus(`copied ${what} "${value}" to the clipboard (OSC 52)`);
}

function saveTable(app: AppState): void {
  const l = list(app);
  let rows: string[][];
  let what: string;
  if (l) {
    rows = [listTitles(l, app.metrics).map((t) => t.replace(/[↑↓]$/, '')), ...rowCells(l, l.table.all(), app.source.now(), app.metrics)];
    what = entryOf(l.table.kind).resource;
  } else if (app.view === 'pods') {
    rows = podTableRows(app.pods, app.source.now());
    what = 'pods';
  } else return app.setStatus('ctrl-s saves a list: the pod list or a resource list', 'warning');
  try {
    const path = saveCsv(rows, app.source.currentContext(), what);
    app.setStatus(`saved ${rows.length - 1} row${rows.length === 2 ? '' : 's'} as CSV to ${path}`);
  } catch (err) {
    app.setStatus(`could not save the table: ${errorText(err)}`, 'error');
  }
}

function toggleFaulty(app: AppState): void {
  const l = list(app);
  if (l) l.table.setFaulty(!l.table.faulty);
  else app.pods.setFaulty(!app.pods.faulty);
  const on = l ? l.table.faulty : app.pods.faulty;
  app.setStatus(on ? 'only faulty pods (not Running/Completed, or not all ready): ctrl-z again shows all' : 'all pods');
}

const onPodList = ({ app }: KeyContext): true | string =>
  app.view === 'pods' || list(app)?.table.kind === 'Pod' ? true : 'only on a list of pods';

export const NAV_KEYMAP: Keymap = {
  name: 'around',
  bindings: [
    { keys: ['J'], action: 'owner', description: "jump to the owner (a pod's ReplicaSet, a ReplicaSet's Deployment)", run: (a) => res.jumpToOwner(a) },
    { keys: ['o'], action: 'node', description: "jump to the pod's node", run: (a) => res.jumpToNode(a) },
    { keys: ['['], action: 'historyBack', description: 'back in history', run: (a) => a.back() },
    { keys: [']'], action: 'historyForward', description: 'forward in history', run: (a) => (a.nav.forward() ? undefined : a.setStatus('nothing to go forward to')) },
    { keys: ['c'], action: 'copyName', description: 'copy the name (OSC 52 clipboard)', run: (a) => copy(a, 'name') },
    { keys: ['n'], action: 'copyNamespace', description: 'copy the namespace (OSC 52 clipboard)', run: (a) => copy(a, 'namespace') },
    { keys: ['ctrl-s'], action: 'save', description: 'save the list as CSV', run: (a) => saveTable(a) },
    {
      keys: ['ctrl-w'],
      action: 'wide',
      description: 'wide columns (kubectl -o wide; the pod list adds WHY)',
      enabled: ({ app }) => (list(app) || app.view === 'pods' ? true : 'only in a list'),
      run: (a) => {
        const l = list(a);
        const wide = l ? (l.wide = !l.wide) : (a.pods.wide = !a.pods.wide);
        a.setStatus(wide ? 'wide columns' : 'normal columns');
      },
    },
    { keys: ['ctrl-z'], action: 'faulty', description: 'only faulty pods (again: all)', enabled: onPodList, run: (a) => toggleFaulty(a) },
  ],
};

// ---- the scale / restart confirmation -------------------------------------------------

export const CONFIRM_KEYMAP: Keymap = {
  name: 'confirm',
  bindings: [
    { keys: ['tab', 'right'], action: 'nextControl', description: 'next control', hint: 'next', run: (a) => ((a.nav.confirm = moveFocus(a.nav.confirm!, 1)), a.changed()) },
    { keys: ['shift-tab', 'left'], action: 'previousControl', description: 'previous control', run: (a) => ((a.nav.confirm = moveFocus(a.nav.confirm!, -1)), a.changed()) },
    {
      keys: ['enter'],
      action: 'activate',
      description: 'press the focused button',
      hint: 'press',
      run: (a) => {
        const d = a.nav.confirm!;
        if (d.focus === 'cancel') a.nav.confirm = undefined;
        else if (d.focus === 'field') a.nav.confirm = { ...d, focus: 'ok' };
        else res.confirmAction(a, d);
        a.changed();
      },
    },
    { keys: ['esc'], action: 'cancel', description: 'cancel', hint: true, run: (a) => ((a.nav.confirm = undefined), a.changed()) },
    { keys: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], action: 'typeDigit', description: 'edit the number', run: (a, key) => ((a.nav.confirm = typeDigit(a.nav.confirm!, key)), a.changed()) },
    { keys: ['backspace'], action: 'erase', description: 'erase a digit', run: (a) => ((a.nav.confirm = eraseDigit(a.nav.confirm!)), a.changed()) },
  ],
};
