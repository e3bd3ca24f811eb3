import { describe, expect, it } from 'vitest';
import { computeQosClass, qosClass } from '../../src/kube/qos.js';
import type { Container, Pod } from '../../src/kube/types.js';

type Res = { requests?: Record<string, string>; limits?: Record<string, string> };

const c = (name: string, resources?: Res): Container => ({ name, image: 'img', ...(resources ? { resources } : {}) });
const pod = (containers: Container[], initContainers: Container[] = []): Pod => ({
  metadata: { name: 'p' },
  spec: { containers, initContainers },
});
const both = (cpu: string, memory: string): Record<string, string> => ({ cpu, memory });

describe('qosClass (ComputePodQOS rules)', () => {
  const cases: [string, Pod, 'Guaranteed' | 'Burstable' | 'BestEffort'][] = [
    ['no resources at all', pod([c('app')]), 'BestEffort'],
    ['empty requests and limits', pod([c('app', { requests: {}, limits: {} })]), 'BestEffort'],
    ['zero amounts do not count', pod([c('app', { requests: both('0', '0') })]), 'BestEffort'],
    ['resources other than cpu/memory do not count', pod([c('app', { limits: { 'ephemeral-storage': '1Gi' } })]), 'BestEffort'],
    ['requests equal limits', pod([c('app', { requests: both('500m', '128Mi'), limits: both('500m', '128Mi') })]), 'Guaranteed'],
    ['equal in value, different spelling', pod([c('app', { requests: both('1', '1Gi'), limits: both('1000m', '1073741824') })]), 'Guaranteed'],
    ['limits only: requests default to limits', pod([c('app', { limits: both('1', '1Gi') })]), 'Guaranteed'],
    ['limits and a partial request', pod([c('app', { requests: { cpu: '1' }, limits: both('1', '1Gi') })]), 'Guaranteed'],
    ['requests below limits', pod([c('app', { requests: both('250m', '64Mi'), limits: both('500m', '128Mi') })]), 'Burstable'],
    ['requests only', pod([c('app', { requests: both('250m', '64Mi') })]), 'Burstable'],
    ['cpu limit only', pod([c('app', { limits: { cpu: '1' } })]), 'Burstable'],
    ['memory limit only', pod([c('app', { limits: { memory: '1Gi' } })]), 'Burstable'],
    [
      'one guaranteed container beside one without resources',
      pod([c('a', { limits: both('1', '1Gi') }), c('b')]),
      'Burstable',
    ],
    [
      'all containers guaranteed',
      pod([c('a', { limits: both('1', '1Gi') }), c('b', { requests: both('2', '2Gi'), limits: both('2', '2Gi') })]),
      'Guaranteed',
    ],
    [
      'an init container without resources spoils Guaranteed',
      pod([c('app', { limits: both('1', '1Gi') })], [c('init')]),
      'Burstable',
    ],
    [
      'guaranteed init and main containers',
      pod([c('app', { limits: both('1', '1Gi') })], [c('init', { limits: both('100m', '32Mi') })]),
      'Guaranteed',
    ],
    ['an init container alone with requests makes it Burstable', pod([c('app')], [c('init', { requests: { cpu: '100m' } })]), 'Burstable'],
    [
      'a sidecar (restartable init container) counts like any init container',
      pod([c('app', { limits: both('1', '1Gi') })], [{ ...c('side', { requests: { memory: '10Mi' } }), restartPolicy: 'Always' }]),
      'Burstable',
    ],
  ];
  it.each(cases)('%s → %s', (_name, p, expected) => {
    expect(qosClass(p)).toBe(expected);
    expect(computeQosClass(p)).toBe(expected);
  });

  it('prefers status.qosClass when the server has recorded one (GetPodQOS)', () => {
    const p = pod([c('app')]);
    p.status = { qosClass: 'Guaranteed' };
    expect(qosClass(p)).toBe('Guaranteed');
    expect(computeQosClass(p)).toBe('BestEffort');
  });

  it('a pod without a spec is BestEffort', () => {
    expect(qosClass({})).toBe('BestEffort');
  });
});

describe('pod-level resources (spec.resources)', () => {
  const withPodResources = (resources: Res, containers: Container[] = [c('app')]): Pod => ({
    metadata: { name: 'p' },
    spec: { containers, resources },
  });
  const cases: [string, Pod, 'Guaranteed' | 'Burstable' | 'BestEffort', 'Guaranteed' | 'Burstable' | 'BestEffort'][] = [
    ['pod limits only, no container resources', withPodResources({ limits: both('1', '1Gi') }), 'Guaranteed', 'BestEffort'],
    ['pod requests equal limits', withPodResources({ requests: both('1', '1Gi'), limits: both('1', '1Gi') }), 'Guaranteed', 'BestEffort'],
    ['pod requests only', withPodResources({ requests: both('1', '1Gi') }), 'Burstable', 'BestEffort'],
    ['pod cpu limit only', withPodResources({ limits: { cpu: '1' } }), 'Burstable', 'BestEffort'],
    ['pod requests below limits', withPodResources({ requests: both('500m', '1Gi'), limits: both('1', '1Gi') }), 'Burstable', 'BestEffort'],
    ['empty pod resources', withPodResources({}), 'BestEffort', 'BestEffort'],
    [
      'pod resources replace the containers',
      withPodResources({ requests: both('1', '1Gi') }, [c('app', { limits: both('1', '1Gi') })]),
      'Burstable',
      'Guaranteed',
    ],
  ];
  it.each(cases)('%s → %s when enabled (kubectl), %s when not (1.33 apiserver)', (_name, p, enabled, disabled) => {
    expect(computeQosClass(p, { podLevelResources: true })).toBe(enabled);
    expect(qosClass(p, { podLevelResources: true })).toBe(enabled);
    expect(computeQosClass(p)).toBe(disabled);
    expect(computeQosClass(p, { podLevelResources: false })).toBe(disabled);
  });
});
