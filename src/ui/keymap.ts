// Every key binding, as data. One keymap per view plus the global one and the modal ones
// (dialog, prompt, picker). The input handler, the footer hints and the `?` help screen
// all read these tables, so what the help says is what the keys do.
import type { AppState, ViewId } from '../state/appState.js';
import * as deletes from '../state/deleteActions.js';
import * as events from '../state/eventActions.js';
import * as logs from '../state/logActions.js';
import * as pickers from '../state/pickerActions.js';
import * as prompts from '../state/promptActions.js';
import * as sim from '../state/simActions.js';
import { kindWords } from '../state/resourceActions.js';
import type { PodPane } from '../state/viewTypes.js';
import { keyLabel, keySequence } from './keys.js';
import * as access from '../state/podAccessActions.js';
import { bodyHeight } from './layout.js';
import { wrapLines } from './text.js';
import { podPaneMaxScroll, scrollableLength } from './views/scrollLength.js';

import type { Binding, KeyContext, Keymap } from './keymapTypes.js';
import { CONFIRM_KEYMAP, NAV_KEYMAP, RESOURCE_KEYMAP } from './resourceKeymap.js';

export type { Binding, KeyContext, Keymap } from './keymapTypes.js';

const READONLY_REASON = 'read-only mode (--readonly): podscope never changes the cluster';
const writable = ({ app }: KeyContext): true | string => (app.readonly ? READONLY_REASON : true);
const hasSelection = ({ app }: KeyContext): true | string => (app.pods.selected() ? true : 'no pod selected');
const writableWithPod = (ctx: KeyContext): true | string => {
  const w = writable(ctx);
  return w === true ? hasSelection(ctx) : w;
};

const page = (app: AppState): number => bodyHeight(app.rows);

/** How far the text view in front can scroll: its length, computed from the state (not from the last render). */
const maxScroll = (app: AppState): number => {
  const target = app.scrollTarget();
  if (target === undefined) return 0;
  if (target.startsWith('pod:')) return podPaneMaxScroll(app, target.slice(4) as PodPane);
  const length = target === 'help' ? wrapLines(helpLines(app), app.columns).length : scrollableLength(app, target as 'describe' | 'yaml' | 'event' | 'timeline');
  return Math.max(0, length - page(app));
};

const SHELL_WORDS = 'shell into the container (kubectl exec -it)';
const ATTACH_WORDS = "attach to the container's main process (kubectl attach -it)";
const ATTACH_WAY_BACK =
  'back to podscope: ctrl-p ctrl-q detaches (kubectl 1.36+); ctrl-c when the container has no stdin or no TTY; otherwise when its process ends (a shell: exit). On --sim: ctrl-] detaches';
const FORWARD_WORDS = 'port-forward a declared port';
const forwardsList: Binding = { keys: ['f'], action: 'forwards', description: 'the port-forwards started here (stop them there)', run: (a) => a.push('forwards') };

const quitAnywhere: Binding = { keys: ['ctrl-c'], action: 'quit', description: 'quit', run: (a) => a.quit() };

export const GLOBAL_KEYMAP: Keymap = {
  name: 'global',
  bindings: [
    { keys: ['?'], action: 'help', description: 'show the keys of this view', hint: true, run: (a) => a.openHelp() },
    {
      keys: [':'],
      action: 'command',
      description: `command mode (:pods :events :ns :ctx :q; a kind's list: ${kindWords()}, or any plural, singular or short name)`,
      hint: true,
      run: (a) => prompts.openPrompt(a, 'command'),
    },
    quitAnywhere,
  ],
};

const NOT_BUILT = 'not built yet in podscope';
const notBuilt = (keys: string[], description: string): Binding => ({
  keys,
  action: 'notBuilt',
  description,
  enabled: () => NOT_BUILT,
  run: () => undefined,
});

/**
 * Keys a k9s user reaches for that podscope does not have yet: they answer in the status
 * line instead of doing nothing. Each goes when its feature is built.
 */
export const NOT_YET_KEYMAP: Keymap = {
  name: 'k9s keys not built yet',
  bindings: [
    notBuilt(['ctrl-e'], 'hide the header'),
  ],
};

