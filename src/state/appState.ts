// The whole UI state behind one object. Watch batches queue up and are applied once per
// frame; key actions mutate synchronously (so fast key bursts are never lost to stale
// React closures) and then ask for a frame. React reads it through subscribe()/version.
import type { Event, Pod } from '../kube/types.js';
import type { ClusterSource, DeltaBatch, Idleness, SourceStatus, Subscription } from '../source/types.js';
import { noteVanished, type DeleteDialog } from './deleteDialog.js';
import { EventTable, keptForDiagnosis } from './eventTable.js';
import { EventHolds } from './eventHolds.js';
import { subjectOf, type EventSubject } from '../kube/eventSubject.js';
import type { SubjectEvents } from './subjectEvents.js';
import { textObject } from './navigation.js';
import { entryOf } from '../kube/catalog/index.js';
import { PodTable } from './podTable.js';
import { ClusterMetrics } from './clusterMetrics.js';
import { errorText } from '../kube/errorText.js';
import { conformPod } from '../kube/conformPod.js';
import { podUid } from './podEntry.js';
import * as prompts from './promptActions.js';
import { ColumnWidths } from './columnWidths.js';
import { DiagnosisState } from './diagnosis/diagnosisState.js';
import { Navigation } from './navigation.js';
import type { SortKey } from './podSort.js';
import { PodWorld } from './podWorld.js';
import { PodViewState } from './podViewState.js';
import { logFrame } from './logActions.js';
import type { LogViewOptions, LogViewState } from './logViewState.js';
import { ScrollOffset } from './scrollOffset.js';
import { SearchWarmup } from './searchWarmup.js';
import { FilterFill } from './filterFill.js';
import { TimelineRecorder } from './timeline/recorder.js';
import type { Picker, PodPane, Prompt, ScrollTarget, StatusLine, TextViewId, ViewId } from './viewTypes.js';
import { ForwardList } from './forwardList.js';
import { kubectlHasDetachKeys, kubectlOnPath, type ExternalCommand } from './podAccessActions.js';
import type { ShellViewState } from './shellViewState.js';

/** Rows around the shell's screen: header (2), title line (1), status and hints (2), the spare row Ink 6 needs (1). */
const SHELL_CHROME_ROWS = 6;

export type { Picker, PodPane, Prompt, PromptKind, ScrollTarget, StatusLine, TextViewId, ViewId } from './viewTypes.js';
export { POD_PANES } from './viewTypes.js';

export interface AppStateOptions {
  source: ClusterSource;
  /** undefined: all namespaces. */
  namespace: string | undefined;
  readonly?: boolean;
  /**
   * The least real time between two frames that watch data, ticks and API answers ask for
   * (bursts of deltas coalesce into one frame). A key's frame is drawn at once (frameNow()).
   * 0: on the next macrotask (tests).
   */
  frameMs?: number;
  /** Real (not simulated) milliseconds: the "new pod" highlight and the status line's expiry. */
  realNow?: () => number;
  /** How long an info message stays in the status line, in real milliseconds. */
  statusInfoMs?: number;
  /** Options for logs views (tests shrink the ring). */
  logView?: LogViewOptions;
  /** Where kubectl is (default: looked up on PATH); tests pin it. */
  findKubectl?: () => string | undefined;
  /** Whether a kubectl has attach's detach sequence (default: asks its `attach --help` once); tests pin it. */
  kubectlDetaches?: (kubectl: string) => boolean;
  /** Real milliseconds between metrics polls (METRICS_POLL_MS in the TUI); undefined: only pollMetrics() polls (tests). */
  metricsPollMs?: number;
  /**
   * The most real time (on `realNow`'s clock) one frame, or one slice after it, spends applying
   * watch batches; what is left is applied on the next macrotask, after the keys that came in
   * meanwhile (APPLY_BUDGET_MS by default).
   */
  applyBudgetMs?: number;
  /** How many of the newest events the background store keeps beyond the diagnosis' (EVENT_TAIL; tests shrink it). */
  eventTail?: number;
}

/**
 * A frame applies the waiting watch batches for at most this long (then the next macrotask
 * goes on): a key that arrives meanwhile waits for no more than this and one render. An
 * Events first sync at 100k pods brings ~400k events in batches of thousands.
 */
export const APPLY_BUDGET_MS = 4;

/** Events are applied in runs of at most this many deltas between two looks at the clock. */
export const EVENT_APPLY_CHUNK = 128;

/** Info messages leave the status line after this long; errors and warnings stay. */
export const STATUS_INFO_MS = 5000;

