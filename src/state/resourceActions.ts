// What the keys of the resource views do: open a kind (`:deploy`), Enter (a workload's,
// a node's or a Service's pods; a pod's view), jumps (shift-j to the owner, `o` to the node),
// describe and YAML, marks and delete, scale and rollout restart. Functions over the app.
import { entryOf, isKind, kindNamed, KINDS } from '../kube/catalog/index.js';
import { rfc3339 } from '../kube/duration.js';
import { errorText } from '../kube/errorText.js';
import type { Kind, KubeObject, Pod } from '../kube/types.js';
import type { ClusterSource } from '../source/types.js';
import type { ConfirmDialog } from './confirmDialog.js';
import type { DeleteDialog } from './deleteDialog.js';
import type { EventTable } from './eventTable.js';
import { namespaceFor, type ListFrame, type ListSpec, type Navigation } from './navigation.js';
import type { PodTable } from './podTable.js';
import type { PodViewState } from './podViewState.js';
import { KINDS_WITH_PODS, ownerOf, podScopeOf } from './relations.js';
import type { ResourceRow } from './resourceTable.js';
import type { StatusLine, ViewId } from './viewTypes.js';

export interface ResourceHost {
  readonly source: ClusterSource;
  readonly readonly: boolean;
  readonly namespace: string | undefined;
  readonly view: ViewId;
  readonly nav: Navigation;
  readonly pods: PodTable;
  readonly events: EventTable;
  readonly podView: PodViewState;
  focusUid: string | undefined;
  focusLast: Pod | undefined;
  dialog: DeleteDialog | undefined;
  push(view: ViewId): void;
  setStatus(text: string, level?: StatusLine['level']): void;
  changed(): void;
  track(p: Promise<unknown>): void;
}

/** `:deploy`, `:rs`, `:no`…: any word the catalog knows for a kind (plural, singular, short). */
export function openKind(app: Pick<ResourceHost, 'nav' | 'namespace'>, word: string): boolean {
  const kind = kindNamed(word.toLowerCase());
  if (!kind) return false;
  app.nav.openRoot({ kind, namespace: namespaceFor(kind, app.namespace) });
  return true;
}

/** `:x` for a word no kind has: the kinds there are, by their shortest names. */
export function kindWords(): string {
  return KINDS.map((k) => {
    const e = entryOf(k);
    return `:${e.shortNames[0] ?? e.resource}`;
  }).join(' ');
}

export function currentList(app: Pick<ResourceHost, 'nav'>): ListFrame | undefined {
  const f = app.nav.current();
  return f?.type === 'list' ? f : undefined;
}

function selectedRow(app: ResourceHost): { frame: ListFrame; row: ResourceRow } | undefined {
  const frame = currentList(app);
  const row = frame?.table.selected();
  return frame && row ? { frame, row } : undefined;
}

const objectName = (kind: Kind | string, obj: KubeObject): string => {
  const m = obj.metadata ?? {};
  const word = isKind(kind) ? entryOf(kind).singular : kind.toLowerCase();
  return `${word} ${m.namespace ? `${m.namespace}/` : ''}${m.name ?? ''}`;
};

/** Enter: a pod opens the pod view; a workload, node or Service lists its pods. */
export function enter(app: ResourceHost): void {
  const sel = selectedRow(app);
  if (!sel) return;
  const { frame, row } = sel;
  const kind = frame.table.kind;
  if (kind === 'Pod') {
    app.focusUid = row.key;
    app.focusLast = row.object as Pod;
    app.podView.reset();
    app.push('pod');
    return;
  }
  if (kind === 'CronJob' && row.object.metadata?.uid) {
    app.nav.openList({ kind: 'Job', namespace: row.namespace, ownedBy: row.object.metadata.uid, crumb: `jobs of ${objectName(kind, row.object)}` });
    return;
  }
  if (!KINDS_WITH_PODS.has(kind)) {
    app.setStatus(`Enter lists the pods of workloads, nodes and services (a cronjob's jobs); for a ${entryOf(kind).singular}: d describes, y shows YAML`);
    return;
  }
  openPodsOf(app, kind, row.object);
}