/** Rehearsing on the simulator: its time and faults (README, "Rehearsing on the simulator"). */
export const SIM_KEYMAP: Keymap = {
  name: 'simulator',
  bindings: [
    { keys: ['ctrl-p'], action: 'pauseTime', description: 'pause / resume simulated time', enabled: ({ app }) => sim.canControl(app), run: (a) => sim.togglePause(a) },
    { keys: ['.'], action: 'step1s', description: 'step simulated time 1 s', enabled: ({ app }) => sim.canControl(app), run: (a) => sim.step(a, 1000) },
    { keys: ['>'], action: 'step10s', description: 'step simulated time 10 s', enabled: ({ app }) => sim.canControl(app), run: (a) => sim.step(a, 10_000) },
    { keys: ['ctrl-n'], action: 'stepNext', description: "step to the simulator's next scheduled event", enabled: ({ app }) => sim.canControl(app), run: (a) => sim.stepToNextEvent(a) },
    { keys: ['+'], action: 'faster', description: 'simulated time faster', enabled: ({ app }) => sim.canControl(app), run: (a) => sim.changeSpeed(a, 1) },
    { keys: ['-'], action: 'slower', description: 'simulated time slower', enabled: ({ app }) => sim.canControl(app), run: (a) => sim.changeSpeed(a, -1) },
    { keys: ['!'], action: 'fault', description: 'inject a fault into the selected pod or node (a menu)', enabled: ({ app }) => sim.canInject(app), run: (a) => sim.openFaultMenu(a) },
  ],
};

/** ctrl-c quits from a dialog, prompt or picker too (Ink's own ctrl-c exit is off). */
const MODAL_QUIT_KEYMAP: Keymap = { name: 'quit', bindings: [quitAnywhere] };

/** Usage sorting needs the usage: a cluster with a metrics API. */
const withMetrics = ({ app }: KeyContext): true | string =>
  app.metrics.available ? true : app.metrics.availability === 'absent' ? 'the cluster serves no metrics API (metrics.k8s.io)' : 'no metrics yet';

