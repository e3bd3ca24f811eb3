// Start-time failures the kubelet reports, on the manual clock through the store (the
// start-failures fixture), plus the admission rule on privileged containers and the pure
// pieces table-driven: image references, image users, runAsNonRoot, the start error text.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, test } from 'vitest';
import { ApiError } from '../../../../src/kube/apiError.js';
import type { Event, Pod } from '../../../../src/kube/types.js';
import type { ManualClock } from '../../../../src/sim/clock.js';
import { pastBackoffLimitOnFailure } from '../../../../src/sim/controllers/job.js';
import type { Simulator } from '../../../../src/sim/engine.js';
import { imageReferenceError } from '../../../../src/sim/kubelet/imageReference.js';
import { imageUser, runAsNonRootError } from '../../../../src/sim/kubelet/imageUser.js';
import { execProbeOutput } from '../../../../src/sim/kubelet/probes.js';
import { startErrorMessage } from '../../../../src/sim/kubelet/startPipeline.js';
import { parseScenario } from '../../../../src/sim/scenario/index.js';
import { createTestSimulator } from '../../../ui/testSimulator.js';

type Sim = Simulator & { clock: ManualClock };
let sim: Sim | undefined;
afterEach(() => {
  sim?.stop();
  sim = undefined;
});
const S = 1000;
function start(): Sim {
  sim = createTestSimulator(parseScenario(readFileSync('fixtures/start-failures.yaml', 'utf8'), 'fixtures/start-failures.yaml'));
  return sim;
}
const pod = (s: Sim, name: string): Pod | undefined => s.store.get('Pod', 'default', name);
const state = (s: Sim, name: string) => pod(s, name)?.status?.containerStatuses?.[0];
const events = (s: Sim, name: string): string[] =>
  [...s.store.all('Event')].filter((e: Event) => e.involvedObject?.name === name).map((e) => `${e.type} ${e.reason}: ${e.message}`);

describe('start-failures fixture', () => {
  it('runAsNonRoot: an image that runs as root and runAsUser 0 are CreateContainerConfigError; a non-root image runs', () => {
    const s = start();
    s.clock.advance(30 * S);
    const uid = pod(s, 'nonroot-nginx')!.metadata!.uid;
    const nginxText = `container has runAsNonRoot and image will run as root (pod: "nonroot-nginx_default(${uid})", container: nginx)`;
    expect(state(s, 'nonroot-nginx')?.state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: nginxText });
    expect(events(s, 'nonroot-nginx')).toContain(`Warning Failed: Error: ${nginxText}`);
    const uid0 = pod(s, 'nonroot-uid0')!.metadata!.uid;
    expect(state(s, 'nonroot-uid0')?.state?.waiting?.message).toBe(`container's runAsUser breaks non-root policy (pod: "nonroot-uid0_default(${uid0})", container: app)`);
    expect(state(s, 'nonroot-ok')?.state?.running).toBeDefined();
  });

  it('a command that is not in the image: RunContainerError, then StartError exit 128 and CrashLoopBackOff', () => {
    const s = start();
    s.clock.advance(5 * S);
    const text = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/nonexistent/bin/server": stat /nonexistent/bin/server: no such file or directory: unknown';
    const first = state(s, 'missing-command')!;
    expect(first.state?.waiting).toEqual({ reason: 'RunContainerError', message: text });
    expect(first.lastState?.terminated).toMatchObject({ exitCode: 128, reason: 'StartError', message: text, startedAt: '1970-01-01T00:00:00Z' });
    expect(events(s, 'missing-command')).toContain(`Warning Failed: Error: ${text}`);
    expect(events(s, 'missing-command')).not.toContain('Normal Started: Started container server');
    // Like any crash, the next resync shows the back-off (the status alternates, as kubectl get pods shows).
    expect(s.clock.runUntil(() => state(s, 'missing-command')?.state?.waiting?.reason === 'CrashLoopBackOff', 60 * S)).toBe(true);
    expect(state(s, 'missing-command')!.restartCount).toBeGreaterThan(0);
    expect(state(s, 'missing-command')!.lastState?.terminated?.reason).toBe('StartError');
    expect(state(s, 'typo-command')?.lastState?.terminated?.message).toBe(
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "pyhton": executable file not found in $PATH: unknown',
    );
  });

  it('an image reference that does not parse is InvalidImageName, retried every sync', () => {
    const s = start();
    s.clock.advance(25 * S);
    const text = 'Failed to apply default image tag "nginx:1.27:bad": couldn\'t parse image name "nginx:1.27:bad": invalid reference format';
    expect(state(s, 'bad-image')?.state?.waiting).toEqual({ reason: 'InvalidImageName', message: text });
    const ev = [...s.store.all('Event')].filter((e) => e.involvedObject?.name === 'bad-image' && e.reason === 'InspectFailed');
    expect(ev).toHaveLength(1);
    expect(ev[0]!.message).toBe(text);
    expect(ev[0]!.count).toBeGreaterThan(1);
    expect(events(s, 'bad-image')).toContain('Warning Failed: Error: InvalidImageName');
  });

  it('a Job with restartPolicy OnFailure fails with BackoffLimitExceeded once its restarts reach backoffLimit, and its pod is deleted', () => {
    const s = start();
    const done = (): boolean => (s.store.get('Job', 'default', 'flaky')?.status?.conditions ?? []).some((c) => c.type === 'Failed' && c.status === 'True');
    expect(s.clock.runUntil(done, 300 * S)).toBe(true);
    const failed = s.store.get('Job', 'default', 'flaky')!.status!.conditions!.find((c) => c.type === 'Failed')!;
    expect([failed.reason, failed.message]).toEqual(['BackoffLimitExceeded', 'Job has reached the specified backoff limit']);
    expect(events(s, 'flaky')).toContain('Warning BackoffLimitExceeded: Job has reached the specified backoff limit');
    expect([...s.store.all('Pod', 'default')].filter((p) => p.metadata?.labels?.['job-name'] === 'flaky')).toEqual([]);
  });

  it('exec and gRPC probe failures carry the kubelet texts', () => {
    const s = start();
    s.clock.advance(60 * S);
    expect(events(s, 'exec-probe')).toContain("Warning Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    const ip = pod(s, 'grpc-probe')!.status!.podIP;
    expect(events(s, 'grpc-probe')).toContain(`Warning Unhealthy: Readiness probe failed: timeout: failed to connect service "${ip}:2379" within 1s: context deadline exceeded`);
  });
});