export class AppState implements Idleness {
  readonly source: ClusterSource;
  readonly pods: PodTable;
  /** The background Events store (bounded; full while the events view is open) and the open objects' whole lists. */
  readonly events: EventTable;
  /** Every watched pod's timeline, recorded from the same deltas (state/timeline/). */
  readonly timeline = new TimelineRecorder();
  /** CPU/MEM from metrics.k8s.io, polled for the namespace in view (and the nodes, while a node list shows). */
  readonly metrics = new ClusterMetrics();
  readonly readonly: boolean;
  /** Options for new logs views (tests shrink the ring). */
  logViewOptions: LogViewOptions | undefined;
  namespace: string | undefined;
  recentNamespaces: string[] = [];
  viewStack: ViewId[] = ['pods'];
  prompt: Prompt | undefined;
  picker: Picker | undefined;
  dialog: DeleteDialog | undefined;
  status: StatusLine | undefined;
  connection: SourceStatus = { phase: 'connecting' };
  /** The status line the connection last raised, so recovery can replace it (and only it). */
  private connectionAlarm: StatusLine | undefined;
  /** The pod the pod view, describe and YAML show: by uid, with the last state kept if it goes. */
  focusUid: string | undefined;
  focusLast: Pod | undefined;
  /**
   * The whole focused pod: the list keeps only a projection of each pod, so the views that show
   * all of it get it from the API when they open it (as kubectl describe does), then follow it
   * from the watch's deltas, which carry whole objects.
   */
  private focusWhole: Pod | undefined;
  /**
   * The newest whole focused pod a pods watch parsed since the last frame: a source that
   * projects pods as it parses them (setPodTransform) delivers only projections, so the
   * focused one's whole object is caught on its way (followFocus takes it at the frame).
   */
  private focusParsed: Pod | undefined;
  /** The GET of the focused pod on its way. */
  private focusFetch: { uid: string } | undefined;
  /** Why the whole focused pod could not be fetched (not retried until the pod is opened again, or a delta brings it). */
  private focusFailure: { uid: string; message: string } | undefined;
  /** The pod view's pane focus and per-pane scroll. */
  readonly podView = new PodViewState();
  /** Why pods are not ready: the pod view's pane and the list's WHY cells. */
  readonly diagnosis: DiagnosisState = new DiagnosisState(this);
  /** The pod view's world (volumes' objects, Services, Endpoints, Nodes), followed from the first pod view on. */
  readonly podWorld: PodWorld;
  /** The logs view, while it is on the stack (logActions.ts opens it; the frame stops it once it is gone). */
  logs: LogViewState | undefined;
  /** Where each text view is scrolled. */
  readonly textScroll: Readonly<Record<TextViewId, ScrollOffset>> = {
    describe: new ScrollOffset(),
    yaml: new ScrollOffset(),
    event: new ScrollOffset(),
    help: new ScrollOffset(),
    // The timeline follows its newest entry until scrolled away from it (state/timeline/).
    timeline: new ScrollOffset(true),
  };
  /** The event the event view shows: by uid, with its last state kept if it expires. */
  focusEventUid: string | undefined;
  focusEventLast: Event | undefined;
  /** The resource views (`:deploy`, jumps, a workload's pods) and back/forward history. */
  readonly nav: Navigation = new Navigation(this);
  /** The pod list's column widths (they grow while scrolling, start over on resize). */
  readonly podColumns = new ColumnWidths();
  columns = 100;
  rows = 30;
  quitRequested = false;
  version = 0;
  /** The port-forwards started in this run (the `f` view); they end with the program. */
  readonly forwards = new ForwardList();
  /** The in-process shell, while its view is open (podAccessActions.ts). */
  shell: ShellViewState | undefined;
  /** A program waiting for the terminal (`kubectl exec -it`): the UI steps aside and runs it. */
  suspension: ExternalCommand | undefined;
  private readonly kubectlFinder: () => string | undefined;
  private readonly detachProbe: (kubectl: string) => boolean;

  private readonly frameMs: number;
  private readonly realNow: () => number;
  private readonly statusInfoMs: number;
  /** realNow() at the last key or paste (its frame); -Infinity before any. */
  lastKeyMs = -Infinity;
  /** realNow() when the status line was last set. */
  private statusAt = 0;
  private pendingPods: DeltaBatch<Pod>[] = [];
  private pendingEvents: DeltaBatch<Event>[] = [];
  /** How many deltas of pendingEvents[0] are applied already (a frame's budget can end inside a batch). */
  private eventsApplied = 0;
  private readonly applyBudgetMs: number;
  /** The pod view's world about to follow a namespace (followWorld). */
  private worldTimer: ReturnType<typeof setImmediate> | undefined;
  /** The macrotask that goes on applying what a frame's budget left (applySlice). */
  private sliceTimer: ReturnType<typeof setImmediate> | undefined;
  /** realNow() when listeners were last told (a slice tells them at most once per frameMs until it is done). */
  private publishedAt = -Infinity;
  private frameScheduled = false;
  private frameTimer: { kind: 'timeout'; handle: ReturnType<typeof setTimeout> } | { kind: 'immediate'; handle: ReturnType<typeof setImmediate> } | undefined;
  /** performance.now() when the last frame ran (scheduling only; never shown). */
  private lastFrameAt = -Infinity;
  /** What the last tick saw of the screen's time-dependent text (see tick()). */
  private lastTickText: string | undefined;
  /** The simulated second the last tick saw (the header's clock; undefined off the simulator). */
  private clockSecond: number | undefined;
  private clockTickCount = 0;
  private readonly clockListeners = new Set<() => void>();
  /** The UI's reading of the time-dependent text on screen; undefined: unknown, every tick draws. */
  private tickTextProbe: (() => string | undefined) | undefined;
  /** Builds the rows' search text ahead while the pod filter is being typed. */
  private readonly searchWarmup = new SearchWarmup();
  /** Finds the rest of the pod filter's rows after a keystroke's frame (the count then shows). */
  private readonly filterFill: FilterFill;
  private inflight = 0;
  private watches: Subscription[] = [];
  private statusSub: Subscription | undefined;
  private listeners = new Set<() => void>();
  private timelinePin: { uid: string; release: () => void } | undefined;
  private readonly eventHolds: EventHolds;
  private readonly metricsPollMs: number | undefined;
  private metricsTimer: ReturnType<typeof setInterval> | undefined;
  private metricsPolling = false;
  /** The scope changed while a poll was on its way: poll again when it lands. */
  private metricsAgain = false;

