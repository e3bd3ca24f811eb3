// The differ, table-driven: one pod object before, one after, the timeline lines between.
import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from '../../../../src/kube/types.js';
import { diffPod } from '../../../../src/state/timeline/podDiff.js';
import type { TimelineDraft } from '../../../../src/state/timeline/types.js';

const T0 = Date.parse('2026-01-01T12:00:00Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString().replace('.000Z', 'Z');
const SEEN = T0 + 99_000;

function pod(patch: { meta?: Pod['metadata']; spec?: Partial<NonNullable<Pod['spec']>>; status?: Pod['status'] } = {}): Pod {
  return {
    metadata: { name: 'web', namespace: 'default', uid: 'u1', creationTimestamp: at(0), ...patch.meta },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...patch.spec },
    status: { phase: 'Pending', ...patch.status },
  };
}

const cs = (state: ContainerStatus['state'], extra: Partial<ContainerStatus> = {}): ContainerStatus => ({ name: 'app', image: 'nginx:1.27', imageID: '', ready: false, restartCount: 0, state, ...extra });

/** `+Ns text` (N: seconds after T0), `seen` marking a time that is when the change was seen. */
const show = (d: TimelineDraft): string => `+${(d.atMs - T0) / 1000}s${d.exact ? '' : ' seen'} ${d.text}`;

