// Resource views and the way between them. Every `resource` entry of the view stack has a
// frame here: a live list of one kind (its own watch, its ResourceTable), or the describe /
// YAML text of one row of the list below it. Esc and `[` go back, keeping what they left for
// `]` (forward); opening anything new drops the forward history, as a browser does.
import { entryOf, type DescribeRelated } from '../kube/catalog/index.js';
import { describeRelated } from '../source/describeRelated.js';
import type { Kind, KubeObject, Pod } from '../kube/types.js';
import type { ClusterSource, Scope, Subscription } from '../source/types.js';
import type { ConfirmDialog } from './confirmDialog.js';
import { noteVanished, type DeleteDialog } from './deleteDialog.js';
import type { PodScope } from './relations.js';
import { ResourceTable } from './resourceTable.js';
import { EndpointMembership } from './endpointMembership.js';
import { ScrollOffset } from './scrollOffset.js';
import type { ViewId } from './viewTypes.js';

export interface ListSpec {
  kind: Kind;
  /** The namespace watched; undefined: all (or the kind is cluster-scoped). */
  namespace: string | undefined;
  /** Only the pods of an object (Enter on a workload, a node, a Service). */
  pods?: PodScope;
  /** Only the objects this uid owns (a CronJob's Jobs). */
  ownedBy?: string;
  /** Only this one object (a jump to an owner or a node). */
  only?: { namespace: string | undefined; name: string };
  /** The crumb's words when they say more than the kind: `pods of deployment default/web`. */
  crumb?: string;
}

export interface ListFrame {
  readonly type: 'list';
  readonly spec: ListSpec;
  readonly table: ResourceTable;
  /** ctrl-w: the printer's priority-1 columns too. */
  wide: boolean;
  sub: Subscription | undefined;
  /** A Service's pods: which are in its endpoints (the ENDPOINT column), from its EndpointSlices. */
  endpoints?: EndpointMembership;
}

export interface TextFrame {
  readonly type: 'text';
  readonly mode: 'describe' | 'yaml';
  readonly kind: Kind;
  readonly key: string;
  /** The list the object came from: the text follows its live row. */
  readonly list: ListFrame;
  /** The object's last known state (shown after it is deleted). */
  last: KubeObject;
  readonly scroll: ScrollOffset;
  /** What the describer reads beside the object, fetched when the view opens; undefined until it arrives. */
  related?: DescribeRelated;
  /** Why the related objects could not be fetched. */
  relatedError?: string;
  /** A Secret's values shown decoded (x); off for every new view. */
  decoded?: boolean;
}

export type Frame = ListFrame | TextFrame;

/** What navigation reads and changes of the app. */
export interface NavHost {
  readonly source: ClusterSource;
  readonly namespace: string | undefined;
  viewStack: ViewId[];
  focusUid: string | undefined;
  focusLast: Pod | undefined;
  dialog: DeleteDialog | undefined;
  changed(): void;
  /** Counts an API call as work in flight until it settles. */
  track(p: Promise<unknown>): void;
}

interface Visited {
  view: ViewId;
  frame: Frame | undefined;
  focusUid: string | undefined;
  focusLast: Pod | undefined;
}

/** Forward history kept at most this deep (each list frame holds a live watch). */
const FORWARD_LIMIT = 16;

export class Navigation {
  /** One per `resource` entry of the view stack, bottom first. */
  private frames: Frame[] = [];
  private forwardStack: Visited[] = [];
  /** The scale / restart confirmation, when open. */
  confirm: ConfirmDialog | undefined;

  constructor(private readonly host: NavHost) {}

  /** The frame of the view in front, when it is a resource view. */
  current(): Frame | undefined {
    const stack = this.host.viewStack;
    return stack[stack.length - 1] === 'resource' ? this.frames[this.frames.length - 1] : undefined;
  }

  /** Every frame on the stack, bottom first. */
  openFrames(): readonly Frame[] {
    return this.frames;
  }

  /** The frame of the n-th `resource` entry of the view stack (for the crumbs). */
  frameAt(index: number): Frame | undefined {
    return this.frames[index];
  }

  get canGoForward(): boolean {
    return this.forwardStack.length > 0;
  }

  /** `:deploy`: a list as the root view. */
  openRoot(spec: ListSpec): ListFrame {
    this.clear();
    this.host.viewStack = ['resource'];
    return this.pushFrame(this.listFrame(spec));
  }

  openList(spec: ListSpec): ListFrame {
    this.dropForward();
    this.host.viewStack.push('resource');
    return this.pushFrame(this.listFrame(spec));
  }

  openText(mode: 'describe' | 'yaml', list: ListFrame, obj: KubeObject, key: string): void {
    this.dropForward();
    this.host.viewStack.push('resource');
    const frame: TextFrame = { type: 'text', mode, kind: list.table.kind, key, list, last: obj, scroll: new ScrollOffset() };
    this.pushFrame(frame);
    if (mode === 'describe' && (entryOf(frame.kind).describeNeeds ?? []).length > 0) {
      this.host.track(
        describeRelated(this.host.source, frame.kind, obj).then(
          (related) => {
            frame.related = related;
            this.host.changed();
          },
          (err: unknown) => {
            frame.relatedError = err instanceof Error ? err.message : String(err);
            this.host.changed();
          },
        ),
      );
    }
  }

