// Rehearsing on the simulator from the TUI: hold, step and speed up simulated time, and inject
// faults into the selected pod's containers or the selected node, each after a confirmation.
// Everything goes through the source's simulator control, which refuses changes under --readonly.
import { errorText } from '../kube/errorText.js';
import { formatGoDuration } from '../kube/goDuration.js';
import { MAX_SPEED, MAX_STEP_MS, type Fault, type SimControlStatus, type TimeCommand } from '../kube/simControl.js';
import type { Node, Pod } from '../kube/types.js';
import type { ClusterSource } from '../source/types.js';
import type { ConfirmDialog } from './confirmDialog.js';
import type { Navigation } from './navigation.js';
import type { PodTable } from './podTable.js';
import { currentList } from './resourceActions.js';
import type { Picker, StatusLine, ViewId } from './viewTypes.js';

export interface SimHost {
  readonly source: ClusterSource;
  readonly readonly: boolean;
  readonly view: ViewId;
  readonly nav: Navigation;
  readonly pods: PodTable;
  picker: Picker | undefined;
  focusedPod(): Pod | undefined;
  setStatus(text: string, level?: StatusLine['level']): void;
  changed(): void;
  track(p: Promise<unknown>): void;
}

/** The speeds `+` and `-` move between. */
export const SPEED_STEPS: readonly number[] = [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600];

/** The next speed up (+1) or down (-1) from `current`, or undefined at either end. */
export function nextSpeed(current: number, direction: 1 | -1): number | undefined {
  const found = direction > 0 ? SPEED_STEPS.find((s) => s > current) : [...SPEED_STEPS].reverse().find((s) => s < current);
  return found === undefined || found > MAX_SPEED ? undefined : found;
}

export function onSimulator(app: Pick<SimHost, 'source'>): true | string {
  return app.source.info().simulator ? true : 'only on the simulator (--sim, or a podscope sim serve cluster)';
}

export function canControl(app: Pick<SimHost, 'source' | 'readonly'>): true | string {
  const sim = onSimulator(app);
  if (sim !== true) return sim;
  return app.readonly ? 'read-only mode (--readonly): podscope never changes the cluster' : true;
}

