// A pod update that changes a container's image: the kubelet kills the instance (its
// definition changed), pulls the new image and starts a new instance with restartCount+1.
import { describe, expect, test } from 'vitest';
import type { Pod } from '../../../src/kube/types.js';
import { imageSizeBytes, normaliseImage } from '../../../src/sim/kubelet/images.js';
import { container, KubeletHarness } from './helpers/kubeletHarness.js';

function setImage(h: KubeletHarness, name: string, list: 'containers' | 'initContainers', index: number, image: string): void {
  const pod = structuredClone(h.must(name)) as Pod;
  pod.spec![list]![index]!.image = image;
  h.api.update('Pod', pod);
  h.clock.flush();
}

describe('kubelet: a container image changed by a pod update', () => {
  test('Killing (definition changed), then Pulling, Pulled, Created, Started with restartCount 1 and the new image', () => {
    const h = new KubeletHarness();
    h.createPod('web', { containers: [container('app', 'nginx:1.25')] }, { 'sim.podscope.dev/pull': '2s' });
    h.at(10);
    const before = h.must('web').status!.containerStatuses![0]!;
    expect(before.image).toBe('docker.io/library/nginx:1.25');
    setImage(h, 'web', 'containers', 0, 'nginx:1.27');
    h.at(30);
    expect(h.events('web', (e) => e.t >= 10_000)).toEqual([
      '10s Normal Killing Container app definition changed, will be restarted',
      '11s Normal Pulling Pulling image "nginx:1.27"',
      `13s Normal Pulled Successfully pulled image "nginx:1.27" in 2s (2s including waiting). Image size: ${imageSizeBytes(normaliseImage('nginx:1.27'))} bytes.`,
      '13s Normal Created Created container app',
      '13s Normal Started Started container app',
    ]);
    const after = h.must('web').status!.containerStatuses![0]!;
    expect(after.restartCount).toBe(1);
    expect(after.image).toBe('docker.io/library/nginx:1.27');
    expect(after.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(after.imageID).not.toBe(before.imageID);
    expect(after.containerID).not.toBe(before.containerID);
    expect(after.state?.running).toBeDefined();
    expect(after.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed', containerID: before.containerID });
    // SyncPod kills, pulls and starts in one go: no status in between shows the old instance's exit.
    expect(h.statusLine('web').filter((l) => Number.parseFloat(l) >= 10)).toEqual(['13s Running 1/1 1']);
  });

  test('the status keeps the running image until the old instance is gone; the grace is the pod\'s', () => {
    const h = new KubeletHarness();
    h.createPod(
      'slow',
      { terminationGracePeriodSeconds: 5, containers: [container('app', 'busybox:1.36', { command: ['sh', '-c', 'sleep 3600'] })] },
      { 'sim.podscope.dev/pull': '1s' },
    );
    h.at(10);
    setImage(h, 'slow', 'containers', 0, 'busybox:1.37');
    h.at(14);
    expect(h.must('slow').status!.containerStatuses![0]!.image).toBe('docker.io/library/busybox:1.36');
    h.at(30);
    expect(h.events('slow', (e) => e.t >= 10_000).map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      '10s Normal Killing',
      '15s Normal Pulling',
      '16s Normal Pulled',
      '16s Normal Created',
      '16s Normal Started',
    ]);
    const s = h.must('slow').status!.containerStatuses![0]!;
    expect(s).toMatchObject({ restartCount: 1, image: 'docker.io/library/busybox:1.37' });
    expect(s.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  test('restarts whatever the restart policy, and past the crash-loop back-off', () => {
    const h = new KubeletHarness();
    h.createPod('never', { restartPolicy: 'Never', containers: [container('app', 'nginx:1.25')] }, { 'sim.podscope.dev/pull': '1s' });
    h.at(10);
    setImage(h, 'never', 'containers', 0, 'nginx:1.27');
    h.at(20);
    expect(h.must('never').status!.containerStatuses![0]).toMatchObject({ restartCount: 1, image: 'docker.io/library/nginx:1.27' });
    expect(h.must('never').status!.phase).toBe('Running');
    expect(h.events('never', (e) => e.reason === 'BackOff')).toEqual([]);
  });

  test('a sidecar: "Init container <name> definition changed"; a finished init container is left alone', () => {
    const h = new KubeletHarness();
    h.createPod(
      'side',
      {
        initContainers: [container('setup', 'busybox:1.36'), container('proxy', 'envoy:1.30', { restartPolicy: 'Always' })],
        containers: [container('app', 'nginx:1.25')],
      },
      { 'sim.podscope.dev/pull': '1s' },
    );
    h.at(20);
    expect(h.status('side')).toBe('Running');
    setImage(h, 'side', 'initContainers', 0, 'busybox:1.37');
    setImage(h, 'side', 'initContainers', 1, 'envoy:1.31');
    h.at(40);
    expect(h.events('side', (e) => e.reason === 'Killing')).toEqual(['20s Normal Killing Init container proxy definition changed']);
    const [setup, proxy] = h.must('side').status!.initContainerStatuses!;
    expect(setup).toMatchObject({ restartCount: 0, image: 'docker.io/library/busybox:1.36' });
    expect(proxy).toMatchObject({ restartCount: 1, image: 'docker.io/library/envoy:1.31', started: true });
    expect(h.must('side').status!.containerStatuses![0]).toMatchObject({ restartCount: 0 });
  });

  test('a container waiting in a pull back-off tries the new image at once', () => {
    const h = new KubeletHarness();
    h.createPod('typo', { containers: [container('app', 'nginx:doesnotexist')] });
    h.at(5);
    expect(h.status('typo')).toBe('ImagePullBackOff');
    setImage(h, 'typo', 'containers', 0, 'nginx:1.27');
    h.at(60);
    expect(h.events('typo', (e) => e.reason === 'Pulling' && e.t >= 5000)).toEqual(['5s Normal Pulling Pulling image "nginx:1.27"']);
    expect(h.status('typo')).toBe('Running');
    expect(h.must('typo').status!.containerStatuses![0]).toMatchObject({ restartCount: 0, image: 'docker.io/library/nginx:1.27' });
  });
});

describe('kubelet: activeDeadlineSeconds changed by a pod update', () => {
  test('set on a running pod, already past: DeadlineExceeded at once; lowered: at the new deadline', () => {
    const h = new KubeletHarness();
    h.createPod('late', { restartPolicy: 'Never', terminationGracePeriodSeconds: 5, containers: [container('app', 'nginx:1.25')] }, { 'sim.podscope.dev/pull': '1s' });
    h.createPod('lower', { activeDeadlineSeconds: 600, restartPolicy: 'Never', containers: [container('app', 'nginx:1.25')] }, { 'sim.podscope.dev/pull': '1s' });
    h.at(20);
    for (const [name, seconds] of [['late', 10], ['lower', 40]] as const) {
      const pod = structuredClone(h.must(name)) as Pod;
      pod.spec!.activeDeadlineSeconds = seconds;
      h.api.update('Pod', pod);
    }
    h.clock.flush();
    expect(h.events('late', (e) => e.reason === 'DeadlineExceeded')).toEqual(['20s Normal DeadlineExceeded Pod was active on the node longer than the specified deadline']);
    expect(h.must('late').status!.phase).toBe('Failed');
    h.at(39.999);
    expect(h.must('lower').status!.phase).toBe('Running');
    h.at(40);
    expect(h.must('lower').status!.reason).toBe('DeadlineExceeded');
  });
});