export const POD_LIST_KEYMAP: Keymap = {
  name: 'pods',
  bindings: [
    { keys: ['up', 'k'], action: 'up', description: 'previous pod', run: (a) => a.move(-1) },
    { keys: ['down', 'j'], action: 'down', description: 'next pod', run: (a) => a.move(1) },
    { keys: ['pgup'], action: 'pageUp', description: 'page up', run: (a) => a.move(-page(a)) },
    { keys: ['pgdn'], action: 'pageDown', description: 'page down', run: (a) => a.move(page(a)) },
    { keys: ['g', 'home'], action: 'top', description: 'first pod', run: (a) => a.moveTo(0) },
    { keys: ['G', 'end'], action: 'bottom', description: 'last pod', run: (a) => a.moveTo(Number.MAX_SAFE_INTEGER) },
    { keys: ['enter'], action: 'open', description: 'pod view: phase, containers, events', hint: true, enabled: hasSelection, run: (a) => a.openFocused('pod') },
    { keys: ['d'], action: 'describe', description: 'describe (kubectl describe pod)', hint: true, enabled: hasSelection, run: (a) => a.openFocused('describe') },
    { keys: ['y'], action: 'yaml', description: 'the pod as YAML', hint: true, enabled: hasSelection, run: (a) => a.openFocused('yaml') },
    { keys: ['e'], action: 'events', description: 'event tail of the namespace', hint: true, run: (a) => a.push('events') },
    { keys: ['l'], action: 'logs', description: "the pod's logs, followed (a picker when it has several containers)", hint: true, enabled: hasSelection, run: (a) => logs.openLogs(a, a.pods.selected()?.pod, false) },
    { keys: ['p'], action: 'previous', description: "the previous instance's logs (kubectl logs --previous)", enabled: hasSelection, run: (a) => logs.openLogs(a, a.pods.selected()?.pod, true) },
    { keys: ['t'], action: 'timeline', description: "the pod's timeline: what changed, when, with its events", hint: true, enabled: hasSelection, run: (a) => a.openFocused('timeline') },
    { keys: ['/'], action: 'filter', description: 'filter: text or regex, !inverse, -l label selector, -f fuzzy', hint: true, run: (a) => prompts.openPrompt(a, 'filter') },
    { keys: ['esc'], action: 'clearFilter', description: 'clear the filter', run: (a) => prompts.clearFilter(a) },
    { keys: ['N'], action: 'sortName', description: 'sort by name (again: reverse)', run: (a) => a.toggleSort('name') },
    { keys: ['A'], action: 'sortAge', description: 'sort by age (again: reverse)', run: (a) => a.toggleSort('age') },
    { keys: ['S'], action: 'sortStatus', description: 'sort by status (again: reverse)', run: (a) => a.toggleSort('status') },
    { keys: ['R'], action: 'sortRestarts', description: 'sort by restarts (again: reverse)', run: (a) => a.toggleSort('restarts') },
    { keys: ['space'], action: 'mark', description: 'mark / unmark the pod', enabled: hasSelection, run: (a) => a.toggleMark() },
    { keys: ['ctrl-\\'], action: 'clearMarks', description: 'clear every mark (hidden ones too)', run: (a) => a.clearMarks() },
    { keys: ['ctrl-d'], action: 'delete', description: 'delete the pod (or the marked pods) with a grace period', hint: true, enabled: writableWithPod, run: (a) => deletes.openDelete(a, false) },
    { keys: ['ctrl-k'], action: 'kill', description: 'kill: delete with Force (grace 0)', enabled: writableWithPod, run: (a) => deletes.openDelete(a, true) },
    { keys: ['s'], action: 'shell', description: SHELL_WORDS, hint: true, enabled: writableWithPod, run: (a) => access.openShell(a, a.pods.selected()?.pod) },
    { keys: ['a'], action: 'attach', description: ATTACH_WORDS, detail: ATTACH_WAY_BACK, enabled: writableWithPod, run: (a) => access.openAttach(a, a.pods.selected()?.pod) },
    { keys: ['F'], action: 'portForward', description: FORWARD_WORDS, enabled: writableWithPod, run: (a) => access.openForward(a, a.pods.selected()?.pod) },
    forwardsList,
    { keys: ['0'], action: 'allNamespaces', description: 'all namespaces', run: (a) => a.switchNamespace(undefined) },
    {
      keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
      action: 'recentNamespace',
      description: 'the n-th favourite namespace (as listed in the header)',
      run: (a, key) => a.recentNamespace(Number(key)),
    },
    { keys: ['q'], action: 'quit', description: 'quit', hint: true, run: (a) => a.quit() },
    { keys: ['C'], action: 'sortCpu', description: 'sort by CPU use, busiest first (again: reverse); with a metrics API', enabled: withMetrics, run: (a) => a.toggleSort('cpu') },
    { keys: ['M'], action: 'sortMem', description: 'sort by memory use, biggest first (again: reverse); with a metrics API', enabled: withMetrics, run: (a) => a.toggleSort('mem') },
  ],
};

const scrollBindings = (): Binding[] => [
  { keys: ['up', 'k'], action: 'up', description: 'scroll up', run: (a) => a.scrollBy(-1, maxScroll(a)) },
  { keys: ['down', 'j'], action: 'down', description: 'scroll down', run: (a) => a.scrollBy(1, maxScroll(a)) },
  { keys: ['pgup'], action: 'pageUp', description: 'page up', run: (a) => a.scrollBy(-page(a), maxScroll(a)) },
  { keys: ['pgdn', 'space'], action: 'pageDown', description: 'page down', run: (a) => a.scrollBy(page(a), maxScroll(a)) },
  { keys: ['g', 'home'], action: 'top', description: 'top', run: (a) => a.scrollBy(-Number.MAX_SAFE_INTEGER, maxScroll(a)) },
  { keys: ['G', 'end'], action: 'bottom', description: 'bottom', run: (a) => a.scrollBy(Number.MAX_SAFE_INTEGER, maxScroll(a)) },
];

const back: Binding = { keys: ['esc', 'q'], action: 'back', description: 'back', hint: true, run: (a) => a.back() };
const deleteFocused: Binding = {
  keys: ['ctrl-d'],
  action: 'delete',
  description: 'delete this pod with a grace period',
  hint: true,
  enabled: (ctx) => {
    const w = writable(ctx);
    if (w !== true) return w;
    return ctx.app.focusGone() ? 'the pod is gone' : true;
  },
  run: (a) => deletes.openDelete(a, false),
};

