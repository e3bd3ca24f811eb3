// The three panes of the pod view as plain lines: phase & conditions, one row per
// container (init, sidecar, main), and this pod's events, oldest first (as kubectl describe
// and the events view order them; the pane opens scrolled to the newest).
import { since } from '../../kube/duration.js';
import { eventAge } from '../../kube/describe/events.js';
import { qosClass } from '../../kube/qos.js';
import type { Container, ContainerState, ContainerStatus, Event, Pod } from '../../kube/types.js';
import { graceSecondsLeft } from '../../state/graceCountdown.js';
import { columns, wrappedColumns } from '../text.js';

function ago(ts: string | undefined, now: number): string {
  return ts ? `${since(ts, now)} ago` : '-';
}

/** `deletionSeenAt`: when the watch brought the pod's deletion (see graceSecondsLeft). */
export function phaseLines(pod: Pod, now: number, width: number, deletionSeenAt?: number): string[] {
  const st = pod.status ?? {};
  const meta = pod.metadata ?? {};
  const owner = (meta.ownerReferences ?? []).find((r) => r.controller) ?? meta.ownerReferences?.[0];
  const ips = (st.podIPs ?? []).map((i) => i.ip).join(', ');
  const fields: [string, string][] = [
    ['Phase', st.phase ?? '<unknown>'],
    ['Reason', st.reason ?? '-'],
    ['Message', st.message ?? '-'],
    ['Node', pod.spec?.nodeName ? `${pod.spec.nodeName} (${st.hostIP ?? '-'})` : '<none>'],
    ['IPs', ips || '<none>'],
    ['QoS', qosClass(pod)],
    ['Start Time', st.startTime ? `${st.startTime} (${ago(st.startTime, now)})` : '-'],
    ['Owner', owner ? `${owner.kind}/${owner.name}` : '<none>'],
  ];
  const left = graceSecondsLeft(pod, now, deletionSeenAt);
  if (left !== undefined) {
    fields.push(['Deleting', `grace ${meta.deletionGracePeriodSeconds ?? 0}s, ${left}s left`]);
  }
  const lines = columns(fields.map(([k, v]) => [`${k}:`, v]), width, 1);
  const conditions = st.conditions ?? [];
  if (conditions.length > 0) {
    lines.push('Conditions:');
    const rows = [['  TYPE', 'STATUS', 'SINCE', 'REASON', 'MESSAGE']];
    for (const c of conditions) {
      rows.push([`  ${c.type}`, c.status, c.lastTransitionTime ? since(c.lastTransitionTime, now) : '-', c.reason ?? '', c.message ?? '']);
    }
    lines.push(...wrappedColumns(rows, width, 2));
  }
  return lines;
}

/** `Running`, `Waiting: CrashLoopBackOff`, `Terminated: OOMKilled (exit 137)`. */
export function stateText(state: ContainerState | undefined): string {
  if (!state) return '-';
  if (state.running) return 'Running';
  if (state.waiting) return `Waiting: ${state.waiting.reason ?? ''}`.trimEnd();
  if (state.terminated) {
    const t = state.terminated;
    const signal = t.signal ? ` signal ${t.signal}` : '';
    return `Terminated: ${t.reason ?? ''} (exit ${t.exitCode ?? 0}${signal})`.replace(': (', ': (');
  }
  return '-';
}

function startedFinished(state: ContainerState | undefined, now: number): string {
  if (state?.running) return `started ${ago(state.running.startedAt, now)}`;
  if (state?.terminated) return `finished ${ago(state.terminated.finishedAt, now)}`;
  return '-';
}

function probes(c: Container): string {
  const on = (p: unknown): string => (p ? 'on' : 'off');
  return `${on(c.livenessProbe)}:${on(c.readinessProbe)}:${on(c.startupProbe)}`;
}

function ports(c: Container): string {
  const list = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`);
  return list.length ? list.join(',') : '-';
}

function resources(c: Container): string {
  const r = c.resources;
  const fmt = (m: Record<string, unknown> | undefined): string =>
    m && Object.keys(m).length ? Object.entries(m).map(([k, v]) => `${k}=${String(v)}`).join(',') : '-';
  return `${fmt(r?.requests as Record<string, unknown> | undefined)} / ${fmt(r?.limits as Record<string, unknown> | undefined)}`;
}

export const CONTAINER_HEADER = [
  'TYPE',
  'NAME',
  'IMAGE',
  'STATE',
  'STARTED/FINISHED',
  'READY',
  'RESTARTS',
  'LAST STATE',
  'PROBES L:R:S',
  'PORTS',
  'REQUESTS / LIMITS',
];

export function containerLines(pod: Pod, now: number, width: number): string[] {
  const rows: string[][] = [CONTAINER_HEADER];
  const statusOf = (list: ContainerStatus[] | undefined, name: string): ContainerStatus | undefined => list?.find((s) => s.name === name);
  const add = (type: string, c: Container, s: ContainerStatus | undefined): void => {
    rows.push([
      type,
      c.name,
      c.image ?? '',
      stateText(s?.state),
      startedFinished(s?.state, now),
      s ? String(s.ready) : '-',
      s ? String(s.restartCount ?? 0) : '-',
      s?.lastState?.terminated ? `${stateText(s.lastState)} ${ago(s.lastState.terminated.finishedAt, now)}` : '-',
      probes(c),
      ports(c),
      resources(c),
    ]);
  };
  for (const c of pod.spec?.initContainers ?? []) {
    add(c.restartPolicy === 'Always' ? 'sidecar' : 'init', c, statusOf(pod.status?.initContainerStatuses, c.name));
  }
  for (const c of pod.spec?.containers ?? []) add('main', c, statusOf(pod.status?.containerStatuses, c.name));
  return columns(rows, width, 2);
}

/** This pod's events, oldest first (the pane pins to the end, so the newest shows). */
export function podEventLines(events: readonly Event[], now: number, width: number): string[] {
  if (events.length === 0) return ['<no events>'];
  const rows = [['TYPE', 'REASON', 'AGE', 'FROM', 'MESSAGE']];
  for (const e of events) {
    rows.push([e.type ?? '', e.reason ?? '', eventAge(e, now), e.source?.component || e.reportingComponent || '', (e.message ?? '').trim()]);
  }
  return wrappedColumns(rows, width, 2);
}
