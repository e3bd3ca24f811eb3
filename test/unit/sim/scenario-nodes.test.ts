import { describe, expect, it } from 'vitest';
import { defaultNodes, makeNode } from '../../../src/sim/nodes.js';

describe('makeNode', () => {
  it('builds a kind-like healthy worker', () => {
    const node = makeNode('sim-node-2', 1, { now: Date.UTC(2026, 0, 1) });
    expect(node.metadata!.name).toBe('sim-node-2');
    expect(node.metadata!.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'sim-node-2',
      'kubernetes.io/os': 'linux',
    });
    expect(node.spec!.podCIDR).toBe('10.244.1.0/24');
    expect(node.spec!.podCIDRs).toEqual(['10.244.1.0/24']);
    expect(node.spec!.taints).toBeUndefined();
    expect(node.status!.capacity).toEqual({
      cpu: '4',
      'ephemeral-storage': '102626232Ki',
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: '8152940Ki',
      pods: '110',
    });
    expect(node.status!.allocatable).toEqual({
      cpu: '4',
      'ephemeral-storage': '94580335411',
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: '8050540Ki',
      pods: '110',
    });
    expect(node.status!.conditions).toEqual([
      { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' },
      { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' },
      { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' },
      { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' },
    ]);
    expect(node.status!.addresses).toEqual([
      { type: 'InternalIP', address: '172.18.0.3' },
      { type: 'Hostname', address: 'sim-node-2' },
    ]);
    expect(node.status!.nodeInfo).toMatchObject({
      kubeletVersion: 'v1.33.1',
      containerRuntimeVersion: 'containerd://2.1.1',
      operatingSystem: 'linux',
      architecture: 'amd64',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
    });
    expect(node.status!.daemonEndpoints).toEqual({ kubeletEndpoint: { Port: 10250 } });
  });

  it('takes sizes, labels and taints; allocatable memory keeps the 100Mi eviction reserve', () => {
    const node = makeNode('big', 300, { cpu: '64', memory: '256Gi', pods: 250, labels: { disktype: 'ssd' }, taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] });
    expect(node.status!.capacity).toMatchObject({ cpu: '64', memory: '256Gi', pods: '250' });
    expect(node.status!.allocatable).toMatchObject({ cpu: '64', memory: `${256 * 1024 * 1024 - 100 * 1024}Ki`, pods: '250' });
    expect(node.metadata!.labels!.disktype).toBe('ssd');
    expect(node.spec!.taints).toEqual([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
    // Indexes past 255 still give valid addresses.
    expect(node.spec!.podCIDR).toBe('10.245.44.0/24');
    expect(node.status!.addresses![0]!.address).toBe('172.18.1.46');
  });

  it('gives each node stable, distinct machine ids', () => {
    const a = makeNode('a', 0).status!.nodeInfo!;
    expect(makeNode('a', 0).status!.nodeInfo).toEqual(a);
    expect(makeNode('b', 1).status!.nodeInfo!.machineID).not.toBe(a.machineID);
    expect(a.systemUUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe('defaultNodes', () => {
  it('is three workers like a kind cluster', () => {
    const nodes = defaultNodes();
    expect(nodes.map((n) => [n.metadata!.name, n.spec!.podCIDR, n.status!.addresses![0]!.address])).toEqual([
      ['sim-node-1', '10.244.0.0/24', '172.18.0.2'],
      ['sim-node-2', '10.244.1.0/24', '172.18.0.3'],
      ['sim-node-3', '10.244.2.0/24', '172.18.0.4'],
    ]);
    expect(nodes[0]!.status!.conditions![0]!.lastHeartbeatTime).toBeUndefined();
  });
});