const podStillThere = ({ app }: KeyContext): true | string => (app.focusGone() ? 'the pod is gone' : true);
const writableWithFocus = (ctx: KeyContext): true | string => {
  const w = writable(ctx);
  return w === true ? podStillThere(ctx) : w;
};

/** The in-process shell: ctrl-] leaves; every other key is typed into the shell (handleKey). */
export const SHELL_KEYMAP: Keymap = {
  name: 'shell (every other key goes to the shell; exit ends it)',
  bindings: [{ keys: ['ctrl-]'], action: 'leave', description: 'leave the shell (it is ended)', hint: 'leave', run: (a) => a.shell?.kill() }],
};

/** The in-process attach: ctrl-] detaches; every other key goes to the container's process (handleKey). */
export const ATTACH_KEYMAP: Keymap = {
  name: "attach (every other key goes to the container's process, ctrl-c included; it ends when the container does)",
  bindings: [{ keys: ['ctrl-]'], action: 'detach', description: 'detach (the container keeps running)', hint: 'detach', run: (a) => a.shell?.kill() }],
};

export const FORWARDS_KEYMAP: Keymap = {
  name: 'port-forwards',
  bindings: [
    { keys: ['up', 'k'], action: 'up', description: 'previous forward', run: (a) => (a.forwards.move(-1), a.changed()) },
    { keys: ['down', 'j'], action: 'down', description: 'next forward', run: (a) => (a.forwards.move(1), a.changed()) },
    { keys: ['ctrl-d'], action: 'stop', description: 'stop the forward (its port closes)', hint: 'stop', enabled: ({ app }) => (app.forwards.size > 0 ? true : 'no port-forward'), run: (a) => access.stopForward(a) },
    back,
  ],
};

export const POD_VIEW_KEYMAP: Keymap = {
  name: 'pod',
  bindings: [
    { keys: ['tab'], action: 'nextPane', description: 'next pane', hint: 'next pane', run: (a) => a.cyclePane(1) },
    { keys: ['shift-tab'], action: 'previousPane', description: 'previous pane', run: (a) => a.cyclePane(-1) },
    ...scrollBindings(),
    { keys: ['d'], action: 'describe', description: 'describe', hint: true, run: (a) => a.openFocused('describe') },
    { keys: ['y'], action: 'yaml', description: 'YAML', hint: true, run: (a) => a.openFocused('yaml') },
    { keys: ['l'], action: 'logs', description: "the pod's logs, followed (a picker when it has several containers)", hint: true, enabled: podStillThere, run: (a) => logs.openLogs(a, a.focusedPod(), false) },
    { keys: ['p'], action: 'previous', description: "the previous instance's logs", enabled: podStillThere, run: (a) => logs.openLogs(a, a.focusedPod(), true) },
    { keys: ['t'], action: 'timeline', description: "the pod's timeline: what changed, when, with its events", hint: true, run: (a) => a.openFocused('timeline') },
    { keys: ['s'], action: 'shell', description: SHELL_WORDS, hint: true, enabled: writableWithFocus, run: (a) => access.openShell(a, a.focusedPod()) },
    { keys: ['a'], action: 'attach', description: ATTACH_WORDS, detail: ATTACH_WAY_BACK, enabled: writableWithFocus, run: (a) => access.openAttach(a, a.focusedPod()) },
    { keys: ['F'], action: 'portForward', description: FORWARD_WORDS, enabled: writableWithFocus, run: (a) => access.openForward(a, a.focusedPod()) },
    forwardsList,
    deleteFocused,
    back,
  ],
};

export const TIMELINE_KEYMAP: Keymap = {
  name: 'timeline',
  bindings: [
    ...scrollBindings().map((b): Binding => {
      if (b.action === 'bottom') return { ...b, action: 'follow', description: 'newest entry, follow on', hint: true };
      return b.action === 'up' ? { ...b, description: 'scroll up (pauses follow)' } : b;
    }),
    back,
  ],
};

export const TEXT_VIEW_KEYMAP: Keymap = {
  name: 'text',
  bindings: [...scrollBindings(), back],
};