  constructor(options: AppStateOptions) {
    this.source = options.source;
    this.namespace = options.namespace;
    this.readonly = options.readonly ?? false;
    this.frameMs = options.frameMs ?? 33;
    this.applyBudgetMs = options.applyBudgetMs ?? APPLY_BUDGET_MS;
    this.realNow = options.realNow ?? (() => performance.now());
    this.statusInfoMs = options.statusInfoMs ?? STATUS_INFO_MS;
    this.logViewOptions = options.logView;
    this.kubectlFinder = options.findKubectl ?? (() => kubectlOnPath());
    this.detachProbe = options.kubectlDetaches ?? kubectlHasDetachKeys;
    this.events = new EventTable({ tail: options.eventTail });
    this.eventHolds = new EventHolds(this);
    this.pods = new PodTable({ now: this.realNow, sourceNow: () => this.source.now(), usage: this.metrics.podUsage });
    this.filterFill = new FilterFill(this.pods, () => this.changed());
    this.metricsPollMs = options.metricsPollMs;
    this.podWorld = new PodWorld(this.source, () => this.requestFrame());
    if (options.namespace !== undefined) this.recentNamespaces = [options.namespace];
  }

  start(): void {
    this.statusSub = this.source.onStatus((s) => {
      this.connection = s;
      if (s.phase === 'error' || s.phase === 'reconnecting') {
        this.setStatus(s.message ?? s.phase, 'error');
        this.connectionAlarm = this.status;
      } else if (s.phase === 'live' && this.status !== undefined && this.status === this.connectionAlarm) {
        // The alarm is over; a message the user caused since then is left standing.
        this.setStatus('reconnected: the view is in sync with the server');
      }
      this.requestFrame();
    });
    // Pods are projected as they are parsed, so their whole objects die young (never promoted
    // while they wait in a batch); the list's projector recognises its own projections later.
    this.source.setPodTransform?.(this.ingestPod);
    // Events likewise: the event table's projection as each is parsed; the watch's cache keeps
    // a record only of those the store keeps whatever their age (the rest pass through).
    this.source.setEventTransform?.(this.events.keep, { recordWhen: keptForDiagnosis });
    this.subscribe();
    if (this.namespace !== undefined) prompts.noteMissingNamespace(this, this.namespace);
    if (this.metricsPollMs !== undefined && this.metricsPollMs > 0 && this.source.podMetrics) {
      this.pollMetrics();
      // A period that ends while a poll is still on its way (the first waits for the pods' first
      // sync, which at 100k pods outlasts a period) is skipped, not queued behind it: only a
      // namespace switch asks again for what a poll on its way will not answer.
      this.metricsTimer = setInterval(() => {
        if (!this.metricsPolling) this.pollMetrics();
      }, this.metricsPollMs);
      this.metricsTimer.unref?.();
    }
  }

  /**
   * One metrics poll: one request for the pods of the namespace in view, and one for the
   * nodes while a node list is open. A poll still on its way is not doubled.
   */
  pollMetrics(): void {
    const source = this.source;
    if (!source.podMetrics) return;
    if (this.metricsPolling) {
      this.metricsAgain = true;
      return;
    }
    this.metricsPolling = true;
    const namespace = this.namespace;
    const wasAbsent = this.metrics.availability === 'absent';
    const current = this.nav.current();
    const nodes = current?.type === 'list' && current.spec.kind === 'Node' && source.nodeMetrics ? source.nodeMetrics() : undefined;
    const podPoll = this.metrics.startPodPoll();
    const poll = Promise.all([source.podMetrics(namespace, podPoll.put), nodes]).then(([podsOutcome, nodeAnswer]) => {
      if (namespace !== this.namespace) return;
      this.metrics.finishPodPoll(podPoll, podsOutcome);
      if (nodeAnswer) this.metrics.applyNodes(nodeAnswer);
      if (this.metrics.availability === 'absent' && !wasAbsent) this.setStatus(`CPU/MEM columns hidden: ${this.metrics.problem ?? 'no metrics API'}`);
      this.pods.usageChanged();
      this.version++;
    });
    this.track(
      poll.finally(() => {
        this.metricsPolling = false;
        if (this.metricsAgain) {
          this.metricsAgain = false;
          this.pollMetrics();
        }
      }),
    );
  }

