// A metrics poll reads the answer as it arrives and keeps only what a row shows
// (KubeClient.getListItems with POD_METRICS_PICK): the usage it yields is the one the whole
// parsed answer gave, however the body is cut into pieces (a character's bytes split between
// two of them too); a failure status or a body that is not JSON is a clear error.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_METRICS_PICK, POD_METRICS_PICK, type NodeMetrics, type NodeMetricsUsage, type PodMetrics, type PodMetricsUsage } from '../../../src/kube/metricsTypes.js';
import { createKubeClient, type KubeClient } from '../../../src/source/kube/client.js';
import { KubeRequestError } from '../../../src/source/kube/errors.js';
import { loadKubeconfig, resolveContext } from '../../../src/source/kube/kubeconfig.js';
import { ClusterMetrics } from '../../../src/state/clusterMetrics.js';
import { applyPodAnswer } from '../../helpers/podMetricsAnswer.js';
import { writeFakeKubeconfig } from '../../helpers/fakeKubeconfig.js';

const podMetrics = (i: number): PodMetrics => ({
  kind: 'PodMetrics',
  apiVersion: 'metrics.k8s.io/v1beta1',
  metadata: { name: `wëb-${i}-7d9f8c6b5-x${i}z`, namespace: `team-${i % 3}`, creationTimestamp: '2026-12-06T10:00:00Z', labels: { app: 'wëb', 'pod-template-hash': '7d9f8c6b5' } },
  timestamp: '2026-12-06T10:00:00Z',
  window: '15s',
  containers: [
    { name: 'app', usage: { cpu: `${123_456 + i * 1_000}n`, memory: `${5_000 + i}Ki` } },
    { name: 'sidecar', usage: { cpu: i % 2 === 0 ? '2m' : '0', memory: '1Mi' } },
  ],
});
const nodeMetrics = (i: number): NodeMetrics => ({ kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1', metadata: { name: `node-${i}` }, timestamp: '2026-12-06T10:00:00Z', window: '15s', usage: { cpu: `${i + 1}500m`, memory: `${i + 2}Gi` } });

const PODS = JSON.stringify({ kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items: Array.from({ length: 300 }, (_, i) => podMetrics(i)) });
const NODES = JSON.stringify({ kind: 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items: [0, 1, 2].map(nodeMetrics) });

let dir: string;
let server: Server;
let client: KubeClient;
/** The body's bytes are written in pieces of this many. */
let pieceBytes = 1;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-metrics-items-'));
  server = createServer((req, res) => {
    const send = (code: number, body: string): void => {
      res.writeHead(code, { 'Content-Type': 'application/json' });
      const bytes = Buffer.from(body);
      for (let i = 0; i < bytes.length; i += pieceBytes) res.write(bytes.subarray(i, i + pieceBytes));
      res.end();
    };
    if (req.url === '/apis/metrics.k8s.io/v1beta1/pods') send(200, PODS);
    else if (req.url === '/apis/metrics.k8s.io/v1beta1/nodes') send(200, NODES);
    else if (req.url === '/apis/metrics.k8s.io/v1beta1/namespaces/cut/pods') send(200, PODS.slice(0, 5_000));
    else if (req.url === '/apis/metrics.k8s.io/v1beta1/namespaces/html/pods') send(200, '<html>proxy error</html>');
    else send(403, JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'pods.metrics.k8s.io is forbidden: User "jane" cannot list resource "pods" in API group "metrics.k8s.io" in the namespace "secret"', reason: 'Forbidden', code: 403 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const file = writeFakeKubeconfig(dir, port);
  client = await createKubeClient(resolveContext(loadKubeconfig([file])));
});

afterAll(async () => {
  client.close?.();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function picked<T>(path: string, pick: typeof POD_METRICS_PICK): Promise<T[]> {
  const items: T[] = [];
  await client.getListItems<T>(path, pick, (item) => items.push(item));
  return items;
}

describe('metrics read as they arrive', () => {
  it.each([1, 7, 1_000, 65_536])("every pod's usage as the whole answer gave it, the body in pieces of %d bytes", async (bytes) => {
    pieceBytes = bytes;
    const whole = new ClusterMetrics();
    applyPodAnswer(whole, { available: true, items: (JSON.parse(PODS) as { items: PodMetrics[] }).items });
    const lean = new ClusterMetrics();
    const items = await picked<PodMetricsUsage>('/apis/metrics.k8s.io/v1beta1/pods', POD_METRICS_PICK);
    applyPodAnswer(lean, { available: true, items });
    expect(items).toHaveLength(300);
    // Only what a row reads is kept of an item.
    expect(items[1]).toEqual({ metadata: { name: 'wëb-1-7d9f8c6b5-x1z', namespace: 'team-1' }, containers: [{ usage: { cpu: '124456n', memory: '5001Ki' } }, { usage: { cpu: '0', memory: '1Mi' } }] });
    for (let i = 0; i < 300; i++) {
      const { name, namespace } = podMetrics(i).metadata;
      expect(lean.podUsage(namespace!, name!)).toEqual(whole.podUsage(namespace!, name!));
      expect(lean.podUsage(namespace!, name!)).toBeDefined();
    }
  });

  it("every node's usage as the whole answer gave it", async () => {
    pieceBytes = 5;
    const whole = new ClusterMetrics();
    whole.applyNodes({ available: true, items: (JSON.parse(NODES) as { items: NodeMetrics[] }).items });
    const lean = new ClusterMetrics();
    lean.applyNodes({ available: true, items: await picked<NodeMetricsUsage>('/apis/metrics.k8s.io/v1beta1/nodes', NODE_METRICS_PICK) });
    for (const name of ['node-0', 'node-1', 'node-2']) expect(lean.nodeUsage(name)).toEqual(whole.nodeUsage(name));
    expect(lean.nodeUsage('node-2')).toEqual({ cpuMillis: 3500, memBytes: 4 * 1024 ** 3 });
  });

  it.each([
    ['a failure status: its message', '/apis/metrics.k8s.io/v1beta1/namespaces/secret/pods', 'pods.metrics.k8s.io is forbidden: User "jane" cannot list resource "pods" in API group "metrics.k8s.io" in the namespace "secret"'],
    ['a body cut short: not JSON', '/apis/metrics.k8s.io/v1beta1/namespaces/cut/pods', /sent a body that is not JSON \(the document ends early/],
    ['a body that is no JSON at all', '/apis/metrics.k8s.io/v1beta1/namespaces/html/pods', /sent a body that is not JSON \(not JSON at character 0/],
  ])('%s', async (_name, path, message) => {
    pieceBytes = 100;
    const err = await picked(path, POD_METRICS_PICK).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeRequestError);
    if (typeof message === 'string') expect((err as Error).message).toBe(message);
    else expect((err as Error).message).toMatch(message);
  });
});
