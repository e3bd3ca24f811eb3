// The delete dialog's actions (ctrl-d / ctrl-k, its controls, the confirmed delete), as
// functions over the part of the app they need (DeleteHost, which AppState is). The dialog
// keymap calls them directly.
import type { ClusterSource, DeleteOutcome } from '../source/types.js';
import {
  dialogGrace,
  DIALOG_FOCUS_ORDER,
  eraseGraceDigit,
  liveTargets,
  openDeleteDialog,
  scrollDialogList,
  targetName,
  targetWord,
  typeGraceDigit,
  type DeleteDialog,
  type DeleteTarget,
} from './deleteDialog.js';
import { errorText } from '../kube/errorText.js';
import type { PodTable } from './podTable.js';
import type { StatusLine, ViewId } from './viewTypes.js';

/** What the delete actions read and change: the app, seen from the dialog. */
export interface DeleteHost {
  readonly readonly: boolean;
  readonly view: ViewId;
  readonly pods: PodTable;
  readonly focusUid: string | undefined;
  readonly source: ClusterSource;
  dialog: DeleteDialog | undefined;
  setStatus(text: string, level?: StatusLine['level']): void;
  changed(): void;
  track(p: Promise<unknown>): void;
}

/**
 * The marked pods the user can see (or the selected one) in the list; the focused pod in the
 * other views. Marks hidden by the filter never take part.
 */
export function openDelete(app: DeleteHost, force: boolean): void {
  if (app.readonly) {
    app.setStatus('read-only mode (--readonly): deleting is disabled', 'error');
    return;
  }
  if (app.view === 'pods') {
    const marked = app.pods.visibleMarked();
    const selected = app.pods.selected();
    const entries = marked.length > 0 ? marked : selected ? [selected] : [];
    app.dialog = openDeleteDialog({ entries, marked: marked.length > 0, hiddenMarks: app.pods.markCounts().hidden }, force);
  } else {
    const e = app.focusUid ? app.pods.get(app.focusUid) : undefined;
    app.dialog = openDeleteDialog({ entries: e ? [e] : [], marked: false, hiddenMarks: 0 }, force);
  }
  app.changed();
}

export function dialogFocus(app: DeleteHost, step: number): void {
  if (!app.dialog) return;
  const i = DIALOG_FOCUS_ORDER.indexOf(app.dialog.focus);
  const n = DIALOG_FOCUS_ORDER.length;
  app.dialog = { ...app.dialog, focus: DIALOG_FOCUS_ORDER[(i + step + n) % n]! };
  app.changed();
}

export function dialogType(app: DeleteHost, digit: string): void {
  if (!app.dialog || !/^[0-9]$/.test(digit)) return;
  app.dialog = typeGraceDigit(app.dialog, digit);
  app.changed();
}

export function dialogBackspace(app: DeleteHost): void {
  if (!app.dialog) return;
  app.dialog = eraseGraceDigit(app.dialog);
  app.changed();
}

export function dialogScroll(app: DeleteHost, delta: number): void {
  if (!app.dialog) return;
  app.dialog = scrollDialogList(app.dialog, delta);
  app.changed();
}

export function dialogToggleForce(app: DeleteHost): void {
  if (!app.dialog) return;
  app.dialog = { ...app.dialog, force: !app.dialog.force };
  app.changed();
}

export function closeDialog(app: DeleteHost): void {
  app.dialog = undefined;
  app.changed();
}

/** Enter in the dialog: the focused control acts; Enter in the grace field moves on to OK. */
export function dialogActivate(app: DeleteHost): void {
  const d = app.dialog;
  if (!d) return;
  switch (d.focus) {
    case 'cancel':
      return closeDialog(app);
    case 'grace':
      app.dialog = { ...d, focus: 'ok' };
      return app.changed();
    case 'force':
      return dialogToggleForce(app);
    case 'ok':
      return confirmDelete(app);
  }
}

export function confirmDelete(app: DeleteHost): void {
  const d = app.dialog;
  if (!d || app.readonly) return;
  app.dialog = undefined;
  app.pods.unmark(d.targets.map((t) => t.uid));
  const targets = liveTargets(d);
  if (targets.length === 0) {
    const word = targetWord(d);
    app.setStatus(d.targets.length === 1 ? `${word} "${targetName(d.targets[0]!)}" is already gone` : `the ${word}s are already gone: nothing deleted`);
    return;
  }
  const grace = dialogGrace(d);
  const calls = targets.map((t) =>
    deleteTarget(app.source, d, t, grace).then(
      (outcome) => ({ t, outcome }),
      (err: unknown) => ({ t, outcome: { kind: 'error', message: errorText(err) } as DeleteOutcome }),
    ),
  );
  app.track(
    Promise.all(calls).then((results) => {
      const failed = results.find((r) => r.outcome.kind !== 'deleting' && r.outcome.kind !== 'deleted');
      if (results.length === 1 || failed) {
        const r = failed ?? results[0]!;
        app.setStatus(outcomeText(r.t.namespace, r.t.name, r.outcome, targetWord(d)), failed ? 'error' : 'info');
      } else {
        app.setStatus(`${results.length} ${targetWord(d)}s deleting (grace ${grace === undefined ? 'default' : `${grace}s`})`);
      }
    }),
  );
  app.changed();
}

/** Pods by deletePod (the pod list's path); other kinds by the generic delete, with the same uid precondition. */
function deleteTarget(source: ClusterSource, d: DeleteDialog, t: DeleteTarget, grace: number | undefined): Promise<DeleteOutcome> {
  if (d.kind === undefined || d.kind === 'Pod') return source.deletePod(t.namespace, t.name, grace, t.uid);
  return source.delete(d.kind, t.namespace || undefined, t.name, { graceSeconds: grace, uid: t.uid });
}

export function outcomeText(namespace: string, name: string, outcome: DeleteOutcome, word = 'pod'): string {
  const pod = `${word} "${targetName({ namespace, name, uid: '' })}"`;
  switch (outcome.kind) {
    case 'deleting':
      return `${pod} deleting (grace ${outcome.graceSeconds}s)`;
    case 'deleted':
      return `${pod} deleted`;
    case 'notFound':
      return `${pod} is already gone`;
    case 'forbidden':
      return `not allowed to delete ${pod}: ${outcome.message}`;
    case 'error':
      return `could not delete ${pod}: ${outcome.message}`;
  }
}
