// Issue 17, "why isn't it ready?": one case per cause over upstream-shaped pods, with the
// kubelet's, scheduler's and controllers' own reasons and messages.
import { describe, expect, it } from 'vitest';
import { diagnose, diagnosisLines, type DiagnosisInput } from '../../../../src/kube/diagnosis/index.js';
import { backoffFromMessage, waitText } from '../../../../src/kube/diagnosis/backoff.js';
import { backoffAfter } from '../../../../src/kube/kubeletBackoff.js';
import { schedulerReasons } from '../../../../src/kube/diagnosis/rules/unschedulable.js';
import type { Event } from '../../../../src/kube/types.js';
import { ago, cond, cs, ev, node, NOW, pod, running, terminated, waiting } from './builders.js';

const READY_CONDS = [cond('Initialized', 'True'), cond('Ready', 'True'), cond('ContainersReady', 'True'), cond('PodScheduled', 'True')];
const NOT_READY = (unready = 'app') => [cond('Ready', 'False', 'ContainersNotReady', `containers with unready status: [${unready}]`), cond('PodScheduled', 'True')];
const FIT = (reasons: string) => `0/3 nodes are available: ${reasons}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`;

interface Case {
  what: string;
  input: Omit<DiagnosisInput, 'nowMs'>;
  cause: string;
  headline: RegExp;
  short?: RegExp;
  fix?: RegExp;
  evidence?: RegExp;
}