export function openPodsOf(app: ResourceHost, kind: Kind | string, obj: KubeObject): void {
  const scope = podScopeOf(kind, obj);
  if (typeof scope === 'string') return app.setStatus(scope, 'warning');
  // A node's pods in the app's scope: every namespace, or the one being looked at.
  const namespace = kind === 'Node' ? app.namespace : scope.namespace;
  app.nav.openList({ kind: 'Pod', namespace, pods: scope, crumb: `pods of ${objectName(kind, obj)}` });
}

/** The object a jump starts from: the selected row of a list, else the pod in front. */
function jumpSource(app: ResourceHost): { kind: Kind; obj: KubeObject } | undefined {
  const sel = selectedRow(app);
  if (sel) return { kind: sel.frame.table.kind, obj: sel.row.object };
  if (app.view === 'pods') {
    const e = app.pods.selected();
    return e ? { kind: 'Pod', obj: e.pod } : undefined;
  }
  if (app.view === 'pod' || app.view === 'describe' || app.view === 'yaml') {
    const pod = app.focusUid === undefined ? undefined : (app.pods.get(app.focusUid)?.pod ?? app.focusLast);
    return pod ? { kind: 'Pod', obj: pod } : undefined;
  }
  return undefined;
}

/** shift-j: the controller that owns the object (a pod's ReplicaSet, a ReplicaSet's Deployment). */
export function jumpToOwner(app: ResourceHost): void {
  const from = jumpSource(app);
  if (!from) return app.setStatus('nothing selected to jump from', 'warning');
  const owner = ownerOf(from.obj);
  if (!owner) return app.setStatus(`${objectName(from.kind, from.obj)} has no owner`, 'warning');
  if (!isKind(owner.kind)) return app.setStatus(`${objectName(from.kind, from.obj)} is owned by ${owner.kind} ${owner.name}, a kind podscope does not list`, 'warning');
  const spec: ListSpec = { kind: owner.kind, namespace: owner.namespace, only: { namespace: owner.namespace, name: owner.name } };
  app.nav.openList(spec);
}

/** `o`: the node the pod runs on. */
export function jumpToNode(app: ResourceHost): void {
  const from = jumpSource(app);
  if (!from || from.kind !== 'Pod') return app.setStatus('o jumps from a pod to its node', 'warning');
  const node = (from.obj as Pod).spec?.nodeName;
  if (!node) return app.setStatus(`${objectName('Pod', from.obj)} is not scheduled to a node yet`, 'warning');
  app.nav.openList({ kind: 'Node', namespace: undefined, only: { namespace: undefined, name: node } });
}

export function openText(app: ResourceHost, mode: 'describe' | 'yaml'): void {
  const sel = selectedRow(app);
  if (!sel) return;
  app.nav.openText(mode, sel.frame, sel.row.object, sel.row.key);
}

/** ctrl-d / ctrl-k on a list: the delete dialog for the marked rows the user sees, else the selected one. */
export function openResourceDelete(app: ResourceHost, force: boolean): void {
  if (app.readonly) return app.setStatus('read-only mode (--readonly): deleting is disabled', 'error');
  const frame = currentList(app);
  if (!frame) return;
  const marked = frame.table.visibleMarked();
  const selected = frame.table.selected();
  const rows = marked.length > 0 ? marked : selected ? [selected] : [];
  if (rows.length === 0) return;
  const first = rows[0]!.object as Pod;
  const grace = frame.table.kind === 'Pod' ? String(first.spec?.terminationGracePeriodSeconds ?? 30) : '';
  const d: DeleteDialog = {
    kind: frame.table.kind,
    targets: rows.map((r) => ({ namespace: r.namespace, name: r.name, uid: r.key })),
    grace,
    force,
    focus: 'cancel',
  };
  if (marked.length > 0) d.marked = true;
  const hidden = frame.table.markCounts().hidden;
  if (hidden > 0) d.hiddenMarks = hidden;
  app.dialog = d;
  app.changed();
}

