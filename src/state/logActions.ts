// Opening the logs view (`l`, `p`; a container picker when the pod has several), saving what
// it shows (ctrl-s), and its per-frame upkeep, as functions over the part of the app they need.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorText } from '../kube/errorText.js';
import type { Pod } from '../kube/types.js';
import type { ClusterSource } from '../source/types.js';
import { defaultLogContainer, logContainers } from './logTarget.js';
import { LogViewState, type LogViewOptions } from './logViewState.js';
import type { Picker, StatusLine, ViewId } from './viewTypes.js';

/** The picker's item that reads every container at once. */
export const ALL_CONTAINERS = 'all containers';

/** What the log actions read and change: the app, seen from the logs view. */
export interface LogsHost {
  readonly source: ClusterSource;
  readonly viewStack: readonly ViewId[];
  logs: LogViewState | undefined;
  picker: Picker | undefined;
  /** Options for new logs views (tests shrink the ring). */
  logViewOptions?: LogViewOptions;
  podByUid(uid: string): Pod | undefined;
  push(view: ViewId): void;
  setStatus(text: string, level?: StatusLine['level']): void;
  requestFrame(): void;
  changed(): void;
}

/** Where ctrl-s writes: a podscope folder in the OS temp dir (TMPDIR moves it). */
export function logSaveDir(): string {
  return join(tmpdir(), 'podscope');
}

/**
 * `l` / `p` on a pod: straight to its only container, else a picker of its containers (the
 * cursor on kubectl's default) with "all containers" last.
 */
export function openLogs(app: LogsHost, pod: Pod | undefined, previous: boolean): void {
  if (!pod?.metadata?.uid) {
    app.setStatus('no pod selected', 'error');
    return;
  }
  const containers = logContainers(pod);
  if (containers.length === 0) {
    app.setStatus(`pod ${pod.metadata.name} has no containers`, 'error');
    return;
  }
  if (containers.length === 1) return showLogs(app, pod, containers, previous);
  const items = [...containers, ALL_CONTAINERS];
  const preferred = defaultLogContainer(pod);
  app.picker = {
    kind: 'container',
    items,
    cursor: Math.max(0, preferred === undefined ? 0 : items.indexOf(preferred)),
    title: `${previous ? 'Previous logs' : 'Logs'} of ${pod.metadata.name}: which container?`,
    choose: (item) => showLogs(app, pod, item === ALL_CONTAINERS ? containers : [item], previous),
  };
  app.changed();
}

function showLogs(app: LogsHost, pod: Pod, containers: readonly string[], previous: boolean): void {
  app.logs?.stop();
  const host = {
    source: app.source,
    requestFrame: () => app.requestFrame(),
    setStatus: (text: string, level?: StatusLine['level']) => app.setStatus(text, level),
    podByUid: (uid: string) => app.podByUid(uid),
  };
  const target = { namespace: pod.metadata?.namespace ?? 'default', pod: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '', containers, previous };
  app.logs = new LogViewState(host, target, app.logViewOptions);
  app.logs.start();
  app.push('logs');
}

/** Once per frame: queued lines into the ring; a view no longer on the stack stops its streams. */
export function logFrame(app: LogsHost): void {
  if (!app.logs) return;
  if (!app.viewStack.includes('logs')) {
    app.logs.stop();
    app.logs = undefined;
    return;
  }
  app.logs.applyFrame();
}

function fileStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** ctrl-s: what the view shows (filter, prefixes and timestamps as on screen) to a file; the status line says where. */
export function saveLogs(app: LogsHost, now = new Date()): string | undefined {
  const v = app.logs;
  if (!v) return undefined;
  const who = v.allContainers ? 'all' : v.target.containers[0]!;
  const name = `${v.target.namespace}_${v.target.pod}_${who}${v.target.previous ? '_previous' : ''}_${fileStamp(now)}.log`;
  const dir = logSaveDir();
  const path = join(dir, name);
  try {
    mkdirSync(dir, { recursive: true });
    const text = v.shownText();
    writeFileSync(path, text);
    const lines = v.shownCount;
    app.setStatus(`saved ${lines} line${lines === 1 ? '' : 's'} to ${path}`);
    return path;
  } catch (err) {
    app.setStatus(`cannot save the logs to ${path}: ${errorText(err)}`, 'error');
    return undefined;
  }
}
