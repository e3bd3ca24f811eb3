// A yes/no dialog for workload actions (scale, restart), optionally with one digits-only
// field (the replica count, prefilled with the current one). Cancel is focused first, as in
// the delete dialog, so a stray Enter never changes the cluster.
export type ConfirmFocus = 'field' | 'ok' | 'cancel';

export interface ConfirmDialog {
  title: string;
  lines: readonly string[];
  field?: { label: string; text: string; edited: boolean };
  focus: ConfirmFocus;
  /** OK: runs with the field's text (undefined without a field). */
  run: (field: string | undefined) => void;
}

export function focusOrder(d: ConfirmDialog): ConfirmFocus[] {
  return d.field ? ['field', 'ok', 'cancel'] : ['ok', 'cancel'];
}

export function moveFocus(d: ConfirmDialog, step: number): ConfirmDialog {
  const order = focusOrder(d);
  const i = order.indexOf(d.focus);
  return { ...d, focus: order[(i + step + order.length) % order.length]! };
}

/** A digit: the first one replaces the prefilled value. */
export function typeDigit(d: ConfirmDialog, digit: string): ConfirmDialog {
  if (!d.field || !/^[0-9]$/.test(digit)) return d;
  const base = d.field.edited ? d.field.text : '';
  return { ...d, focus: 'field', field: { ...d.field, text: (base + digit).replace(/^0+(?=\d)/, '').slice(0, 6), edited: true } };
}

export function eraseDigit(d: ConfirmDialog): ConfirmDialog {
  if (!d.field) return d;
  return { ...d, field: { ...d.field, text: d.field.text.slice(0, -1), edited: true } };
}
