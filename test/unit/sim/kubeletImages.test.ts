import { describe, expect, test } from 'vitest';
import { normaliseImage } from '../../../src/sim/kubelet/index.js';
import { container, KubeletHarness } from './helpers/kubeletHarness.js';

const NOT_FOUND =
  'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found';

describe('kubelet image pulls', () => {
  test('ErrImagePull, then ImagePullBackOff; retries after 10, 20, 40 s of back-off', () => {
    const h = new KubeletHarness();
    h.createPod('bad', { containers: [container('app', 'nginx:doesnotexist')] });
    const waiting = () => h.must('bad').status!.containerStatuses![0]!.state?.waiting;
    h.at(2);
    expect(waiting()).toEqual({ reason: 'ErrImagePull', message: NOT_FOUND });
    expect(h.status('bad')).toBe('ErrImagePull');
    h.at(3);
    expect(waiting()).toEqual({ reason: 'ImagePullBackOff', message: `Back-off pulling image "nginx:doesnotexist": ErrImagePull: ${NOT_FOUND}` });
    expect(h.status('bad')).toBe('ImagePullBackOff');
    h.at(80);
    expect(h.events('bad', (e) => e.reason === 'Pulling').map((l) => l.split(' ')[0])).toEqual(['1s', '12s', '33s', '74s']);
    expect(h.events('bad', (e) => e.t <= 3000)).toEqual([
      '1s Normal Pulling Pulling image "nginx:doesnotexist"',
      `2s Warning Failed Failed to pull image "nginx:doesnotexist": ${NOT_FOUND}`,
      '2s Warning Failed Error: ErrImagePull',
      '3s Normal BackOff Back-off pulling image "nginx:doesnotexist"',
      '3s Warning Failed Error: ImagePullBackOff',
    ]);
    expect(h.statusLine('bad').slice(0, 6)).toEqual([
      '0s Pending 0/1 0',
      '0s ContainerCreating 0/1 0',
      '2s ErrImagePull 0/1 0',
      '3s ImagePullBackOff 0/1 0',
      '13s ErrImagePull 0/1 0',
      '14s ImagePullBackOff 0/1 0',
    ]);
    expect(h.must('bad').status!.phase).toBe('Pending');
  });

  test('`pull: fail 1` fails once, then pulls and starts', () => {
    const h = new KubeletHarness();
    h.createPod('flaky', { containers: [container('app', 'redis:7')] }, { 'sim.podscope.dev/pull': 'fail 1' });
    h.at(30);
    expect(h.events('flaky', (e) => e.reason === 'Pulling' || e.reason === 'Started').map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      '1s Normal Pulling',
      '12s Normal Pulling',
      expect.stringMatching(/^1[3-6](\.\d+)?s Normal Started$/),
    ]);
    expect(h.status('flaky')).toBe('Running');
  });

  test('the node image cache: IfNotPresent reuses, Always pulls again, Never without the image fails', () => {
    const h = new KubeletHarness();
    h.createPod('one', { containers: [container('app', 'nginx:1.25')] }, { 'sim.podscope.dev/pull': '2s' });
    h.at(5);
    h.createPod('two', { containers: [container('app', 'nginx:1.25')] });
    h.createPod('three', { containers: [container('app', 'nginx:1.25', { imagePullPolicy: 'Always' })] }, { 'sim.podscope.dev/pull': '500ms' });
    h.createPod('four', { containers: [container('app', 'redis:7', { imagePullPolicy: 'Never' })] });
    h.at(10);
    expect(h.events('two', (e) => e.reason === 'Pulled')).toEqual(['6s Normal Pulled Container image "nginx:1.25" already present on machine']);
    expect(h.events('three', (e) => e.reason === 'Pulled')).toEqual([
      '6.5s Normal Pulled Successfully pulled image "nginx:1.25" in 500ms (500ms including waiting). Image size: 92976530 bytes.',
    ]);
    expect(h.status('four')).toBe('ErrImageNeverPull');
    expect(h.events('four')).toEqual([
      '6s Warning ErrImageNeverPull Container image "redis:7" is not present with pull policy of Never',
      '6s Warning Failed Error: ErrImageNeverPull',
    ]);
    const one = h.must('one').status!.containerStatuses![0]!;
    const two = h.must('two').status!.containerStatuses![0]!;
    expect(one.image).toBe('docker.io/library/nginx:1.25');
    expect(one.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(two.imageID).toBe(one.imageID);
    expect(one.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(two.containerID).not.toBe(one.containerID);
  });

  test('image references normalise as containerd reports them', () => {
    expect(normaliseImage('nginx').full).toBe('docker.io/library/nginx:latest');
    expect(normaliseImage('nginx:1.25').full).toBe('docker.io/library/nginx:1.25');
    expect(normaliseImage('bitnami/redis').full).toBe('docker.io/bitnami/redis:latest');
    expect(normaliseImage('registry.k8s.io/pause:3.9').full).toBe('registry.k8s.io/pause:3.9');
    expect(normaliseImage('localhost:5000/app').full).toBe('localhost:5000/app:latest');
    expect(normaliseImage('nginx@sha256:' + 'a'.repeat(64)).repository).toBe('docker.io/library/nginx');
  });
});
