// The delete dialog's model: which pods, the grace field (digits only), Force, and which
// control has focus. Cancel is focused first so a stray Enter never deletes.
import type { PodEntry } from './podEntry.js';

export type DialogFocus = 'grace' | 'force' | 'ok' | 'cancel';
export const DIALOG_FOCUS_ORDER: readonly DialogFocus[] = ['grace', 'force', 'ok', 'cancel'];

export interface DeleteTarget {
  namespace: string;
  name: string;
  uid: string;
}

export interface DeleteDialog {
  targets: DeleteTarget[];
  grace: string;
  force: boolean;
  focus: DialogFocus;
}

/** The grace field starts at the first pod's terminationGracePeriodSeconds (30 when unset, the API default). */
export function openDeleteDialog(entries: readonly PodEntry[], force: boolean): DeleteDialog | undefined {
  if (entries.length === 0) return undefined;
  const grace = entries[0]!.pod.spec?.terminationGracePeriodSeconds ?? 30;
  return {
    targets: entries.map((e) => ({ namespace: e.namespace, name: e.name, uid: e.uid })),
    grace: String(grace),
    force,
    focus: 'cancel',
  };
}

/** The grace to send: Force means 0; an empty field means the pod's own default. */
export function dialogGrace(d: DeleteDialog): number | undefined {
  if (d.force) return 0;
  if (d.grace === '') return undefined;
  return Number.parseInt(d.grace, 10);
}

export function dialogTitle(d: DeleteDialog): string {
  if (d.targets.length === 1) {
    const t = d.targets[0]!;
    return `Delete pod ${t.namespace}/${t.name}?`;
  }
  return `Delete ${d.targets.length} marked pods?`;
}