  /** Back one view (Esc, `[`); what is left goes to the forward history. Never past the root. */
  back(): void {
    const stack = this.host.viewStack;
    if (stack.length <= 1) return this.host.changed();
    const view = stack.pop()!;
    const frame = view === 'resource' ? this.frames.pop() : undefined;
    if (view !== 'help') {
      this.forwardStack.push({ view, frame, focusUid: this.host.focusUid, focusLast: this.host.focusLast });
      while (this.forwardStack.length > FORWARD_LIMIT) stopFrame(this.forwardStack.shift()!.frame);
    }
    this.host.changed();
  }

  /** `]`: the view `[` or Esc left, as it was (lists kept watching meanwhile). */
  forward(): boolean {
    const next = this.forwardStack.pop();
    if (!next) return false;
    this.host.viewStack.push(next.view);
    if (next.frame) this.frames.push(next.frame);
    if (next.view === 'pod' || next.view === 'describe' || next.view === 'yaml') {
      this.host.focusUid = next.focusUid;
      this.host.focusLast = next.focusLast;
    }
    this.host.changed();
    return true;
  }

  /** Something new was opened on top: the forward history no longer leads anywhere. */
  dropForward(): void {
    for (const v of this.forwardStack) stopFrame(v.frame);
    this.forwardStack = [];
  }

  /** A new root (`:pods`, `:events`) or scope: every frame goes, its watch stopped. */
  clear(): void {
    for (const f of this.frames) stopFrame(f);
    this.frames = [];
    this.dropForward();
  }

  /**
   * The namespace changed (0–9, `:ns`) with a list as the root: the stack is back to that
   * root and its list watches the new namespace.
   */
  rescope(): void {
    const root = this.host.viewStack[0] === 'resource' ? this.frames[0] : undefined;
    for (const f of this.frames.slice(1)) stopFrame(f);
    this.dropForward();
    this.frames = [];
    if (root?.type === 'list') {
      stopFrame(root);
      this.pushFrame(this.listFrame({ ...root.spec, namespace: namespaceFor(root.spec.kind, this.host.namespace) }));
    }
  }

  /** True when a text frame's object has left its list (the text shows its last state). */
  textGone(frame: TextFrame): boolean {
    return frame.list.table.get(frame.key) === undefined;
  }

  stopAll(): void {
    this.clear();
  }

  private pushFrame<F extends Frame>(frame: F): F {
    this.frames.push(frame);
    this.host.changed();
    return frame;
  }

  private listFrame(spec: ListSpec): ListFrame {
    const only = spec.pods
      ? (o: KubeObject) => spec.pods!.matches(o as Pod)
      : spec.ownedBy !== undefined
        ? (o: KubeObject) => (o.metadata?.ownerReferences ?? []).some((r) => r.uid === spec.ownedBy)
        : spec.only
          ? onlyNamed(spec.only)
          : undefined;
    const table = new ResourceTable(spec.kind, only);
    const frame: ListFrame = { type: 'list', spec, table, wide: false, sub: undefined };
    const scope: Scope = { namespace: spec.namespace };
    frame.sub = this.host.source.watch(spec.kind, scope, (batch) => {
      table.apply(batch as Parameters<typeof table.apply>[0]);
      if (spec.only && table.hasSynced && table.selected() === undefined) table.moveTo(0);
      const d = this.host.dialog;
      if (d?.kind === spec.kind) this.host.dialog = noteVanished(d, (key) => table.get(key) !== undefined);
      this.host.changed();
    });
    const service = spec.pods?.service;
    if (service !== undefined) {
      const endpoints = new EndpointMembership(service);
      frame.endpoints = endpoints;
      const pods = frame.sub;
      const slices = this.host.source.watch('EndpointSlice', scope, (batch) => {
        endpoints.apply(batch);
        this.host.changed();
      });
      frame.sub = {
        stop: () => {
          pods.stop();
          slices.stop();
        },
      };
    }
    return frame;
  }
}

function onlyNamed(only: { namespace: string | undefined; name: string }): (obj: KubeObject) => boolean {
  return (obj) => obj.metadata?.name === only.name && (only.namespace === undefined || obj.metadata?.namespace === only.namespace);
}

function stopFrame(frame: Frame | undefined): void {
  if (frame?.type === 'list') {
    frame.sub?.stop();
    frame.sub = undefined;
  }
}

/** The namespace a list of `kind` watches in the app's scope: none for cluster-scoped kinds. */
export function namespaceFor(kind: Kind, namespace: string | undefined): string | undefined {
  return entryOf(kind).namespaced ? namespace : undefined;
}

/** The live object of a text frame: its row in the list below, else its last known state. */
export function textObject(frame: TextFrame): { object: KubeObject; gone: boolean } {
  const row = frame.list.table.get(frame.key);
  if (row) frame.last = row.object;
  return { object: frame.last, gone: row === undefined };
}

