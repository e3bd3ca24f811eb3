// Paths under metrics.k8s.io: what metrics-server serves (nodes, pods; namespaced pods) and
// what it does not.
import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../../../src/sim/server/routes.js';
import { groupList, resourceList } from '../../../../src/sim/server/discovery.js';
import { SERVED_GROUPS } from '../../../../src/kube/catalog/index.js';

describe('metrics.k8s.io routes', () => {
  it.each<[string, object | undefined]>([
    ['/apis/metrics.k8s.io/v1beta1', { type: 'resourceList', group: 'metrics.k8s.io', version: 'v1beta1' }],
    ['/apis/metrics.k8s.io/v1beta1/pods', { type: 'metrics', entry: expect.objectContaining({ kind: 'PodMetrics' }) }],
    ['/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods', { type: 'metrics', namespace: 'shop' }],
    ['/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/web', { type: 'metrics', namespace: 'shop', name: 'web' }],
    ['/apis/metrics.k8s.io/v1beta1/nodes/n1', { type: 'metrics', name: 'n1', entry: expect.objectContaining({ kind: 'NodeMetrics' }) }],
    ['/apis/metrics.k8s.io/v1beta1/pods/web', undefined],
    ['/apis/metrics.k8s.io/v1beta1/namespaces/shop/nodes', undefined],
    ['/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/web/status', undefined],
    ['/apis/metrics.k8s.io/v1/pods', undefined],
    ['/apis/metrics.k8s.io/v1', undefined],
  ])('%s', (path, want) => {
    const route = parseRoute(path);
    if (want === undefined) expect(route.type).toBe('notFound');
    else expect(route).toMatchObject(want);
  });

  it('is discovered as metrics-server registers it', () => {
    expect(SERVED_GROUPS.has('metrics.k8s.io')).toBe(true);
    const groups = (groupList(SERVED_GROUPS) as { groups: { name: string; preferredVersion: { groupVersion: string } }[] }).groups;
    expect(groups.find((g) => g.name === 'metrics.k8s.io')!.preferredVersion.groupVersion).toBe('metrics.k8s.io/v1beta1');
    expect(resourceList('metrics.k8s.io', 'v1')).toBeUndefined();
  });
});