export const EVENTS_KEYMAP: Keymap = {
  name: 'events',
  bindings: [
    { keys: ['up', 'k'], action: 'up', description: 'cursor up (pauses follow)', run: (a) => (a.events.moveCursor(-1), a.changed()) },
    { keys: ['down', 'j'], action: 'down', description: 'cursor down (to the newest: follow again)', run: (a) => (a.events.moveCursor(1), a.changed()) },
    { keys: ['enter'], action: 'open', description: 'the whole event under the cursor (the newest while following)', hint: 'open', run: (a) => events.openEvent(a) },
    { keys: ['o'], action: 'openPod', description: 'the pod the event is about', hint: 'pod', run: (a) => events.openEventPod(a) },
    { keys: ['pgup'], action: 'pageUp', description: 'page up (pauses follow)', run: (a) => scrollEvents(a, -page(a)) },
    { keys: ['pgdn'], action: 'pageDown', description: 'page down', run: (a) => scrollEvents(a, page(a)) },
    { keys: ['g', 'home'], action: 'top', description: 'oldest event (events run oldest first, newest at the bottom, as kubectl prints them; so does the pod view)', run: (a) => (a.events.scrollToTop(), a.changed()) },
    { keys: ['G', 'end'], action: 'follow', description: 'newest event, follow on', hint: true, run: (a) => (a.events.resumeFollow(), a.changed()) },
    { keys: ['/'], action: 'filter', description: 'filter events (text or regex, !inverse)', hint: true, run: (a) => prompts.openPrompt(a, 'filter') },
    {
      keys: ['esc'],
      action: 'back',
      description: 'clear the filter, else back',
      hint: true,
      run: (a) => (prompts.hasFilter(a) ? prompts.clearFilter(a) : a.viewStack.length > 1 ? a.back() : a.switchRoot('pods')),
    },
    { keys: ['q'], action: 'backOrQuit', description: 'back (quit when this is the top view)', run: (a) => (a.viewStack.length > 1 ? a.back() : a.quit()) },
  ],
};

function scrollEvents(app: AppState, delta: number): void {
  app.events.scroll(delta, page(app));
  app.changed();
}

export const EVENT_VIEW_KEYMAP: Keymap = {
  name: 'event',
  bindings: [
    ...scrollBindings(),
    { keys: ['o'], action: 'openPod', description: 'the pod the event is about', hint: 'pod', run: (a) => events.openEventPod(a) },
    back,
  ],
};

function logScroll(app: AppState, delta: number): void {
  app.logs?.scroll(delta, page(app), app.columns);
  app.changed();
}

function logJump(app: AppState, direction: 1 | -1): void {
  const said = app.logs?.jump(direction, page(app), app.columns);
  if (said !== undefined) app.setStatus(said, said.startsWith('no ') ? 'warning' : 'info');
  else app.changed();
}

export const LOGS_KEYMAP: Keymap = {
  name: 'logs',
  bindings: [
    { keys: ['up', 'k'], action: 'up', description: 'scroll up (pauses follow)', run: (a) => logScroll(a, -1) },
    { keys: ['down', 'j'], action: 'down', description: 'scroll down (at the end: follow again)', run: (a) => logScroll(a, 1) },
    { keys: ['pgup'], action: 'pageUp', description: 'page up (pauses follow)', run: (a) => logScroll(a, -page(a)) },
    { keys: ['pgdn', 'space'], action: 'pageDown', description: 'page down', run: (a) => logScroll(a, page(a)) },
    { keys: ['g', 'home'], action: 'top', description: 'oldest line kept', run: (a) => (a.logs?.scrollToTop(), a.changed()) },
    { keys: ['G', 'end'], action: 'follow', description: 'newest line, follow on', hint: true, run: (a) => (a.logs?.resumeFollow(), a.changed()) },
    { keys: ['w'], action: 'wrap', description: 'wrap long lines on / off', hint: true, run: (a) => (a.logs?.toggleWrap(), a.changed()) },
    { keys: ['t'], action: 'timestamps', description: "the kubelet's timestamps on / off", hint: true, run: (a) => (a.logs?.toggleTimestamps(), a.changed()) },
    { keys: ['/'], action: 'search', description: 'search: text or regex, matches highlighted', hint: true, run: (a) => prompts.openPrompt(a, 'filter') },
    { keys: ['n'], action: 'nextMatch', description: 'next match (pauses follow)', run: (a) => logJump(a, 1) },
    { keys: ['N'], action: 'previousMatch', description: 'previous match', run: (a) => logJump(a, -1) },
    {
      keys: ['f'],
      action: 'filterMode',
      description: 'filter mode: only the lines the search matches',
      hint: 'filter',
      run: (a) => (a.logs?.toggleFilterMode() ? a.changed() : a.setStatus('filter mode needs a search: / sets one', 'warning')),
    },
    { keys: ['ctrl-s'], action: 'save', description: `save what is shown to a file (in ${logs.logSaveDir()})`, hint: true, run: (a) => void logs.saveLogs(a) },
    { keys: ['esc'], action: 'back', description: 'clear the search, else back', hint: true, run: (a) => (prompts.hasFilter(a) ? prompts.clearFilter(a) : a.back()) },
    { keys: ['q'], action: 'back', description: 'back', run: (a) => a.back() },
  ],
};

