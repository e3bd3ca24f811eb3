// Which instance a log request reads (the kubelet's validateContainerLogStatus) and which
// container a client defaults to.
import { describe, expect, test } from 'vitest';
import type { ContainerStatus, Pod } from '../../../../src/kube/types.js';
import { chooseInstance, defaultContainerName } from '../../../../src/sim/logs/index.js';

const A = 'containerd://aaa';
const B = 'containerd://bbb';

function pod(status: Partial<ContainerStatus>): Pod {
  return {
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
    status: { containerStatuses: [{ name: 'c', image: 'busybox', imageID: '', ready: false, restartCount: 0, ...status }] },
  };
}

describe('chooseInstance', () => {
  test.each<[string, Partial<ContainerStatus>, boolean, ReturnType<typeof chooseInstance>]>([
    ['running', { containerID: B, state: { running: { startedAt: 'x' } } }, false, { containerID: B }],
    ['running, previous', { containerID: B, state: { running: {} }, lastState: { terminated: { exitCode: 1, containerID: A } } }, true, { containerID: A }],
    ['running, no previous', { containerID: B, state: { running: {} } }, true, { error: 'previous terminated container "c" in pod "p" not found' }],
    ['crash-loop back-off reads the last run', { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, containerID: A } } }, false, { containerID: A }],
    ['terminated', { containerID: A, state: { terminated: { exitCode: 0, containerID: A } } }, false, { containerID: A }],
    ['creating', { state: { waiting: { reason: 'ContainerCreating' } } }, false, { error: 'container "c" in pod "p" is waiting to start: ContainerCreating' }],
    ['pull failed', { state: { waiting: { reason: 'ErrImagePull' } } }, false, { error: `container "c" in pod "p" is waiting to start: image can't be pulled` }],
    ['pull back-off', { state: { waiting: { reason: 'ImagePullBackOff' } } }, false, { error: 'container "c" in pod "p" is waiting to start: trying and failing to pull image' }],
    ['no state', {}, false, { error: 'container "c" in pod "p" is waiting to start - no logs yet' }],
  ])('%s', (_what, status, previous, want) => {
    expect(chooseInstance(pod(status), 'c', previous)).toEqual(want);
  });

  test('a container without a status is not available', () => {
    expect(chooseInstance({ metadata: { name: 'p' }, spec: { containers: [] } }, 'c', false)).toEqual({ error: 'container "c" in pod "p" is not available' });
  });
});

describe('defaultContainerName', () => {
  const two: Pod = { metadata: { name: 'p' }, spec: { initContainers: [{ name: 'init', image: 'x' }], containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'x' }] } };
  test.each<[string, Pod, string | undefined]>([
    ['the only container', { spec: { containers: [{ name: 'a', image: 'x' }] } }, 'a'],
    ['several: none', two, undefined],
    ['the annotation', { ...two, metadata: { annotations: { 'kubectl.kubernetes.io/default-container': 'b' } } }, 'b'],
    ['the annotation may name an init container', { ...two, metadata: { annotations: { 'kubectl.kubernetes.io/default-container': 'init' } } }, 'init'],
    ['an annotation naming no container is ignored', { ...two, metadata: { annotations: { 'kubectl.kubernetes.io/default-container': 'zz' } } }, undefined],
  ])('%s', (_what, p, want) => expect(defaultContainerName(p)).toBe(want));
});
