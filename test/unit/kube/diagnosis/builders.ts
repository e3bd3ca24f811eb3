// Upstream-shaped pods and events for diagnosis tests, in the style of the pod column tests:
// just the fields the kubelet, scheduler and controllers write, with kubectl's wire shapes.
import type { Container, ContainerState, ContainerStatus, Event, Node, Pod, PodCondition } from '../../../../src/kube/types.js';

export const NOW = Date.parse('2025-06-01T12:00:00Z');
export const ago = (ms: number): string => new Date(NOW - ms).toISOString().replace('.000Z', 'Z');

export const running = (startedMsAgo = 60_000): ContainerState => ({ running: { startedAt: ago(startedMsAgo) } });
export const waiting = (reason: string, message?: string): ContainerState => ({ waiting: { reason, ...(message ? { message } : {}) } });
export const terminated = (exitCode: number, reason: string, finishedMsAgo: number, ranMs = 3_000): ContainerState => ({
  terminated: { exitCode, reason, startedAt: ago(finishedMsAgo + ranMs), finishedAt: ago(finishedMsAgo) },
});

export function cs(name: string, state: ContainerState, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, image: 'docker.io/library/img:1', imageID: '', ready: false, restartCount: 0, started: !!state.running, state, ...extra };
}

export const cond = (type: string, status: string, reason?: string, message?: string, msAgo = 120_000): PodCondition => ({
  type,
  status,
  lastTransitionTime: ago(msAgo),
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
});

export interface PodOpts {
  name?: string;
  containers?: Container[];
  initContainers?: Container[];
  statuses?: ContainerStatus[];
  initStatuses?: ContainerStatus[];
  conditions?: PodCondition[];
  phase?: string;
  nodeName?: string | null;
  restartPolicy?: string;
  deleting?: { msAgo: number; grace: number; finalizers?: string[] };
  extraSpec?: Partial<NonNullable<Pod['spec']>>;
  reason?: string;
  message?: string;
}

export function pod(o: PodOpts = {}): Pod {
  const del = o.deleting;
  return {
    metadata: {
      name: o.name ?? 'web',
      namespace: 'shop',
      uid: 'uid-1',
      creationTimestamp: ago(600_000),
      ...(del ? { deletionTimestamp: ago(-(del.grace * 1000 - del.msAgo)), deletionGracePeriodSeconds: del.grace, ...(del.finalizers ? { finalizers: del.finalizers } : {}) } : {}),
    },
    spec: {
      ...(o.nodeName === null ? {} : { nodeName: o.nodeName ?? 'node-1' }),
      restartPolicy: o.restartPolicy ?? 'Always',
      containers: o.containers ?? [{ name: 'app', image: 'img:1' }],
      ...(o.initContainers ? { initContainers: o.initContainers } : {}),
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      ...o.extraSpec,
    },
    status: {
      phase: o.phase ?? 'Running',
      ...(o.reason ? { reason: o.reason } : {}),
      ...(o.message ? { message: o.message } : {}),
      conditions: o.conditions ?? [],
      containerStatuses: o.statuses ?? [],
      ...(o.initStatuses ? { initContainerStatuses: o.initStatuses } : {}),
    },
  };
}

/** A core/v1 event about the pod (a container's when `container` is given), as the kubelet's correlator writes it. */
export function ev(reason: string, message: string, o: { container?: string; type?: string; count?: number; firstMsAgo?: number; lastMsAgo?: number; component?: string } = {}): Event {
  const last = o.lastMsAgo ?? 5_000;
  return {
    metadata: { name: `web.${reason}`, namespace: 'shop' },
    involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web', uid: 'uid-1', ...(o.container ? { fieldPath: `spec.containers{${o.container}}` } : {}) },
    reason,
    message,
    type: o.type ?? 'Warning',
    count: o.count ?? 1,
    firstTimestamp: ago(o.firstMsAgo ?? last),
    lastTimestamp: ago(last),
    source: { component: o.component ?? 'kubelet', host: 'node-1' },
  };
}

export function node(name: string, o: { cpu?: string; memory?: string; labels?: Record<string, string>; ready?: 'True' | 'False' | 'Unknown'; notReadyMsAgo?: number } = {}): Node {
  const ready = o.ready ?? 'True';
  const since = ago(o.notReadyMsAgo ?? 3_600_000);
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec:
      ready === 'True'
        ? {}
        : {
            taints: [
              { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: since },
              { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: since },
            ],
          },
    status: {
      allocatable: { cpu: o.cpu ?? '2', memory: o.memory ?? '4Gi', pods: '110' },
      conditions: [
        ready === 'True'
          ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastTransitionTime: since }
          : { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: since },
      ],
    },
  };
}