export const HELP_KEYMAP: Keymap = {
  name: 'help',
  bindings: [...scrollBindings(), { keys: ['esc', '?', 'q'], action: 'back', description: 'close help', hint: true, run: (a) => a.back() }],
};

export const DIALOG_KEYMAP: Keymap = {
  name: 'dialog',
  bindings: [
    { keys: ['tab', 'right'], action: 'nextControl', description: 'next control', hint: 'next', run: (a) => deletes.dialogFocus(a, 1) },
    { keys: ['shift-tab', 'left'], action: 'previousControl', description: 'previous control', run: (a) => deletes.dialogFocus(a, -1) },
    { keys: ['enter'], action: 'activate', description: 'press the focused button', hint: 'press', run: (a) => deletes.dialogActivate(a) },
    { keys: ['esc'], action: 'cancel', description: 'cancel', hint: true, run: (a) => deletes.closeDialog(a) },
    { keys: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], action: 'typeGrace', description: 'edit the grace period', run: (a, k) => deletes.dialogType(a, k) },
    { keys: ['backspace'], action: 'eraseGrace', description: 'erase a digit', run: (a) => deletes.dialogBackspace(a) },
    { keys: ['up', 'k'], action: 'listUp', description: 'scroll the list of pods up', run: (a) => deletes.dialogScroll(a, -1) },
    { keys: ['down', 'j'], action: 'listDown', description: 'scroll the list of pods down', run: (a) => deletes.dialogScroll(a, 1) },
    { keys: ['f', 'space'], action: 'toggleForce', description: 'toggle Force (grace 0)', hint: 'force', run: (a) => deletes.dialogToggleForce(a) },
  ],
};

export const PROMPT_KEYMAP: Keymap = {
  name: 'prompt',
  bindings: [
    { keys: ['enter'], action: 'submit', description: 'apply', hint: 'apply', run: (a) => prompts.submitPrompt(a) },
    { keys: ['esc'], action: 'cancel', description: 'cancel (clears a filter)', hint: true, run: (a) => prompts.cancelPrompt(a) },
    { keys: ['backspace'], action: 'erase', description: 'erase a character', run: (a) => prompts.editPrompt(a, (a.prompt?.text ?? '').slice(0, -1)) },
  ],
};

export const PICKER_KEYMAP: Keymap = {
  name: 'picker',
  bindings: [
    { keys: ['up', 'k'], action: 'up', description: 'previous', run: (a) => pickers.movePicker(a, -1) },
    { keys: ['down', 'j'], action: 'down', description: 'next', run: (a) => pickers.movePicker(a, 1) },
    { keys: ['enter'], action: 'choose', description: 'switch', hint: true, run: (a) => pickers.choosePicker(a) },
    { keys: ['esc'], action: 'cancel', description: 'cancel', hint: true, run: (a) => pickers.closePicker(a) },
  ],
};

/** The keymap of each view: the one place views register their keys. */
export const VIEW_KEYMAPS: Record<ViewId, Keymap> = {
  pods: POD_LIST_KEYMAP,
  pod: POD_VIEW_KEYMAP,
  describe: TEXT_VIEW_KEYMAP,
  yaml: TEXT_VIEW_KEYMAP,
  events: EVENTS_KEYMAP,
  event: EVENT_VIEW_KEYMAP,
  help: HELP_KEYMAP,
  logs: LOGS_KEYMAP,
  resource: RESOURCE_KEYMAP,
  timeline: TIMELINE_KEYMAP,
  shell: SHELL_KEYMAP,
  forwards: FORWARDS_KEYMAP,
};

