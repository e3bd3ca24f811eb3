// The real kubectl against `sim serve` for kinds other than pods and events: the columns and
// cells come from the server's Tables (src/kube/tables), so kubectl prints what a cluster would.
import { afterEach, describe, expect, it } from 'vitest';
import { closeStartedHarnesses, Harness, kubectlAvailable, tableRows } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();
let h: Harness | undefined;

afterEach(closeStartedHarnesses);

describe.runIf(haveKubectl).sequential('kubectl get <kind> against sim serve', () => {
  it('get nodes prints STATUS, ROLES, AGE and VERSION; -o wide adds the node info', async () => {
    h = await Harness.start({ scenario: 'default' });
    const r = await h.kubectl(['get', 'nodes']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const nodes = h.sim.store.list('Node', {}).items;
    expect(nodes.length).toBeGreaterThan(0);
    expect(tableRows(r.stdout)).toEqual([
      ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
      ...nodes.map((n) => [n.metadata!.name!, 'Ready', '<none>', '2m', n.status!.nodeInfo!.kubeletVersion]),
    ]);

    const wide = await h.kubectl(['get', 'nodes', '-o', 'wide']);
    const [header, first] = tableRows(wide.stdout);
    expect(header).toEqual([
      'NAME',
      'STATUS',
      'ROLES',
      'AGE',
      'VERSION',
      'INTERNAL-IP',
      'EXTERNAL-IP',
      'OS-IMAGE',
      'KERNEL-VERSION',
      'CONTAINER-RUNTIME',
    ]);
    const n = nodes[0]!;
    const info = n.status!.nodeInfo!;
    const internal = n.status!.addresses!.find((a) => a.type === 'InternalIP')!.address;
    expect(first).toEqual([n.metadata!.name, 'Ready', '<none>', '2m', info.kubeletVersion, internal, '<none>', info.osImage, info.kernelVersion, info.containerRuntimeVersion]);
  });

  it('get deploy -A prints READY, UP-TO-DATE and AVAILABLE per deployment', async () => {
    h = await Harness.start({ scenario: 'default' });
    const r = await h.kubectl(['get', 'deploy', '-A']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(tableRows(r.stdout)).toEqual([
      ['NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
      ['default', 'web', '3/3', '3', '3', '2m'],
      ['shop', 'cart', '0/1', '1', '0', '2m'],
      ['shop', 'frontend', '2/2', '2', '2', '2m'],
    ]);

    const wide = await h.kubectl(['get', 'deploy', '-n', 'shop', '-o', 'wide']);
    expect(tableRows(wide.stdout)).toEqual([
      ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
      ['cart', '0/1', '1', '0', '2m', 'cart', 'ghcr.io/example/cart:2.3.1', 'app=cart'],
      ['frontend', '2/2', '2', '2', '2m', 'frontend', 'nginx:1.27', 'app=frontend'],
    ]);
  });

  it('get rs, jobs and ns print their kinds columns', async () => {
    h = await Harness.start({ scenario: 'default' });
    const rs = await h.kubectl(['get', 'rs', '-n', 'default']);
    expect(tableRows(rs.stdout)[0]).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
    expect(tableRows(rs.stdout)[1]!.slice(1)).toEqual(['3', '3', '3', '2m']);

    const jobs = await h.kubectl(['get', 'jobs', '-n', 'batch']);
    const [jobHeader, ...jobRows] = tableRows(jobs.stdout);
    expect(jobHeader).toEqual(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
    expect(jobRows.find((c) => c[0] === 'hello')!.slice(1, 3)).toEqual(['Complete', '1/1']);

    const ns = await h.kubectl(['get', 'ns', 'default']);
    expect(tableRows(ns.stdout)).toEqual([
      ['NAME', 'STATUS', 'AGE'],
      ['default', 'Active', '2m'],
    ]);
  });
});