describe('privileged with allowPrivilegeEscalation false', () => {
  it('is refused at admission with the apiserver 422', () => {
    const s = start();
    let err: unknown;
    try {
      s.api.create('Pod', {
        metadata: { name: 'priv', namespace: 'default' },
        spec: { containers: [{ name: 'c', image: 'busybox', securityContext: { privileged: true, allowPrivilegeEscalation: false } }] },
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toMatch(
      /^Pod "priv" is invalid: spec\.containers\[0\]\.securityContext: Invalid value: core\.SecurityContext\{Capabilities:\(\*core\.Capabilities\)\(nil\), Privileged:\(\*bool\)\(0xc[0-9a-f]+\), .*AllowPrivilegeEscalation:\(\*bool\)\(0xc[0-9a-f]+\), ProcMount:\(\*core\.ProcMountType\)\(nil\), SeccompProfile:\(\*core\.SeccompProfile\)\(nil\), AppArmorProfile:\(\*core\.AppArmorProfile\)\(nil\)\}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true$/,
    );
  });
});

describe('pure pieces', () => {
  test.each<[string, string | undefined]>([
    ['nginx', undefined],
    ['nginx:1.27', undefined],
    ['docker.io/library/nginx:1.27', undefined],
    ['localhost:5000/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', undefined],
    ['nginx:1.27:bad', 'invalid reference format'],
    ['nginx::1', 'invalid reference format'],
    ['Nginx:1.27', 'invalid reference format: repository name (library/Nginx) must be lowercase'],
    ['my image', 'invalid reference format'],
  ])('reference %s', (image, err) => expect(imageReferenceError(image)).toBe(err));

  test.each<[string, string | undefined, { uid?: number; username?: string }]>([
    ['nginx:1.27', undefined, { uid: 0 }],
    ['nginxinc/nginx-unprivileged:1.27', undefined, { uid: 101 }],
    ['bitnami/redis:7.2', undefined, { uid: 1001 }],
    ['gcr.io/distroless/static:nonroot', undefined, { uid: 65532 }],
    ['nginx:1.27', '1000', { uid: 1000 }],
    ['nginx:1.27', 'app', { username: 'app' }],
  ])('image user of %s (annotation %s)', (image, annotated, user) => expect(imageUser(image, annotated)).toEqual(user));

  it('runAsNonRoot: the container setting wins over the pod one; a non-numeric user cannot be verified', () => {
    const pod: Pod = { metadata: { name: 'p', namespace: 'ns', uid: 'u' }, spec: { securityContext: { runAsNonRoot: true }, containers: [] } };
    expect(runAsNonRootError(pod, { name: 'c', securityContext: { runAsNonRoot: false } }, { uid: 0 })).toBeUndefined();
    expect(runAsNonRootError(pod, { name: 'c', securityContext: { runAsUser: 1000 } }, { uid: 0 })).toBeUndefined();
    expect(runAsNonRootError(pod, { name: 'c' }, { username: 'app' })).toBe(
      'container has runAsNonRoot and image has non-numeric user (app), cannot verify user is non-root (pod: "p_ns(u)", container: c)',
    );
  });

  test.each<[string[], string]>([
    [['cat', '/tmp/healthy'], "cat: can't open '/tmp/healthy': No such file or directory"],
    [['sh', '-c', 'cat /ready'], "cat: can't open '/ready': No such file or directory"],
    [['ls', '-l', '/data/ok'], 'ls: /data/ok: No such file or directory'],
    [['pg_isready'], ''],
  ])('exec probe output of %j', (command, out) => expect(execProbeOutput(command)).toBe(out));

  it('the start error names the command as runc does', () => {
    expect(startErrorMessage('app')).toContain('exec: "app": executable file not found in $PATH: unknown');
    expect(startErrorMessage('/bin/app')).toContain('exec: "/bin/app": stat /bin/app: no such file or directory: unknown');
  });

  it('pastBackoffLimitOnFailure counts restarts of pending and running pods only, and only for OnFailure', () => {
    const job = (policy: string, limit: number) => ({ spec: { backoffLimit: limit, template: { spec: { restartPolicy: policy, containers: [] } } } });
    const p = (phase: string, restarts: number): Pod => ({ status: { phase, containerStatuses: [{ name: 'c', image: 'x', imageID: '', ready: false, restartCount: restarts }] } });
    expect(pastBackoffLimitOnFailure(job('OnFailure', 3), [p('Running', 2), p('Failed', 5)])).toBe(false);
    expect(pastBackoffLimitOnFailure(job('OnFailure', 3), [p('Running', 2), p('Pending', 1)])).toBe(true);
    expect(pastBackoffLimitOnFailure(job('OnFailure', 0), [p('Running', 1)])).toBe(true);
    expect(pastBackoffLimitOnFailure(job('Never', 1), [p('Running', 5)])).toBe(false);
  });
});
