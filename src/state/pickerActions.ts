// The namespace and context pickers (`:ns`, `:ctx` alone): a list with a cursor, as
// functions over the part of the app they need (PickerHost, which AppState is).
import type { ClusterSource } from '../source/types.js';
import { errorText } from '../kube/errorText.js';
import type { Picker, StatusLine } from './viewTypes.js';

/** What the picker actions read and change: the app, seen from the picker. */
export interface PickerHost {
  readonly source: ClusterSource;
  readonly namespace: string | undefined;
  picker: Picker | undefined;
  setStatus(text: string, level?: StatusLine['level']): void;
  changed(): void;
  track(p: Promise<unknown>): void;
  switchNamespace(ns: string | undefined): void;
  switchContext(name: string): void;
}

export function openPicker(app: PickerHost, kind: Picker['kind']): void {
  if (kind === 'ctx') {
    const items = app.source.contexts();
    app.picker = { kind, items, cursor: Math.max(0, items.indexOf(app.source.currentContext())) };
    app.changed();
    return;
  }
  app.track(
    app.source.listNamespaces().then(
      (names) => {
        const items = ['all', ...names];
        const current = app.namespace === undefined ? 'all' : app.namespace;
        app.picker = { kind, items, cursor: Math.max(0, items.indexOf(current)) };
        app.changed();
      },
      (err: unknown) => app.setStatus(`cannot list namespaces: ${errorText(err)}`, 'error'),
    ),
  );
}

export function movePicker(app: PickerHost, delta: number): void {
  if (!app.picker) return;
  const n = app.picker.items.length;
  app.picker = { ...app.picker, cursor: Math.max(0, Math.min(app.picker.cursor + delta, n - 1)) };
  app.changed();
}

export function choosePicker(app: PickerHost): void {
  const p = app.picker;
  app.picker = undefined;
  if (!p) return;
  const item = p.items[p.cursor];
  if (item === undefined) return app.changed();
  if (p.choose) return p.choose(item);
  if (p.kind === 'ns') app.switchNamespace(item === 'all' ? undefined : item);
  else app.switchContext(item);
}

export function closePicker(app: PickerHost): void {
  app.picker = undefined;
  app.changed();
}