  stop(): void {
    this.source.setPodTransform?.(undefined);
    this.source.setEventTransform?.(undefined);
    this.shell?.kill();
    void this.forwards.stopAll();
    for (const w of this.watches) w.stop();
    this.watches = [];
    if (this.metricsTimer) clearInterval(this.metricsTimer);
    this.metricsTimer = undefined;
    if (this.sliceTimer !== undefined) clearImmediate(this.sliceTimer);
    this.sliceTimer = undefined;
    if (this.worldTimer !== undefined) clearImmediate(this.worldTimer);
    this.worldTimer = undefined;
    this.statusSub?.stop();
    this.searchWarmup.stop();
    this.filterFill.stop();
    this.podWorld.stop();
    this.nav.stopAll();
  }

  private subscribe(): void {
    for (const w of this.watches) w.stop();
    const scope = { namespace: this.namespace };
    this.watches = [
      this.source.watchPods(scope, (batch) => {
        this.pendingPods.push(batch);
        this.requestFrame();
      }),
      this.source.watchEvents(scope, (batch) => {
        this.pendingEvents.push(batch);
        this.requestFrame();
      }),
    ];
  }

  /** What is still on its way: a frame, API calls, the source's own batches. Empty when idle. */
  pendingWork(): readonly string[] {
    const out: string[] = [];
    if (this.frameScheduled || this.sliceTimer !== undefined) out.push('a frame is scheduled');
    if (this.inflight > 0) out.push(`${this.inflight} API call(s) in flight`);
    if (this.worldTimer !== undefined) out.push("the pod view's world is about to be followed");
    if (this.pendingPods.length + this.pendingEvents.length > 0) out.push('watch batches wait for the next frame');
    if ((this.logs?.pendingCount ?? 0) > 0) out.push('log lines wait for the next frame');
    if (!this.pods.countComplete) out.push('the pod filter is still finding its rows');
    return [...out, ...(this.source.pendingWork?.() ?? [])];
  }

  /** True while anything is still on its way (tests wait on it). */
  get busy(): boolean {
    return this.pendingWork().length > 0;
  }