// ---- workload actions ------------------------------------------------------------

const RESTARTABLE: ReadonlySet<Kind> = new Set<Kind>(['Deployment', 'DaemonSet', 'StatefulSet']);

/** Why `s` cannot scale the selected row, or true. */
export function canScale(app: ResourceHost): true | string {
  if (app.readonly) return 'read-only mode (--readonly): podscope never changes the cluster';
  const sel = selectedRow(app);
  if (!sel) return 'nothing selected';
  return entryOf(sel.frame.table.kind).subresources.scale ? true : `a ${entryOf(sel.frame.table.kind).singular} cannot be scaled`;
}

export function canRestart(app: ResourceHost): true | string {
  if (app.readonly) return 'read-only mode (--readonly): podscope never changes the cluster';
  const sel = selectedRow(app);
  if (!sel) return 'nothing selected';
  return RESTARTABLE.has(sel.frame.table.kind) ? true : `only deployments, daemonsets and statefulsets restart (kubectl rollout restart)`;
}

/** `s`: a dialog with the replica count (the current one prefilled); OK patches the scale subresource. */
export function openScale(app: ResourceHost): void {
  if (canScale(app) !== true) return;
  const { frame, row } = selectedRow(app)!;
  const kind = frame.table.kind;
  const current = (row.object as { spec?: { replicas?: number } }).spec?.replicas ?? 1;
  const what = objectName(kind, row.object);
  app.nav.confirm = {
    title: `Scale ${what}?`,
    lines: [`Now ${current} replica${current === 1 ? '' : 's'}.`],
    field: { label: 'Replicas', text: String(current), edited: false },
    focus: 'field',
    run: (text) => {
      const replicas = Number.parseInt(text ?? '', 10);
      if (!Number.isInteger(replicas) || replicas < 0) return app.setStatus('scale: type a number of replicas (0 or more)', 'error');
      app.track(
        app.source.patch(kind, row.namespace || undefined, row.name, { spec: { replicas } }, { type: 'merge', subresource: 'scale' }).then(
          () => app.setStatus(`${what} scaled to ${replicas}`),
          (err: unknown) => app.setStatus(`could not scale ${what}: ${errorText(err)}`, 'error'),
        ),
      );
    },
  };
  app.changed();
}

/** `r`: kubectl rollout restart's patch, the pod template's restartedAt annotation. */
export function openRestart(app: ResourceHost): void {
  if (canRestart(app) !== true) return;
  const { frame, row } = selectedRow(app)!;
  const kind = frame.table.kind;
  const what = objectName(kind, row.object);
  app.nav.confirm = {
    title: `Restart ${what}?`,
    lines: ['Its pods are replaced by a rolling update (kubectl rollout restart).'],
    focus: 'cancel',
    run: () => {
      const patch = restartPatch(app.source.now());
      app.track(
        app.source.patch(kind, row.namespace || undefined, row.name, patch, { type: 'strategic' }).then(
          () => app.setStatus(`${what} restarted`),
          (err: unknown) => app.setStatus(`could not restart ${what}: ${errorText(err)}`, 'error'),
        ),
      );
    },
  };
  app.changed();
}

/** The strategic merge patch `kubectl rollout restart` sends (polymorphichelpers' defaultObjectRestarter). */
export function restartPatch(nowMs: number): object {
  return { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': rfc3339(nowMs) } } } } };
}

export function confirmAction(app: ResourceHost, d: ConfirmDialog): void {
  app.nav.confirm = undefined;
  if (app.readonly) return app.setStatus('read-only mode (--readonly): podscope never changes the cluster', 'error');
  d.run(d.field?.text);
  app.changed();
}