function clockText(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

function describeStatus(s: SimControlStatus): string {
  return `${clockText(s.nowMs)} x${s.speed}${s.paused ? ' PAUSED' : ''}`;
}

/** Runs `fn` with the source's control, or says why there is none. */
function withControl(app: SimHost, fn: (control: NonNullable<Awaited<ReturnType<NonNullable<ClusterSource['simulatorControl']>>>>) => Promise<string>): void {
  const ask = app.source.simulatorControl?.() ?? Promise.resolve(undefined);
  app.track(
    ask
      .then(async (control) => {
        if (!control) return app.setStatus('this simulator offers no control (it serves no /podscope/sim/v1 endpoint)', 'error');
        app.setStatus(await fn(control));
      })
      .catch((err: unknown) => app.setStatus(errorText(err), 'error'))
      .finally(() => app.changed()),
  );
}

export function runTime(app: SimHost, command: TimeCommand, said: (s: SimControlStatus) => string): void {
  withControl(app, async (control) => said(await control.time(command)));
}

export function togglePause(app: SimHost): void {
  const paused = app.source.info().simulator?.paused === true;
  runTime(app, { action: paused ? 'resume' : 'pause' }, (s) => (s.paused ? `simulated time paused at ${describeStatus(s)}` : `simulated time runs again: ${describeStatus(s)}`));
}

export function step(app: SimHost, ms: number): void {
  runTime(app, { action: 'step', ms }, (s) => `stepped ${formatGoDuration(ms)}: ${describeStatus(s)}`);
}

export function stepToNextEvent(app: SimHost): void {
  runTime(app, { action: 'step-next' }, (s) => `stepped to the next scheduled event: ${describeStatus(s)}`);
}

export function changeSpeed(app: SimHost, direction: 1 | -1): void {
  const current = app.source.info().simulator?.speed ?? 1;
  const speed = nextSpeed(current, direction);
  if (speed === undefined) return app.setStatus(`speed x${current} is already the ${direction > 0 ? 'fastest' : 'slowest'} step`, 'warning');
  runTime(app, { action: 'speed', speed }, (s) => `speed x${s.speed}: ${describeStatus(s)}`);
}

// ---- fault injection ----------------------------------------------------------------------

type Target = { kind: 'Pod'; pod: Pod } | { kind: 'Node'; node: Node };

/** The object `!` acts on: the selected pod (list, pod view, a pod list of a resource) or node. */
export function faultTarget(app: SimHost): Target | undefined {
  if (app.view === 'pods') {
    const pod = app.pods.selected()?.pod;
    return pod ? { kind: 'Pod', pod } : undefined;
  }
  if (app.view === 'pod') {
    const pod = app.focusedPod();
    return pod ? { kind: 'Pod', pod } : undefined;
  }
  const frame = currentList(app);
  const row = frame?.table.selected();
  if (!frame || !row) return undefined;
  if (frame.table.kind === 'Pod') return { kind: 'Pod', pod: row.object as Pod };
  if (frame.table.kind === 'Node') return { kind: 'Node', node: row.object as Node };
  return undefined;
}

export function canInject(app: SimHost): true | string {
  const c = canControl(app);
  if (c !== true) return c;
  return faultTarget(app) ? true : 'select a pod or a node';
}

interface MenuItem {
  label: string;
  dialog: () => ConfirmDialog;
}

const SECONDS_LIMIT = MAX_STEP_MS / 1000;

function parseSeconds(text: string | undefined): number | string {
  const n = Number(text);
  if (!text || !Number.isInteger(n) || n <= 0 || n > SECONDS_LIMIT) return `the duration must be 1 to ${SECONDS_LIMIT} seconds, got "${text ?? ''}"`;
  return n * 1000;
}

function podMenu(app: SimHost, pod: Pod): MenuItem[] {
  const ns = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  const where = `${ns}/${name}`;
  const items: MenuItem[] = [];
  const inject = (fault: Fault) => injectNow(app, fault);
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const container = c.name;
    const base = { namespace: ns, pod: name, container };
    items.push({
      label: `crash ${container} now (exit code of your choice)`,
      dialog: () => ({
        title: `Crash container ${container} of ${where}?`,
        lines: ['It exits now with the code below; the restart policy and the back-off decide what follows.'],
        field: { label: 'exit code', text: '1', edited: false },
        focus: 'cancel',
        run: (text) => {
          const code = Number(text);
          if (!text || !Number.isInteger(code) || code < 0 || code > 255) return app.setStatus(`an exit code is 0-255, got "${text ?? ''}"`, 'error');
          inject({ action: 'crash', ...base, exitCode: code });
        },
      }),
    });
    items.push({
      label: `OOM-kill ${container} (memory over its limit: OOMKilled, exit 137)`,
      dialog: () => ({
        title: `Push the memory of ${container} of ${where} over its limit?`,
        lines: ['The kernel kills it: OOMKilled, exit code 137, as the kubelet reports it.'],
        focus: 'cancel',
        run: () => inject({ action: 'oom', ...base }),
      }),
    });
    const timed = (action: 'fail-liveness' | 'fail-readiness' | 'fail-pulls', label: string, title: string, line: string, seconds: string): MenuItem => ({
      label,
      dialog: () => ({
        title,
        lines: [line],
        field: { label: 'for seconds', text: seconds, edited: false },
        focus: 'cancel',
        run: (text) => {
          const ms = parseSeconds(text);
          if (typeof ms === 'string') return app.setStatus(ms, 'error');
          inject({ action, ...base, forMs: ms });
        },
      }),
    });
    if (c.livenessProbe) {
      items.push(timed('fail-liveness', `fail ${container}'s liveness probe for a while`, `Make the liveness probe of ${container} of ${where} fail?`, 'After failureThreshold failures the kubelet kills and restarts it.', '30'));
    }
    if (c.readinessProbe) {
      items.push(timed('fail-readiness', `fail ${container}'s readiness probe for a while`, `Make the readiness probe of ${container} of ${where} fail?`, 'After failureThreshold failures the pod is not Ready (and leaves its Services).', '30'));
    }
    items.push(timed('fail-pulls', `fail ${container}'s image pulls for a while`, `Make image pulls of ${container} of ${where} fail?`, 'The node forgets the image: its next start pulls, fails (ErrImagePull) and backs off.', '120'));
  }
  return items;
}

function nodeMenu(app: SimHost, node: Node): MenuItem[] {
  const name = node.metadata?.name ?? '';
  const action = (a: 'stop-node' | 'start-node' | 'delete-node', label: string, title: string, line: string): MenuItem => ({
    label,
    dialog: () => ({ title, lines: [line], focus: 'cancel', run: () => injectNow(app, { action: a, node: name }) }),
  });
  return [
    action('stop-node', `stop node ${name}`, `Stop node ${name}?`, 'Its kubelet stops: no lease renewal; NotReady/Unknown after 40 s, evictions after 5 min.'),
    action('start-node', `start node ${name}`, `Start node ${name}?`, 'Its kubelet comes back, renews its lease and takes up its pods.'),
    action('delete-node', `delete node ${name}`, `Delete node ${name}?`, 'The Node object goes; its pods are garbage-collected.'),
  ];
}

function injectNow(app: SimHost, fault: Fault): void {
  withControl(app, (control) => control.inject(fault));
}

/** `!`: the faults that fit the selection, as a picker; choosing one opens its confirmation. */
export function openFaultMenu(app: SimHost): void {
  const target = faultTarget(app);
  if (!target) return app.setStatus('select a pod or a node to inject a fault into', 'warning');
  const items = target.kind === 'Pod' ? podMenu(app, target.pod) : nodeMenu(app, target.node);
  const what = target.kind === 'Pod' ? `pod ${target.pod.metadata?.namespace ?? ''}/${target.pod.metadata?.name ?? ''}` : `node ${target.node.metadata?.name ?? ''}`;
  app.picker = {
    kind: 'sim',
    items: items.map((i) => i.label),
    cursor: 0,
    title: `Inject a fault into ${what}`,
    choose: (label) => {
      const item = items.find((i) => i.label === label);
      if (item) app.nav.confirm = item.dialog();
      app.changed();
    },
  };
  app.changed();
}
