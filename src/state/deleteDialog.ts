// The delete dialog's model: which pods, the grace field (digits only), Force, and which
// control has focus. Cancel is focused first so a stray Enter never deletes.
import { entryOf } from '../kube/catalog/index.js';
import type { Kind } from '../kube/types.js';
import type { PodEntry } from './podEntry.js';

export type DialogFocus = 'grace' | 'force' | 'ok' | 'cancel';
export const DIALOG_FOCUS_ORDER: readonly DialogFocus[] = ['grace', 'force', 'ok', 'cancel'];

export interface DeleteTarget {
  namespace: string;
  name: string;
  uid: string;
}

// The optional fields are absent in the plain case (one pod, untouched), so a dialog that
// is just "this pod, this grace" compares equal to exactly that.
export interface DeleteDialog {
  /** Set when the targets come from a resource view (state/navigation.ts); absent: the pod list's pods. */
  kind?: Kind;
  targets: DeleteTarget[];
  grace: string;
  force: boolean;
  focus: DialogFocus;
  /** The targets came from marks (the title says "N marked" even for one). */
  marked?: true;
  /** Marked pods the filter hides: left out of the delete, and the dialog says so. */
  hiddenMarks?: number;
  /** Uids of targets that left the cluster while the dialog was open. */
  vanished?: ReadonlySet<string>;
  /** Set once the grace field is edited: until then the first digit replaces the prefilled value. */
  graceEdited?: true;
  /** First row of the target list shown (the list scrolls when it is longer than its box). */
  listTop?: number;
}

export interface DeleteSelection {
  entries: readonly PodEntry[];
  marked: boolean;
  hiddenMarks: number;
}

/** The grace field starts at the first pod's terminationGracePeriodSeconds (30 when unset, the API default). */
export function openDeleteDialog(sel: DeleteSelection, force: boolean): DeleteDialog | undefined {
  const first = sel.entries[0];
  if (!first) return undefined;
  const grace = first.pod.spec?.terminationGracePeriodSeconds ?? 30;
  const d: DeleteDialog = {
    targets: sel.entries.map((e) => ({ namespace: e.namespace, name: e.name, uid: e.uid })),
    grace: String(grace),
    force,
    focus: 'cancel',
  };
  if (sel.marked) d.marked = true;
  if (sel.hiddenMarks > 0) d.hiddenMarks = sel.hiddenMarks;
  return d;
}

/**
 * The grace to send: Force means 0; an empty field means the pod's own default. A typed 0
 * without Force is sent as 1, as kubectl turns `--grace-period=0` without `--force` into 1
 * (kubectl delete: "prevent accidental data loss").
 */
export function dialogGrace(d: DeleteDialog): number | undefined {
  if (d.force) return 0;
  if (d.grace === '') return undefined;
  const n = Number.parseInt(d.grace, 10);
  return n === 0 ? 1 : n;
}

/** The grace field as the dialog shows it. */
export function graceLabel(d: DeleteDialog): string {
  if (d.force) return '0 (force)';
  if (d.grace === '') return d.kind === undefined || d.kind === 'Pod' ? '(pod default)' : '(server default)';
  if (dialogGrace(d) === 1 && Number.parseInt(d.grace, 10) === 0) return '0s → 1s without Force';
  return `${d.grace}s`;
}

/** A digit typed into the grace field: the first replaces the prefilled value. */
export function typeGraceDigit(d: DeleteDialog, digit: string): DeleteDialog {
  const base = !d.graceEdited || d.grace === '0' ? '' : d.grace;
  return { ...d, grace: (base + digit).slice(0, 6), graceEdited: true, force: false };
}

export function eraseGraceDigit(d: DeleteDialog): DeleteDialog {
  return { ...d, grace: d.grace.slice(0, -1), graceEdited: true };
}

/** `pod`, `deployment`: the catalog's singular name of the dialog's kind. */
export function targetWord(d: DeleteDialog): string {
  return d.kind === undefined ? 'pod' : entryOf(d.kind).singular;
}

/** `default/web`, or just `web` for a cluster-scoped object. */
export function targetName(t: DeleteTarget): string {
  return t.namespace ? `${t.namespace}/${t.name}` : t.name;
}

export function dialogTitle(d: DeleteDialog): string {
  const n = d.targets.length;
  const word = targetWord(d);
  if (d.marked) return `Delete ${n} marked ${word}${n === 1 ? '' : 's'}?`;
  const t = d.targets[0]!;
  return n === 1 ? `Delete ${word} ${targetName(t)}?` : `Delete ${n} ${word}s?`;
}

function isGone(d: DeleteDialog, uid: string): boolean {
  return d.vanished?.has(uid) ?? false;
}

/** The first row of the target list shown. */
export function listTop(d: DeleteDialog): number {
  return d.listTop ?? 0;
}

/** The targets still in the cluster: what OK deletes. */
export function liveTargets(d: DeleteDialog): DeleteTarget[] {
  return d.targets.filter((t) => !isGone(d, t.uid));
}

/** Records which targets have left the cluster; the same object when nothing changed. */
export function noteVanished(d: DeleteDialog, exists: (uid: string) => boolean): DeleteDialog {
  let gone: Set<string> | undefined;
  for (const t of d.targets) {
    if (isGone(d, t.uid) || exists(t.uid)) continue;
    gone ??= new Set(d.vanished ?? []);
    gone.add(t.uid);
  }
  return gone ? { ...d, vanished: gone } : d;
}

/** One line per target, `namespace/name`, with the ones that went marked. */
export function targetLines(d: DeleteDialog): string[] {
  return d.targets.map((t) => `${targetName(t)}${isGone(d, t.uid) ? '  (gone: deleted by someone else)' : ''}`);
}

/** What the dialog says beside the list: vanished pods and marks left out. */
export function dialogNotes(d: DeleteDialog): string[] {
  const notes: string[] = [];
  const gone = d.vanished?.size ?? 0;
  const word = targetWord(d);
  if (gone > 0) {
    const live = d.targets.length - gone;
    notes.push(
      live === 0
        ? d.targets.length === 1
          ? `The ${word} is gone: someone else deleted it. Nothing to delete.`
          : `Every ${word} here is gone: someone else deleted them. Nothing to delete.`
        : `${gone} of these ${word}s ${gone === 1 ? 'is' : 'are'} gone; OK deletes the other ${live}.`,
    );
  }
  if (d.hiddenMarks !== undefined && d.hiddenMarks > 0) {
    notes.push(`${d.hiddenMarks} marked ${word}${d.hiddenMarks === 1 ? '' : 's'} hidden by the filter ${d.hiddenMarks === 1 ? 'is' : 'are'} not included.`);
  }
  return notes;
}

/** The target list's rows visible at once. */
export const DIALOG_LIST_ROWS = 6;

export function scrollDialogList(d: DeleteDialog, delta: number): DeleteDialog {
  const max = Math.max(0, d.targets.length - DIALOG_LIST_ROWS);
  const top = Math.max(0, Math.min(listTop(d) + delta, max));
  return top === listTop(d) ? d : { ...d, listTop: top };
}
