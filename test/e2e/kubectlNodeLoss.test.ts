// Node loss through the real kubectl against `sim serve`: leases listed, a node stopped with
// `kubectl annotate`, described Unknown with its unreachable taints, its pods evicted and
// shown Terminating, and a `kubectl delete node` cleaned up by PodGC.
import { afterEach, describe, expect, it } from 'vitest';
import { closeStartedHarnesses, Harness, kubectlAvailable, tableRows } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();

afterEach(closeStartedHarnesses);

describe.runIf(haveKubectl).sequential('node loss against sim serve', () => {
  it('kubectl get lease -A, annotate node-state=stopped, describe node, evicted pods Terminating, delete node then PodGC', async () => {
    const h = await Harness.start({ scenario: 'node-failure', settleMs: 60_000 });

    const leases = await h.kubectl(['get', 'lease', '-A']);
    expect(leases.stderr).toBe('');
    expect(tableRows(leases.stdout)).toEqual([
      ['NAMESPACE', 'NAME', 'HOLDER', 'AGE'],
      ['kube-node-lease', 'sim-node-1', 'sim-node-1', '60s'],
      ['kube-node-lease', 'sim-node-2', 'sim-node-2', '60s'],
      ['kube-node-lease', 'sim-node-3', 'sim-node-3', '60s'],
    ]);

    const annotated = await h.kubectl(['annotate', 'node', 'sim-node-1', 'sim.podscope.dev/node-state=stopped', '--overwrite']);
    expect(annotated.stderr).toBe('');
    expect(annotated.stdout).toBe('node/sim-node-1 annotated\n');
    const bad = await h.kubectl(['annotate', 'node', 'sim-node-1', 'sim.podscope.dev/node-state=off', '--overwrite']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('metadata.annotations[sim.podscope.dev/node-state]: Unsupported value: "off": supported values: "running", "stopped"');

    // The last renewal was at 60 s (just before the annotation): Unknown 40 s later.
    h.clock.advance(40_000);
    const described = await h.kubectl(['describe', 'node', 'sim-node-1']);
    expect(described.stderr).toBe('');
    const out = described.stdout;
    expect(out).toMatch(/^Taints: +node\.kubernetes\.io\/unreachable:NoExecute\n +node\.kubernetes\.io\/unreachable:NoSchedule\n/m);
    for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']) {
      expect(out).toMatch(new RegExp(`^  ${type} +Unknown +.+ +NodeStatusUnknown +Kubelet stopped posting node status\\.$`, 'm'));
    }
    expect(out).toMatch(/^Lease:\n  HolderIdentity:  sim-node-1\n  AcquireTime:     <unset>\n  RenewTime:       .+\n/m);
    expect(out).toMatch(/Normal +NodeNotReady +.+ +node-controller +Node sim-node-1 status is now: NodeNotReady/);

    const before = await h.kubectl(['get', 'pods', '-o', 'wide']);
    const onNode1 = tableRows(before.stdout).filter((r) => r[6] === 'sim-node-1');
    expect(onNode1.length).toBeGreaterThan(0);
    // MarkPodsNotReady turns the pod's Ready condition False but leaves containerStatuses alone,
    // so kubectl's READY (ready containers) still says 1/1, as on a real cluster.
    for (const r of onNode1) expect([r[1], r[2]]).toEqual(['1/1', 'Running']);

    // 300 s later the unreachable toleration runs out: deleted, Terminating for good (no kubelet).
    h.clock.advance(300_000);
    h.clock.advance(30_000);
    const after = await h.kubectl(['get', 'pods', '-o', 'wide']);
    const rows = tableRows(after.stdout);
    for (const r of onNode1) {
      const now = rows.find((x) => x[0] === r[0])!;
      expect([now[1], now[2], now[6]]).toEqual(['1/1', 'Terminating', 'sim-node-1']);
    }
    const live = rows.slice(1).filter((r) => r[2] === 'Running');
    expect(live).toHaveLength(3);
    for (const r of live) expect(r[6]).not.toBe('sim-node-1');

    // kubectl delete node: PodGC force-deletes its pods, also the Terminating ones of a lost node.
    const deleted = await h.kubectl(['delete', 'node', 'sim-node-1']);
    expect(deleted.stdout).toBe('node "sim-node-1" deleted\n');
    h.clock.advance(60_000);
    const gone = await h.kubectl(['get', 'pods', '-A', '-o', 'wide']);
    expect(tableRows(gone.stdout).filter((r) => r[7] === 'sim-node-1')).toEqual([]);
    const leasesAfter = await h.kubectl(['get', 'lease', '-n', 'kube-node-lease', '-o', 'name']);
    expect(leasesAfter.stdout).toBe('lease.coordination.k8s.io/sim-node-2\nlease.coordination.k8s.io/sim-node-3\n');
  });
});