const cases: Case[] = [
  {
    what: 'unschedulable: a CPU request larger than any node, worked out from the nodes',
    input: {
      pod: pod({
        nodeName: null,
        phase: 'Pending',
        containers: [{ name: 'cruncher', image: 'python:3.12', resources: { requests: { cpu: '3', memory: '1Gi' } } }],
        conditions: [cond('PodScheduled', 'False', 'Unschedulable', FIT('3 Insufficient cpu'))],
      }),
      events: [ev('FailedScheduling', FIT('3 Insufficient cpu'), { component: 'default-scheduler', count: 4 })],
      nodes: [node('node-1'), node('node-2'), node('node-3')],
    },
    cause: 'unschedulable',
    headline: /^unschedulable: 3 Insufficient cpu$/,
    short: /^unschedulable: Insufficient cpu$/,
    fix: /the request of 3 CPU is larger than any node's allocatable 2 CPU/,
  },
  {
    what: 'unschedulable: a request that fits a node in total but not what is free',
    input: {
      pod: pod({ nodeName: null, phase: 'Pending', containers: [{ name: 'a', image: 'x', resources: { requests: { memory: '3Gi' } } }], conditions: [cond('PodScheduled', 'False', 'Unschedulable', FIT('3 Insufficient memory'))] }),
      events: [],
      nodes: [node('node-1')],
    },
    cause: 'unschedulable',
    headline: /Insufficient memory/,
    fix: /has 4Gi allocatable but the pods already there leave less than 3Gi/,
  },
  {
    what: 'unschedulable: a nodeSelector no node matches',
    input: {
      pod: pod({ nodeName: null, phase: 'Pending', extraSpec: { nodeSelector: { disktype: 'ssd' } }, conditions: [cond('PodScheduled', 'False', 'Unschedulable', FIT("3 node(s) didn't match Pod's node affinity/selector"))] }),
      events: [],
      nodes: [node('node-1'), node('node-2', { labels: { disktype: 'hdd' } })],
    },
    cause: 'unschedulable',
    headline: /didn't match Pod's node affinity\/selector/,
    fix: /no node has the labels disktype=ssd/,
  },
  {
    what: 'unschedulable: an untolerated taint (the reason most nodes gave leads the cell)',
    input: {
      pod: pod({ nodeName: null, phase: 'Pending', conditions: [cond('PodScheduled', 'False', 'Unschedulable', FIT('1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu'))] }),
      events: [],
    },
    cause: 'unschedulable',
    headline: /untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}, 2 Insufficient cpu/,
    short: /^unschedulable: Insufficient cpu$/,
    fix: /add a toleration for node-role\.kubernetes\.io\/control-plane/,
  },
  {
    what: 'a PVC that does not exist, from the FailedScheduling event alone',
    input: {
      pod: pod({ nodeName: null, phase: 'Pending', extraSpec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] } }),
      events: [ev('FailedScheduling', '0/3 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.', { component: 'default-scheduler' })],
    },
    cause: 'pvc',
    headline: /PersistentVolumeClaim data does not exist/,
    short: /^PVC data missing$/,
    fix: /create PersistentVolumeClaim data in shop/,
  },
  {
    what: 'a PVC not bound, from the PodScheduled message, with its phase when the source knows it',
    input: {
      pod: pod({
        nodeName: null,
        phase: 'Pending',
        extraSpec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] },
        conditions: [cond('PodScheduled', 'False', 'Unschedulable', '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.')],
      }),
      events: [],
      objects: (kind, name) => (kind === 'PersistentVolumeClaim' && name === 'data' ? ({ metadata: { name }, status: { phase: 'Pending' } } as never) : undefined),
    },
    cause: 'pvc',
    headline: /PersistentVolumeClaim data is not bound/,
    evidence: /PersistentVolumeClaim data: status\.phase Pending/,
  },
  {
    what: 'scheduling gates',
    input: { pod: pod({ nodeName: null, phase: 'Pending', extraSpec: { schedulingGates: [{ name: 'example.com/quota' }] }, conditions: [cond('PodScheduled', 'False', 'SchedulingGated', 'Scheduling is blocked due to non-empty scheduling gates')] }), events: [] },
    cause: 'unschedulable',
    headline: /waiting for scheduling gate example\.com\/quota/,
  },
  {
    what: 'image pull backing off: next try from the failure count and the last failure',
    input: {
      pod: pod({
        statuses: [cs('app', waiting('ImagePullBackOff', 'Back-off pulling image "nginx:nope": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found'))],
        containers: [{ name: 'app', image: 'nginx:nope' }],
        conditions: NOT_READY(),
      }),
      // 3 failures in a row: the puller waits 40 s after the third, seen 15 s ago.
      events: [ev('Failed', 'Failed to pull image "nginx:nope": rpc error: code = NotFound desc = …: not found', { container: 'app', count: 3, firstMsAgo: 80_000, lastMsAgo: 15_000 }), ev('BackOff', 'Back-off pulling image "nginx:nope"', { container: 'app', type: 'Normal', count: 5 })],
    },
    cause: 'image-pull',
    headline: /image "nginx:nope" does not pull \(ImagePullBackOff\); next try in 25s/,
    short: /^image pull failing, next in 25s$/,
    fix: /does not exist: check its name and tag/,
  },
  {
    what: 'ErrImagePull from a registry that refuses: the fix is credentials',
    input: {
      pod: pod({ statuses: [cs('app', waiting('ErrImagePull', 'failed to pull and unpack image "r.example/app:1": failed to authorize: 401 Unauthorized'))], conditions: NOT_READY() }),
      events: [ev('Failed', 'Failed to pull image "img:1": failed to authorize: 401 Unauthorized', { container: 'app', lastMsAgo: 2_000 })],
    },
    cause: 'image-pull',
    headline: /ErrImagePull\); next try in 8s/,
    fix: /imagePullSecrets/,
  },
  {
    what: 'crash-looping: exit code, restarts, and the next start from the CrashLoopBackOff message',
    input: {
      pod: pod({
        statuses: [
          cs('app', waiting('CrashLoopBackOff', 'back-off 40s restarting failed container=app pod=web_shop(uid-1)'), {
            restartCount: 3,
            lastState: terminated(1, 'Error', 12_000),
          }),
        ],
        conditions: NOT_READY(),
      }),
      events: [ev('BackOff', 'Back-off restarting failed container app in pod web_shop(uid-1)', { container: 'app', count: 6 })],
      lastLogLine: (c) => (c === 'app' ? 'panic: dial tcp 10.96.0.12:5432: connect: connection refused' : undefined),
    },
    cause: 'crash-loop',
    headline: /^container app is crash-looping: exit 1 12s ago, restarted 3 times, next start in 28s$/,
    short: /^crash-looping \(exit 1\), next in 28s$/,
    fix: /exits with 1/,
    evidence: /last log line: panic: dial tcp/,
  },
  {
    what: 'crash-looping right after an exit, before the kubelet wrote the back-off: 10 s doubling per restart',
    input: { pod: pod({ statuses: [cs('app', terminated(2, 'Error', 4_000), { restartCount: 2 })], conditions: NOT_READY() }), events: [] },
    cause: 'crash-loop',
    // The third exit in a row waits 40 s.
    headline: /exit 2 4s ago, restarted 2 times, next start in 36s/,
  },
  {
    what: 'a container that exits 0 under restartPolicy Always loops too',
    input: { pod: pod({ statuses: [cs('app', waiting('CrashLoopBackOff', 'back-off 10s restarting failed container=app pod=web_shop(uid-1)'), { restartCount: 1, lastState: terminated(0, 'Completed', 3_000) })], conditions: NOT_READY() }), events: [] },
    cause: 'crash-loop',
    headline: /exit 0, Completed/,
    fix: /keep the process in the foreground, or run it as a Job/,
  },
  {
    what: 'OOMKilled: the limit it reached',
    input: {
      pod: pod({
        containers: [{ name: 'app', image: 'stress', resources: { requests: { memory: '50Mi' }, limits: { memory: '100Mi' } } }],
        statuses: [cs('app', waiting('CrashLoopBackOff', 'back-off 20s restarting failed container=app pod=web_shop(uid-1)'), { restartCount: 2, lastState: terminated(137, 'OOMKilled', 5_000) })],
        conditions: NOT_READY(),
      }),
      events: [],
    },
    cause: 'crash-loop',
    headline: /crash-looping: exit 137, OOMKilled/,
    evidence: /lastState\.terminated OOMKilled exit 137/,
  },
  {
    what: 'failing readiness: which probe, how many failures, since when',
    input: {
      pod: pod({
        containers: [{ name: 'app', image: 'nginx', readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5, failureThreshold: 3 } }],
        statuses: [cs('app', running(300_000), { ready: false, started: true })],
        conditions: NOT_READY(),
      }),
      events: [ev('Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', { container: 'app', count: 12, firstMsAgo: 120_000, lastMsAgo: 3_000 })],
    },
    cause: 'readiness',
    headline: /^container app fails its readiness probe: 12 failures since 2m ago, the last 3s ago$/,
    short: /^readiness failing \(12x\)$/,
    evidence: /readinessProbe httpGet :80\/healthz every 5s, fails after 3/,
  },
  {
    what: 'failing liveness: the restarts it caused',
    input: {
      pod: pod({
        containers: [{ name: 'app', image: 'img', livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5 } }],
        statuses: [cs('app', running(10_000), { ready: true, restartCount: 2, lastState: terminated(137, 'Error', 11_000) })],
        conditions: READY_CONDS,
      }),
      events: [
        // Failing again in the new run (started 10 s ago), after the kill 12 s ago.
        ev('Unhealthy', 'Liveness probe failed: command "cat /tmp/healthy" exited with 1', { container: 'app', count: 7, firstMsAgo: 120_000, lastMsAgo: 2_000 }),
        ev('Killing', 'Container app failed liveness probe, will be restarted', { container: 'app', type: 'Normal', count: 2, lastMsAgo: 12_000 }),
      ],
    },
    cause: 'liveness',
    headline: /^container app fails its liveness probe: restarted 2 times for it; failing again \(3 failures in a row restart it\)$/,
    short: /^liveness failing, 2 restarts$/,
  },
  {
    what: 'waiting for an init container: which, and its state',
    input: {
      pod: pod({
        phase: 'Pending',
        initContainers: [
          { name: 'init-myservice', image: 'busybox', command: ['sh', '-c', 'until nslookup myservice; do sleep 2; done'] },
          { name: 'init-mydb', image: 'busybox' },
        ],
        initStatuses: [cs('init-myservice', running(30_000)), cs('init-mydb', waiting('PodInitializing'))],
        statuses: [cs('app', waiting('PodInitializing'))],
        conditions: [cond('Initialized', 'False', 'ContainersNotInitialized', 'containers with incomplete status: [init-myservice init-mydb]'), ...NOT_READY()],
      }),
      events: [],
    },
    cause: 'init-waiting',
    headline: /^waiting for init container init-myservice \(1 of 2\): running for 30s$/,
    evidence: /command sh -c until nslookup myservice/,
  },
  {
    what: "a sidecar's startup probe holds the containers after it",
    input: {
      pod: pod({
        phase: 'Pending',
        initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always', startupProbe: { httpGet: { path: '/ready', port: 9901 }, periodSeconds: 2, failureThreshold: 30 } }],
        initStatuses: [cs('proxy', running(8_000), { started: false })],
        statuses: [cs('app', waiting('PodInitializing'))],
        conditions: [cond('Initialized', 'False', 'ContainersNotInitialized', 'containers with incomplete status: [proxy]'), ...NOT_READY('proxy app')],
      }),
      events: [],
    },
    cause: 'sidecar-startup',
    headline: /^sidecar proxy has not passed its startup probe \(running 8s, up to 60s allowed\); the containers after it wait$/,
  },
  {
    what: 'CreateContainerConfigError: a missing ConfigMap, named, and present again once created',
    input: {
      pod: pod({ statuses: [cs('app', waiting('CreateContainerConfigError', 'configmap "feature-flags" not found'))], conditions: NOT_READY() }),
      events: [ev('Failed', 'Error: configmap "feature-flags" not found', { container: 'app', count: 7 })],
      objects: (kind, name) => (kind === 'ConfigMap' && name === 'feature-flags' ? { metadata: { name } } : undefined),
    },
    cause: 'config-missing',
    headline: /^container app cannot start: ConfigMap feature-flags does not exist$/,
    fix: /create ConfigMap feature-flags in shop/,
    evidence: /ConfigMap feature-flags exists now/,
  },
  {
    what: 'CreateContainerConfigError: a missing key of a Secret',
    input: { pod: pod({ statuses: [cs('app', waiting('CreateContainerConfigError', "couldn't find key password in Secret shop/db-credentials"))], conditions: NOT_READY() }), events: [] },
    cause: 'config-missing',
    headline: /Secret db-credentials has no key password/,
    fix: /add key password to Secret db-credentials/,
  },
  {
    what: 'runAsNonRoot with an image that runs as root (kubelet verifyRunAsNonRoot)',
    input: { pod: pod({ statuses: [cs('app', waiting('CreateContainerConfigError', 'container has runAsNonRoot and image will run as root (pod: "web_shop(uid-1)", container: app)'))], conditions: NOT_READY() }), events: [] },
    cause: 'start-failed',
    headline: /runAsNonRoot is set but the image runs as root/,
    fix: /runAsUser to a non-zero UID/,
  },
  {
    what: 'RunContainerError: an executable not in the image',
    input: {
      pod: pod({
        statuses: [
          cs('app', waiting('RunContainerError', 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nginxx": executable file not found in $PATH: unknown'), {
            restartCount: 1,
            lastState: { terminated: { exitCode: 128, reason: 'StartError', message: 'failed to create containerd task: …', finishedAt: ago(5_000) } },
          }),
        ],
        conditions: NOT_READY(),
      }),
      events: [],
    },
    cause: 'start-failed',
    headline: /"nginxx" is not in the image/,
    evidence: /StartError \(exit 128\)/,
  },
  {
    what: 'InvalidImageName',
    input: { pod: pod({ containers: [{ name: 'app', image: 'Nginx:Latest' }], statuses: [cs('app', waiting('InvalidImageName', 'Failed to apply default image tag "Nginx:Latest": couldn\'t parse image name "Nginx:Latest": invalid reference format: repository name must be lowercase'))], conditions: NOT_READY() }), events: [] },
    cause: 'start-failed',
    headline: /image "Nginx:Latest" is not a valid image reference/,
  },
  {
    what: 'ContainerCreating stuck on FailedMount: the volume and the missing object',
    input: {
      pod: pod({ phase: 'Pending', statuses: [cs('app', waiting('ContainerCreating'))], conditions: NOT_READY() }),
      events: [ev('FailedMount', 'MountVolume.SetUp failed for volume "conf" : configmap "nginx-conf" not found', { count: 8, firstMsAgo: 100_000 })],
    },
    cause: 'mount-failed',
    headline: /^stuck creating: volume conf cannot be mounted, ConfigMap nginx-conf does not exist$/,
    fix: /mark the volume optional/,
  },
  {
    what: 'its node unreachable: since when, and the eviction at the taint + 300 s',
    input: {
      pod: pod({ statuses: [cs('app', running(), { ready: false })], conditions: [cond('Ready', 'False', undefined, undefined, 60_000)] }),
      events: [ev('NodeNotReady', 'Node is not ready', { component: 'node-controller', lastMsAgo: 60_000 })],
      nodes: [node('node-1', { ready: 'Unknown', notReadyMsAgo: 60_000 })],
    },
    cause: 'node-not-ready',
    headline: /^its node node-1 is unreachable for 60s; evicted in 4m \(300s after the taint\)$/,
    short: /^node node-1 unreachable, evict in 4m$/,
  },
  {
    what: 'its node unreachable without the node object: from the node controller\'s event',
    input: {
      pod: pod({ statuses: [cs('app', running(), { ready: false })], conditions: [cond('Ready', 'False', undefined, undefined, 100_000)] }),
      events: [ev('NodeNotReady', 'Node is not ready', { component: 'node-controller', lastMsAgo: 100_000 })],
    },
    cause: 'node-not-ready',
    headline: /unreachable for 100s; evicted in 3m20s/,
  },
  {
    what: 'terminating: the grace left and a preStop hook running',
    input: {
      pod: pod({
        containers: [{ name: 'app', image: 'nginx', lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 20'] } } } }],
        statuses: [cs('app', running(), { ready: false })],
        deleting: { msAgo: 5_000, grace: 30 },
        conditions: NOT_READY(),
      }),
      events: [ev('Killing', 'Stopping container app', { container: 'app', type: 'Normal', lastMsAgo: 5_000 })],
    },
    cause: 'terminating',
    headline: /^terminating: 25s of its 30s grace period left; preStop hook of app running, ends in 15s$/,
  },
  {
    what: 'terminating: held by a finalizer after its containers stopped',
    input: { pod: pod({ statuses: [cs('app', terminated(0, 'Completed', 50_000))], deleting: { msAgo: 60_000, grace: 30, finalizers: ['example.com/cleanup'] }, conditions: NOT_READY() }), events: [] },
    cause: 'terminating',
    headline: /held by finalizer example\.com\/cleanup/,
  },
  {
    what: 'a readiness gate not satisfied',
    input: {
      pod: pod({
        extraSpec: { readinessGates: [{ conditionType: 'target-health.elbv2.k8s.aws/web' }] },
        statuses: [cs('app', running(), { ready: true })],
        conditions: [cond('ContainersReady', 'True'), cond('Ready', 'False', 'ReadinessGatesNotReady', 'corresponding condition of pod readiness gate "target-health.elbv2.k8s.aws/web" does not exist.')],
      }),
      events: [],
    },
    cause: 'readiness-gate',
    headline: /readiness gate target-health\.elbv2\.k8s\.aws\/web has no condition yet/,
  },
  {
    what: 'a container that finished under restartPolicy Never keeps the pod from Ready',
    input: { pod: pod({ restartPolicy: 'Never', statuses: [cs('app', terminated(0, 'Completed', 30_000))], conditions: NOT_READY() }), events: [] },
    cause: 'exited',
    headline: /exited 0 \(Completed\) 30s ago and restartPolicy Never leaves it down/,
  },
  {
    what: 'a Failed pod: evicted',
    input: { pod: pod({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.', statuses: [cs('app', terminated(137, 'ContainerStatusUnknown', 30_000))] }), events: [] },
    cause: 'failed',
    headline: /^failed: Evicted \(The node was low on resource: memory\.\)$/,
  },
];

describe('diagnose: one finding per cause, in the kubelet\'s and scheduler\'s words', () => {
  it.each(cases)('$what', (c) => {
    const d = diagnose({ ...c.input, nowMs: NOW });
    expect(d.findings.length, diagnosisLines(d).join('\n')).toBeGreaterThan(0);
    const f = d.findings[0]!;
    expect(f.cause).toBe(c.cause);
    expect(f.headline).toMatch(c.headline);
    if (c.short) expect(f.short).toMatch(c.short);
    if (c.fix) expect(f.fix ?? '').toMatch(c.fix);
    if (c.evidence) expect(d.findings.flatMap((x) => x.evidence.map((e) => e.text)).join('\n')).toMatch(c.evidence);
    expect(d.summary).toBe(f.short);
  });

  it('an OOMKilled container also gets its own finding with the limit and the fix', () => {
    const d = diagnose({ ...cases.find((c) => c.what.startsWith('OOMKilled'))!.input, nowMs: NOW });
    const oom = d.findings.find((f) => f.cause === 'oom-killed')!;
    expect(oom.headline).toBe('container app was OOMKilled 5s ago: it used all of its memory limit 100Mi');
    expect(oom.short).toBe('OOMKilled (limit 100Mi)');
    expect(oom.fix).toMatch(/raise resources\.limits\.memory above 100Mi/);
  });

  it('a Ready pod has no findings and says Ready; a Succeeded one says Completed', () => {
    const ready = diagnose({ pod: pod({ statuses: [cs('app', running(), { ready: true })], conditions: READY_CONDS }), events: [], nowMs: NOW, nodes: [node('node-1')] });
    expect(ready).toEqual({ ready: true, summary: 'Ready', findings: [] });
    expect(diagnosisLines(ready)).toEqual(['✓ Ready: nothing keeps it from serving']);
    const done = diagnose({ pod: pod({ phase: 'Succeeded', restartPolicy: 'Never', statuses: [cs('app', terminated(0, 'Completed', 5_000))], conditions: [cond('Ready', 'False', 'PodCompleted')] }), events: [], nowMs: NOW });
    expect(done.summary).toBe('Completed');
    expect(done.findings).toEqual([]);
  });

  it('past liveness restarts of a pod that is Ready and passing now are history: no finding', () => {
    const c = cases.find((x) => x.cause === 'liveness')!;
    const events = c.input.events.map((e) => (e.reason === 'Unhealthy' ? { ...e, lastTimestamp: ago(13_000) } : e));
    expect(diagnose({ ...c.input, events, nowMs: NOW }).findings).toEqual([]);
  });

  it('a node that no longer exists', () => {
    const d = diagnose({ pod: pod({ statuses: [cs('app', running(), { ready: true })], conditions: READY_CONDS }), events: [], nowMs: NOW, nodes: [node('node-2')] });
    expect(d.findings[0]).toMatchObject({ cause: 'node-missing', headline: 'its node node-1 no longer exists' });
  });

  it('terminating on an unreachable node leads, and says no kubelet will confirm', () => {
    const d = diagnose({
      pod: pod({ statuses: [cs('app', running(), { ready: false })], deleting: { msAgo: 40_000, grace: 30 }, conditions: NOT_READY() }),
      events: [],
      nodes: [node('node-1', { ready: 'Unknown', notReadyMsAgo: 400_000 })],
      nowMs: NOW,
    });
    expect(d.findings.map((f) => f.cause)).toEqual(['terminating', 'node-not-ready']);
    expect(d.summary).toBe('terminating on a lost node');
  });

  it('every finding renders as a headline, its evidence with times, and a fix line', () => {
    const c = cases.find((x) => x.cause === 'crash-loop')!;
    const lines = diagnosisLines(diagnose({ ...c.input, nowMs: NOW }));
    expect(lines[0]).toBe('✗ container app is crash-looping: exit 1 12s ago, restarted 3 times, next start in 28s');
    expect(lines).toContain(`    app: lastState.terminated Error exit 1  (${ago(12_000)})`);
    expect(lines.at(-1)).toMatch(/^ {2}→ fix: /);
  });

  it('malformed quantities and missing fields never throw', () => {
    const bad = pod({ nodeName: null, phase: 'Pending', containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: 'lots' } } }], conditions: [cond('PodScheduled', 'False', 'Unschedulable', FIT('3 Insufficient cpu'))] });
    expect(() => diagnose({ pod: bad, events: [], nowMs: NOW, nodes: [node('n', { cpu: 'x' })] })).not.toThrow();
    expect(() => diagnose({ pod: {}, events: [{} as Event], nowMs: NOW })).not.toThrow();
  });
});