/** The keymaps that answer keys right now, most specific first. */
export function activeKeymaps(app: AppState): Keymap[] {
  if (app.dialog) return [DIALOG_KEYMAP, MODAL_QUIT_KEYMAP];
  if (app.prompt) return [PROMPT_KEYMAP, MODAL_QUIT_KEYMAP];
  if (app.picker) return [PICKER_KEYMAP, MODAL_QUIT_KEYMAP];
  if (app.nav.confirm) return [CONFIRM_KEYMAP, MODAL_QUIT_KEYMAP];
  // The shell (or attach) takes every key, ctrl-c and Esc included.
  if (app.view === 'shell' && app.shell) return [app.shell.kind === 'attach' ? ATTACH_KEYMAP : SHELL_KEYMAP];
  return [VIEW_KEYMAPS[app.view], GLOBAL_KEYMAP, NAV_KEYMAP, NOT_YET_KEYMAP, SIM_KEYMAP];
}

/** The `?` screen: the keys of the view underneath, with the reason a binding is disabled. */
export function helpLines(app: AppState): string[] {
  const under = app.viewStack.length > 1 ? app.viewStack[app.viewStack.length - 2]! : 'pods';
  const simulator = app.source.info().simulator ? [SIM_KEYMAP] : [];
  const maps: Keymap[] = [VIEW_KEYMAPS[under], NAV_KEYMAP, ...simulator, NOT_YET_KEYMAP, GLOBAL_KEYMAP];
  const lines: string[] = [];
  for (const km of maps) {
    lines.push(`${km.name}:`);
    for (const b of km.bindings) {
      const keys = b.keys.map(keyLabel).join(' ');
      const ok = isEnabled(b, app);
      lines.push(`  ${keys.padEnd(24)} ${b.description}${ok === true ? '' : `  (disabled: ${ok})`}`);
      if (b.detail) lines.push(`  ${''.padEnd(24)}   ${b.detail}`);
    }
  }
  return lines;
}

/** The footer's word(s) for a hinted binding. */
export function hintText(binding: Binding): string | undefined {
  if (binding.hint === undefined) return undefined;
  return binding.hint === true ? binding.action : binding.hint;
}

export function isEnabled(binding: Binding, app: AppState): true | string {
  return binding.enabled ? binding.enabled({ app }) : true;
}

/**
 * Runs the binding for a key; in a prompt, unbound printable input (`text`, the raw
 * characters, absent for special keys) is typed. Returns whether anything happened.
 */
export function handleKey(app: AppState, key: string, text: string | undefined): boolean {
  app.userAction();
  for (const keymap of activeKeymaps(app)) {
    const binding = keymap.bindings.find((b) => b.keys.includes(key));
    if (!binding) continue;
    const ok = isEnabled(binding, app);
    if (ok !== true) {
      app.setStatus(`${binding.description}: ${ok}`, 'error');
      return false;
    }
    binding.run(app, key);
    return true;
  }
  if (app.view === 'shell' && app.shell && !app.prompt && !app.picker && !app.dialog) {
    app.shell.type(text ?? keySequence(key));
    return true;
  }
  if (app.prompt && text !== undefined && text !== '' && !/[\u0000-\u001f\u007f]/.test(text)) {
    prompts.editPrompt(app, app.prompt.text + text);
    return true;
  }
  return false;
}

/**
 * A bracketed paste: text for the prompt when one is open (control characters dropped, line
 * breaks as spaces, so a pasted "web\r" cannot submit), otherwise ignored with a word in the
 * status line. Never key commands.
 */
export function handlePaste(app: AppState, text: string): void {
  pasteInto(app, text);
  // Like a key, a paste's answer is drawn at once.
  app.keyFrame();
}

function pasteInto(app: AppState, text: string): void {
  app.userAction();
  if (app.view === 'shell' && app.shell) {
    app.shell.type(text);
    return;
  }
  if (app.prompt) {
    const clean = text.replace(/\r\n?|\n/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
    if (clean !== '') prompts.editPrompt(app, app.prompt.text + clean);
    return;
  }
  app.setStatus('paste ignored: open / or : to paste into a prompt', 'info');
}