  get view(): ViewId {
    return this.viewStack[this.viewStack.length - 1]!;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Asks for one frame; any number of calls before it runs cost one render. A throttle with
   * a leading edge: after a quiet spell the frame runs on the next macrotask, within a burst
   * at most one per frameMs.
   */
  requestFrame(): void {
    if (this.frameScheduled) return;
    this.frameScheduled = true;
    const run = (): void => {
      this.frameTimer = undefined;
      this.frame();
    };
    const wait = this.frameMs <= 0 ? 0 : this.lastFrameAt + this.frameMs - performance.now();
    this.frameTimer = wait <= 0 ? { kind: 'immediate', handle: setImmediate(run) } : { kind: 'timeout', handle: setTimeout(run, Math.ceil(wait)) };
  }

  /**
   * Draws the frame a key asked for now, without waiting for the throttle: a keystroke's
   * answer is never held back behind the batching that bursts of deltas get.
   */
  frameNow(): void {
    if (!this.frameScheduled) return;
    this.cancelFrameTimer();
    this.frame();
  }

  /**
   * A key's frame (frameNow without the waiting watch batches): the key's own change is
   * drawn at once, and the batches are applied on the next macrotask, in their order. A key
   * pressed while an Events sync pours in would otherwise wait for thousands of them.
   */
  keyFrame(): void {
    this.lastKeyMs = this.realNow();
    if (!this.frameScheduled) return;
    this.cancelFrameTimer();
    this.frame(0);
  }

  private cancelFrameTimer(): void {
    const t = this.frameTimer;
    this.frameTimer = undefined;
    if (t?.kind === 'timeout') clearTimeout(t.handle);
    else if (t?.kind === 'immediate') clearImmediate(t.handle);
  }

  /**
   * The UI says how to read the time-dependent text of what is on screen (ages, countdowns;
   * not the simulator's clock, which onClockTick follows); a tick then draws only when that
   * text changed. undefined: every tick draws.
   */
  setTickTextProbe(probe: (() => string | undefined) | undefined): void {
    this.tickTextProbe = probe;
    this.lastTickText = undefined;
  }

  /**
   * Time passed (the TUI's ticker): ages and countdowns move, info messages expire. A tick
   * whose reading of the time-dependent text equals the last tick's draws no frame, so an
   * idle screen costs next to nothing. (Texts that move with time only move forward, so a
   * frame drawn between two equal readings showed that same text too.)
   */
  tick(): void {
    const expired = this.expireStatus();
    const second = this.simSecond();
    const clockMoved = second !== this.clockSecond;
    this.clockSecond = second;
    const text = this.tickTextProbe?.();
    const same = text !== undefined && text === this.lastTickText;
    this.lastTickText = text;
    if (same && !expired) {
      // Only the simulator's clock moved: the component that shows it redraws alone.
      if (clockMoved) {
        this.clockTickCount++;
        for (const l of this.clockListeners) l();
      }
      return;
    }
    this.version++;
    this.requestFrame();
  }

  /** The simulated clock's whole second (undefined off the simulator): what the header's clock shows. */
  private simSecond(): number | undefined {
    const sim = this.source.info().simulator;
    return sim ? Math.floor(sim.nowMs / 1000) : undefined;
  }

  /**
   * Called when a tick moved the simulated clock's second and nothing else on screen: the
   * clock's component re-renders itself, not the whole tree (an idle screen against the
   * simulator costs one small render a second). Ticks that change more bump the version.
   */
  onClockTick(listener: () => void): () => void {
    this.clockListeners.add(listener);
    return () => this.clockListeners.delete(listener);
  }

  /** How many clock-only ticks there were (the clock component's snapshot). */
  get clockTicks(): number {
    return this.clockTickCount;
  }

  /**
   * One frame: the waiting watch batches, for at most `budgetMs` (a data frame applies at
   * least one piece, a key's frame none: keyFrame), then the listeners. What the budget
   * left goes on in applySlice on the next macrotask.
   */
  private frame(budgetMs = this.applyBudgetMs): void {
    this.frameScheduled = false;
    this.lastFrameAt = performance.now();
    if (!this.applyPending(budgetMs, budgetMs > 0)) this.scheduleSlice();
    this.publish();
  }

  /** Goes on applying what a frame's budget left; tells the listeners when done, or once a frameMs has passed. */
  private readonly applySlice = (): void => {
    this.sliceTimer = undefined;
    const done = this.applyPending(this.applyBudgetMs, true);
    if (!done) this.scheduleSlice();
    if (done || this.realNow() - this.publishedAt >= this.frameMs) this.publish();
  };

  private scheduleSlice(): void {
    this.sliceTimer ??= setImmediate(this.applySlice);
  }

  /**
   * Applies the waiting batches in the order they came, pods before events (as a frame always
   * did), for at most `budgetMs` of realNow(); `atLeastOne` applies one piece however long it
   * takes. A piece is every waiting pods batch at once (the pod table merges a batch in one
   * pass), or up to EVENT_APPLY_CHUNK events of one batch (a RESET whole). True when nothing
   * is left.
   */
  private applyPending(budgetMs: number, atLeastOne: boolean): boolean {
    const start = this.realNow();
    let first = atLeastOne;
    const timeLeft = (): boolean => {
      if (first) {
        first = false;
        return true;
      }
      return this.realNow() - start < budgetMs;
    };
    if (this.pendingPods.length > 0) {
      if (!timeLeft()) return false;
      this.applyPods();
    }
    while (this.pendingEvents.length > 0) {
      if (!timeLeft()) return false;
      this.applyEventPiece();
    }
    return true;
  }

  private applyPods(): void {
    const batches = this.pendingPods;
    this.pendingPods = [];
    const seenMs = this.source.now();
    const whole = batches.length === 1 ? batches[0]! : batches.flat();
    this.followFocus(whole);
    // From here on, the list's projections: the timeline diffs them as the list holds them.
    const listed = this.pods.projector.projectBatch(whole);
    this.timeline.applyPods(listed, (uid) => this.pods.get(uid)?.pod, seenMs);
    this.pods.apply(listed);
    this.trackFocus();
    if (this.dialog && this.dialog.kind === undefined) this.dialog = noteVanished(this.dialog, (uid) => this.pods.get(uid) !== undefined);
  }

  /** The next run of the oldest events batch: up to EVENT_APPLY_CHUNK deltas, or one RESET. */
  private applyEventPiece(): void {
    const batch = this.pendingEvents[0]!;
    if (batch.length === 0) {
      this.pendingEvents.shift();
      return;
    }
    const from = this.eventsApplied;
    let to = from + 1;
    if (batch[from]!.type !== 'RESET') {
      const end = Math.min(batch.length, from + EVENT_APPLY_CHUNK);
      while (to < end && batch[to]!.type !== 'RESET') to++;
    }
    const piece = from === 0 && to === batch.length ? batch : batch.slice(from, to);
    if (to === batch.length) {
      this.pendingEvents.shift();
      this.eventsApplied = 0;
    } else this.eventsApplied = to;
    this.timeline.applyEvents(piece, (uid) => this.pods.get(uid)?.pod, this.source.now());
    this.events.apply(piece);
  }

  /** What a frame does once its batches are applied: follow-ups, then the listeners (React) are told. */
  private publish(): void {
    this.publishedAt = this.realNow();
    this.lastFrameAt = performance.now();
    logFrame(this);
    this.fetchFocus();
    const typing = this.prompt?.kind === 'filter' && this.view === 'pods';
    this.pods.setTyping(typing);
    if (typing) this.searchWarmup.run(this.pods.everyRow());
    else this.searchWarmup.stop();
    this.filterFill.run();
    this.pinTimeline();
    this.eventHolds.sync(this.eventSubjects(), this.viewStack.includes('events'));
    if (this.metricsTimer && !this.metrics.nodesKnown && !this.metricsPolling && this.metrics.availability !== 'absent') {
      const current = this.nav.current();
      if (current?.type === 'list' && current.spec.kind === 'Node') this.pollMetrics();
    }
    this.version++;
    for (const l of this.listeners) l();
  }

  /** The objects whose whole event lists the open views show: the focused pod (pod view, describe, timeline), each resource describe. */
  private eventSubjects(): EventSubject[] {
    const out: EventSubject[] = [];
    if (this.focusUid !== undefined && (this.viewStack.includes('pod') || this.viewStack.includes('describe') || this.viewStack.includes('timeline'))) {
      const pod = this.focusedPod();
      if (pod) out.push(this.podSubject(pod));
    }
    for (const frame of this.nav.openFrames()) {
      // (A Secret's describe and a kind without a describer show no events.)
      if (frame.type === 'text' && frame.mode === 'describe' && frame.kind !== 'Secret' && entryOf(frame.kind).describer) out.push(subjectOf(frame.kind, textObject(frame).object.metadata));
    }
    return out;
  }

  /** The event subject of a pod: its kind, namespace, name and uid. */
  podSubject(pod: Pod): EventSubject {
    return subjectOf('Pod', pod.metadata);
  }

  /**
   * An open object's whole event list; loading until its LIST answers (also in the moment
   * between a view opening and the frame that holds it).
   */
  subjectEvents(subject: EventSubject): SubjectEvents {
    return this.events.subjects.get(subject) ?? { phase: 'loading', events: [] };
  }

  /** While a view shows the focused pod (pod view, timeline), its timeline is kept, also after the pod is gone. */
  private pinTimeline(): void {
    const uid = this.viewStack.includes('pod') || this.viewStack.includes('timeline') ? this.focusUid : undefined;
    if (uid === this.timelinePin?.uid) return;
    this.timelinePin?.release();
    this.timelinePin = uid === undefined ? undefined : { uid, release: this.timeline.pin(uid) };
  }

  /** Keeps the last known state of the focused pod, so describe still shows it after DELETED. */
  private trackFocus(): void {
    if (this.focusUid === undefined) return;
    const e = this.pods.get(this.focusUid);
    if (e) this.focusLast = e.pod;
  }

  changed(): void {
    this.version++;
    this.requestFrame();
  }

  setStatus(text: string, level: StatusLine['level'] = 'info'): void {
    this.showStatus({ text, level });
    this.changed();
  }

  private showStatus(line: StatusLine): void {
    this.status = line;
    this.statusAt = this.realNow();
  }

  /** True when an info message went. */
  private expireStatus(): boolean {
    if (this.status?.level !== 'info' || this.realNow() - this.statusAt < this.statusInfoMs) return false;
    this.status = undefined;
    return true;
  }

  /**
   * A key was pressed: an error or warning has been seen and goes, except the connection's
   * own alarm while the connection is still down.
   */
  userAction(): void {
    const s = this.status;
    if (s === undefined || s.level === 'info') return;
    if (s === this.connectionAlarm && this.connection.phase !== 'live') return;
    this.status = undefined;
    this.changed();
  }

  // ---- views ---------------------------------------------------------------------

  push(view: ViewId): void {
    if (this.view !== view) {
      this.viewStack.push(view);
      if (view !== 'help') this.nav.dropForward();
    }
    this.changed();
  }

  /** Esc: back one view (never past the root); `]` can return to it. */
  back(): void {
    this.nav.back();
  }

  /** The root view switches (`:pods`, `:events`) instead of stacking. */
  switchRoot(view: ViewId): void {
    this.nav.clear();
    this.viewStack = [view];
    this.changed();
  }

  /** The pod the pod watch holds now, by uid (the logs view follows its restarts through it). */
  podByUid(uid: string): Pod | undefined {
    return this.pods.get(uid)?.pod;
  }

  /**
   * The focused pod: the whole object once fetched (focusWholeHeld()); until then the list's
   * projection, enough for titles, keys and pickers but not for describe, YAML or the pod view.
   */
  focusedPod(): Pod | undefined {
    if (this.focusUid === undefined) return undefined;
    if (this.focusWholeHeld()) return this.focusWhole;
    return this.pods.get(this.focusUid)?.pod ?? this.focusLast;
  }

  /** True when focusedPod() is the whole object (fetched, or brought by a delta since). */
  focusWholeHeld(): boolean {
    return this.focusUid !== undefined && this.focusWhole !== undefined && podUid(this.focusWhole) === this.focusUid;
  }

  /** What a view of the whole pod shows while it does not have it: on its way, or why it could not be had. */
  focusNotice(): string {
    const pod = this.focusedPod();
    const name = `${pod?.metadata?.namespace ?? ''}/${pod?.metadata?.name ?? ''}`;
    const failure = this.focusFailure?.uid === this.focusUid ? this.focusFailure : undefined;
    return failure ? `cannot show pod ${name}: ${failure.message}` : `getting pod ${name} from the server…`;
  }

  /** Starts the GET of the whole focused pod, unless it is held, on its way, or failed for this pod already. */
  private fetchFocus(): void {
    const uid = this.focusUid;
    if (uid === undefined || this.focusWholeHeld() || this.focusFetch?.uid === uid || this.focusFailure?.uid === uid) return;
    const known = this.pods.get(uid)?.pod ?? this.focusLast;
    const namespace = known?.metadata?.namespace;
    const name = known?.metadata?.name;
    if (!namespace || !name) return;
    const here = this.source.peekPod?.(namespace, name);
    if (here !== undefined && podUid(here) === uid) return this.takeWhole(here, false);
    const fetch = { uid };
    this.focusFetch = fetch;
    this.track(
      this.source.getPod(namespace, name).then(
        (pod) => {
          if (this.focusFetch !== fetch) return;
          this.focusFetch = undefined;
          // Gone, or replaced by a namesake: the deltas bring its last state if the list still had it.
          if (pod === undefined || podUid(pod) !== uid) this.focusFailure = { uid, message: 'the server no longer has it' };
          else this.takeWhole(pod, false);
          this.changed();
        },
        (err: unknown) => {
          if (this.focusFetch !== fetch) return;
          this.focusFetch = undefined;
          this.focusFailure = { uid, message: errorText(err) };
          this.changed();
        },
      ),
    );
  }

  /** The focused pod's whole object from a delta (always newer) or a GET (kept unless a delta already brought a newer one). */
  private takeWhole(pod: Pod, fromDelta: boolean): void {
    const held = this.focusWholeHeld() ? this.focusWhole : undefined;
    if (!fromDelta && held) {
      const had = Number(held.metadata?.resourceVersion);
      const got = Number(pod.metadata?.resourceVersion);
      if (Number.isFinite(had) && Number.isFinite(got) && got <= had) return;
    }
    this.focusWhole = conformPod(pod);
    if (this.focusFailure?.uid === podUid(pod)) this.focusFailure = undefined;
  }

  /** Each pod a pods watch parses: the focused one's whole object is kept for followFocus; the list gets its projection. */
  private readonly ingestPod = (pod: Pod): Pod => {
    if (this.focusUid !== undefined && podUid(pod) === this.focusUid) this.focusParsed = pod;
    return this.pods.projector.project(pod);
  };

  /**
   * The views follow the focused pod from the watch: from the whole object its parse left
   * (focusParsed), or from the deltas where they carry whole objects (the simulator's).
   */
  private followFocus(batch: DeltaBatch<Pod>): void {
    const parsed = this.focusParsed;
    this.focusParsed = undefined;
    const uid = this.focusUid;
    if (uid === undefined) return;
    if (parsed !== undefined && podUid(parsed) === uid) this.takeWhole(parsed, true);
    const whole = (p: Pod): boolean => podUid(p) === uid && !this.pods.projector.isProjection(p);
    for (const d of batch) {
      if (d.type === 'RESET') {
        const p = d.objects.find(whole);
        if (p) this.takeWhole(p, true);
      } else if (whole(d.object)) this.takeWhole(d.object, true);
    }
  }

  /** True when the focused pod has left the cluster (views show its last state). */
  focusGone(): boolean {
    return this.focusUid !== undefined && !this.pods.get(this.focusUid);
  }

  openFocused(view: 'pod' | 'describe' | 'yaml' | 'timeline'): void {
    const sel = this.view === 'pods' ? this.pods.selected() : undefined;
    if (sel) {
      this.focusUid = sel.uid;
      this.focusLast = sel.pod;
    }
    if (!this.focusedPod()) return;
    this.refetchFocus();
    if (view === 'pod') {
      this.podView.reset();
      this.followWorld();
    } else this.textScroll[view].reset();
    this.push(view);
  }

  get eventScroll(): ScrollOffset {
    return this.textScroll.event;
  }

  /** Opens the pod view on a pod of the list by uid; false when the list does not hold it. */
  openPodByUid(uid: string): boolean {
    const entry = this.pods.get(uid);
    if (!entry) return false;
    this.focusUid = entry.uid;
    this.focusLast = entry.pod;
    this.refetchFocus();
    this.podView.reset();
    this.followWorld();
    this.push('pod');
    return true;
  }

  /** Opening a pod again tries again a GET that failed. */
  private refetchFocus(): void {
    if (this.focusFailure?.uid === this.focusUid) this.focusFailure = undefined;
    this.fetchFocus();
  }

  /**
   * The pod view's world follows the focused pod's namespace, from the next macrotask on: its
   * watches' connections (a TLS handshake each, ~5 ms) are not made before the key's frame.
   */
  private followWorld(): void {
    const ns = this.focusedPod()?.metadata?.namespace;
    if (!ns) return;
    if (this.worldTimer !== undefined) clearImmediate(this.worldTimer);
    this.worldTimer = setImmediate(() => {
      this.worldTimer = undefined;
      this.podWorld.follow(ns);
    });
  }

  get podPane(): PodPane {
    return this.podView.pane;
  }

  cyclePane(step: number): void {
    this.podView.cycle(step);
    this.changed();
  }

  openHelp(): void {
    this.textScroll.help.reset();
    this.push('help');
  }

  /** What the scroll keys move in the view in front, if anything. */
  scrollTarget(): ScrollTarget | undefined {
    const v = this.view;
    if (v === 'pod') return `pod:${this.podView.pane}`;
    return v === 'describe' || v === 'yaml' || v === 'event' || v === 'help' || v === 'timeline' ? v : undefined;
  }

  private offset(target: ScrollTarget): ScrollOffset {
    return target.startsWith('pod:') ? this.podView.scroll[target.slice(4) as PodPane] : this.textScroll[target as TextViewId];
  }

  scrollBy(delta: number, max: number): void {
    const target = this.scrollTarget();
    if (target === undefined) return;
    this.offset(target).by(delta, max);
    this.changed();
  }

  scrollOffset(target: ScrollTarget): number {
    return this.offset(target).value;
  }

  // ---- pod list ------------------------------------------------------------------

  move(delta: number): void {
    this.pods.moveBy(delta);
    this.changed();
  }

  moveTo(index: number): void {
    this.pods.moveTo(index);
    this.changed();
  }

  toggleSort(key: SortKey): void {
    this.pods.toggleSort(key);
    this.changed();
  }

  toggleMark(): void {
    this.pods.toggleMark();
    this.pods.moveBy(1);
    this.changed();
  }

  /** ctrl-\\: every mark goes, the hidden ones too. */
  clearMarks(): void {
    const n = this.pods.marks.size;
    this.pods.clearMarks();
    this.setStatus(n === 0 ? 'no marks to clear' : `${n} mark${n === 1 ? '' : 's'} cleared`);
  }

  quit(): void {
    this.quitRequested = true;
    this.changed();
  }

  /** Hands the terminal to a program: the UI leaves the screen, runs it, and comes back (tui.ts). */
  suspendFor(command: ExternalCommand): void {
    this.suspension = command;
    this.changed();
  }

  /** The program waiting for the terminal, taken once. */
  takeSuspension(): ExternalCommand | undefined {
    const s = this.suspension;
    this.suspension = undefined;
    return s;
  }

  findKubectl(): string | undefined {
    return this.kubectlFinder();
  }

  kubectlDetaches(kubectl: string): boolean {
    return this.detachProbe(kubectl);
  }

  /** The in-process shell's screen: the view's body (the title line above it, the footer below). */
  shellSize(): { cols: number; rows: number } {
    return { cols: this.columns, rows: Math.max(1, this.rows - SHELL_CHROME_ROWS) };
  }

  // ---- namespaces and contexts ---------------------------------------------------

  /**
   * `:ns`, the picker, `0`: a namespace named anew becomes favourite 1. A favourite chosen by
   * its digit keeps its place (as k9s does), so the digits stay where the fingers learnt them.
   */
  switchNamespace(ns: string | undefined, options: { keepFavourites?: boolean } = {}): void {
    if (ns !== undefined && !options.keepFavourites) this.recentNamespaces = [ns, ...this.recentNamespaces.filter((n) => n !== ns)].slice(0, 9);
    if (ns === this.namespace) return this.changed();
    this.namespace = ns;
    this.enterNewScope();
    this.subscribe();
    this.setStatus(ns === undefined ? 'all namespaces' : `namespace ${ns}`);
  }

  /**
   * A new namespace or context: marks belong to the list they were made in, and a view of
   * one pod goes back to the list (the pod is not gone, it is out of scope).
   */
  private enterNewScope(): void {
    this.pods.clearMarks();
    this.metrics.clearPods();
    if (this.metricsTimer) queueMicrotask(() => this.pollMetrics());
    this.dialog = undefined;
    if (this.viewStack.length > 1) this.viewStack = [this.viewStack[0]!];
    this.nav.rescope();
    this.focusUid = undefined;
    this.focusLast = undefined;
    this.focusWhole = undefined;
    this.focusParsed = undefined;
    this.focusFetch = undefined;
    this.focusFailure = undefined;
  }

  /** `1`–`9`: the n-th favourite namespace (most recently named first; choosing one keeps the order). */
  recentNamespace(n: number): void {
    const ns = this.recentNamespaces[n - 1];
    if (ns !== undefined) this.switchNamespace(ns, { keepFavourites: true });
    else this.setStatus(`no namespace on ${n} yet: :ns NAME adds one (the header lists them)`);
  }

  switchContext(name: string): void {
    this.track(
      this.source.switchContext(name).then(
        () => {
          // As at start-up, kubectl and k9s: the new context's own namespace.
          this.namespace = this.source.defaultNamespace();
          this.recentNamespaces = [this.namespace, ...this.recentNamespaces.filter((n) => n !== this.namespace)].slice(0, 9);
          this.enterNewScope();
          this.subscribe();
          this.setStatus(`context ${name}, namespace ${this.namespace}`);
        },
        (err: unknown) => this.setStatus(errorText(err), 'error'),
      ),
    );
  }

  /** Counts an API call in `busy` until it settles, then asks for a frame. */
  track(p: Promise<unknown>): void {
    this.inflight++;
    void p.finally(() => {
      this.inflight--;
      this.requestFrame();
    });
  }

  resize(columns: number, rows: number): void {
    if (columns === this.columns && rows === this.rows) return;
    this.columns = columns;
    this.rows = rows;
    this.podColumns.reset();
    this.shell?.resize(this.shellSize());
    this.changed();
  }
}

