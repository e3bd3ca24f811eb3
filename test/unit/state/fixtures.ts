// Hand-made pods for state tests: just the fields the pod columns read.
import type { Pod } from '../../../src/kube/types.js';

export interface PodSpecLite {
  name: string;
  namespace?: string;
  uid?: string;
  created?: string;
  status?: 'Running' | 'Pending' | 'CrashLoopBackOff' | 'Completed';
  restarts?: number;
  labels?: Record<string, string>;
  rv?: string;
  deleting?: string;
  grace?: number;
}

export function pod(p: PodSpecLite): Pod {
  const running = p.status === undefined || p.status === 'Running';
  const state =
    p.status === 'CrashLoopBackOff'
      ? { waiting: { reason: 'CrashLoopBackOff' } }
      : p.status === 'Pending'
        ? { waiting: { reason: 'ContainerCreating' } }
        : p.status === 'Completed'
          ? { terminated: { reason: 'Completed', exitCode: 0 } }
          : { running: { startedAt: '2026-01-01T00:00:00Z' } };
  return {
    metadata: {
      name: p.name,
      namespace: p.namespace ?? 'default',
      uid: p.uid ?? `uid-${p.namespace ?? 'default'}-${p.name}`,
      creationTimestamp: p.created ?? '2026-01-01T00:00:00Z',
      labels: p.labels,
      resourceVersion: p.rv ?? '1',
      deletionTimestamp: p.deleting,
    },
    spec: { containers: [{ name: 'app', image: 'nginx' }], nodeName: 'node-1', terminationGracePeriodSeconds: p.grace },
    status: {
      phase: p.status === 'Pending' ? 'Pending' : p.status === 'Completed' ? 'Succeeded' : 'Running',
      podIPs: [{ ip: '10.0.0.1' }],
      containerStatuses: [
        { name: 'app', image: 'nginx', imageID: '', ready: running, restartCount: p.restarts ?? 0, state },
      ],
    },
  };
}