describe('the cadences and texts diagnosis reads', () => {
  it.each([
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [5, 160_000],
    [6, 300_000],
    [40, 300_000],
  ])('back-off after %i failures in a row: %i ms', (n, ms) => {
    expect(backoffAfter(n)).toBe(ms);
  });

  it.each([
    ['back-off 10s restarting failed container=app pod=p_ns(u)', 10_000],
    ['back-off 1m20s restarting failed container=app pod=p_ns(u)', 80_000],
    ['back-off 5m0s restarting failed container=app pod=p_ns(u)', 300_000],
    ['something else', undefined],
  ])('%s', (message, ms) => {
    expect(backoffFromMessage(message)).toBe(ms);
  });

  it.each([
    [0, 'now'],
    [1, '1s'],
    [40_000, '40s'],
    [80_000, '1m20s'],
    [120_000, '2m'],
  ])('waitText(%i) = %s', (ms, text) => {
    expect(waitText(ms)).toBe(text);
  });

  it("splits the scheduler's histogram, taints with commas included", () => {
    expect(schedulerReasons(FIT('1 node(s) had untolerated taint {a: b}, 2 Insufficient cpu, 10 node(s) were unschedulable'))).toEqual([
      '1 node(s) had untolerated taint {a: b}',
      '2 Insufficient cpu',
      '10 node(s) were unschedulable',
    ]);
  });
});