const CASES: { name: string; prev: Pod; next: Pod; want: string[] }[] = [
  { name: 'nothing changed', prev: pod(), next: pod(), want: [] },
  {
    name: 'scheduled: the node, at the condition time',
    prev: pod({ status: { phase: 'Pending', conditions: [] } }),
    next: pod({ spec: { nodeName: 'sim-node-2' }, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: at(1) }] } }),
    want: ['+1s Scheduled to sim-node-2'],
  },
  {
    name: 'unschedulable: the scheduler message, when seen',
    prev: pod(),
    next: pod({ status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.', lastTransitionTime: at(1) }] } }),
    want: ['+99s seen Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.'],
  },
  {
    name: 'phase with the pod reason',
    prev: pod({ status: { phase: 'Running' } }),
    next: pod({ status: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' } }),
    want: ['+99s seen Phase Running → Failed (Evicted: The node was low on resource: memory.)'],
  },
  {
    name: 'conditions that flip alike share a line; others get their own',
    prev: pod({ status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }, { type: 'ContainersReady', status: 'True' }, { type: 'Initialized', status: 'False' }] } }),
    next: pod({
      status: {
        phase: 'Running',
        conditions: [
          { type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: at(5) },
          { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: at(5) },
          { type: 'Initialized', status: 'True', lastTransitionTime: at(4) },
        ],
      },
    }),
    want: ['+5s Ready, ContainersReady: True → False (ContainersNotReady)', '+4s Initialized: False → True'],
  },
  {
    name: 'a container starts: at startedAt',
    prev: pod({ status: { phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ContainerCreating' } })] } }),
    next: pod({ status: { phase: 'Pending', containerStatuses: [cs({ running: { startedAt: at(3) } })] } }),
    want: ['+3s app: Waiting ContainerCreating → Running'],
  },
  {
    name: 'a container exits: at finishedAt, with reason and exit code',
    prev: pod({ status: { phase: 'Running', containerStatuses: [cs({ running: { startedAt: at(3) } })] } }),
    next: pod({ status: { phase: 'Running', containerStatuses: [cs({ terminated: { exitCode: 1, reason: 'Error', startedAt: at(3), finishedAt: at(5) } })] } }),
    want: ['+5s app: Running → Terminated Error (exit 1)'],
  },
  {
    name: 'exit and restart in one write: the exit is read back from lastState',
    prev: pod({ status: { phase: 'Running', containerStatuses: [cs({ running: { startedAt: at(3) } })] } }),
    next: pod({
      status: { phase: 'Running', containerStatuses: [cs({ running: { startedAt: at(5) } }, { restartCount: 1, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: at(3), finishedAt: at(5) } } })] },
    }),
    want: ['+5s app: Running → Terminated OOMKilled (exit 137)', '+5s app: Terminated OOMKilled (exit 137) → Running (restart 1, 0s after the exit)'],
  },
  {
    name: 'crash-loop back-off: the waiting reason and the back-off from the message, when seen',
    prev: pod({ status: { phase: 'Running', containerStatuses: [cs({ terminated: { exitCode: 1, reason: 'Error', finishedAt: at(16) } }, { restartCount: 2 })] } }),
    next: pod({
      status: {
        phase: 'Running',
        containerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s restarting failed container=app pod=web_default(u1)' } }, { restartCount: 2, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: at(16) } } })],
      },
    }),
    want: ['+99s seen app: Terminated Error (exit 1) → Waiting CrashLoopBackOff (back-off 20s)'],
  },
  {
    name: 'the restart after a back-off: the gap since the exit',
    prev: pod({ status: { phase: 'Running', containerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 2, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: at(16) } } })] } }),
    next: pod({ status: { phase: 'Running', containerStatuses: [cs({ running: { startedAt: at(56) } }, { restartCount: 3, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: at(16) } } })] } }),
    want: ['+56s app: Waiting CrashLoopBackOff → Running (restart 3, 40s after the exit)'],
  },
  {
    name: 'a waiting message that changes but not its reason is no line',
    prev: pod({ status: { phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "x"' } })] } }),
    next: pod({ status: { phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "x" again' } })] } }),
    want: [],
  },
  {
    name: 'deletion requested: grace and the KILL deadline, at the instant asked',
    prev: pod({ status: { phase: 'Running' } }),
    next: pod({ meta: { deletionTimestamp: at(40), deletionGracePeriodSeconds: 30 }, status: { phase: 'Running' } }),
    want: ['+10s Deletion requested, grace 30s: KILL due at 12:00:40'],
  },
  {
    name: 'a shorter grace asked again',
    prev: pod({ meta: { deletionTimestamp: at(40), deletionGracePeriodSeconds: 30 } }),
    next: pod({ meta: { deletionTimestamp: at(20), deletionGracePeriodSeconds: 5 } }),
    want: ['+99s seen Grace shortened to 5s: KILL due at 12:00:20'],
  },
  {
    name: 'an exit while deleting: 137 is the SIGKILL, 0 the answer to SIGTERM',
    prev: pod({ meta: { deletionTimestamp: at(40), deletionGracePeriodSeconds: 30 }, status: { phase: 'Running', containerStatuses: [cs({ running: { startedAt: at(1) } }), { ...cs({ running: { startedAt: at(1) } }), name: 'side' }] } }),
    next: pod({
      meta: { deletionTimestamp: at(40), deletionGracePeriodSeconds: 30 },
      status: {
        phase: 'Running',
        containerStatuses: [cs({ terminated: { exitCode: 137, reason: 'Error', finishedAt: at(40) } }), { ...cs({ terminated: { exitCode: 0, reason: 'Completed', finishedAt: at(12) } }), name: 'side' }],
      },
    }),
    want: ['+40s app: Running → Terminated Error (exit 137): SIGKILL at the end of the grace period', '+12s side: Running → Terminated Completed (exit 0): exited on SIGTERM'],
  },
  {
    name: 'an image changed in the spec',
    prev: pod({ status: { phase: 'Running' } }),
    next: pod({ spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] }, status: { phase: 'Running' } }),
    want: ['+99s seen app: image nginx:1.27 → nginx:1.28'],
  },
  {
    name: 'init containers too',
    prev: pod({ status: { phase: 'Pending', initContainerStatuses: [{ ...cs({ running: { startedAt: at(2) } }), name: 'migrate' }] } }),
    next: pod({ status: { phase: 'Pending', initContainerStatuses: [{ ...cs({ terminated: { exitCode: 0, reason: 'Completed', finishedAt: at(7) } }), name: 'migrate' }] } }),
    want: ['+7s migrate: Running → Terminated Completed (exit 0)'],
  },
];

describe('diffPod', () => {
  for (const c of CASES) {
    it(c.name, () => {
      expect(diffPod(c.prev, c.next, SEEN).map(show)).toEqual(c.want);
    });
  }
});
