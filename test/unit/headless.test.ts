// The headless subcommands print what kubectl prints: `get pods` (tabwriter columns, -A,
// -o wide/json/yaml, -l), `describe pod` and `events` (and their stderr messages when
// there is nothing to show), on a hand-made cluster with a manual clock.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Event, Pod } from '../../src/kube/types.js';
import { SimSource } from '../../src/source/sim.js';
import { main } from '../../src/cli/main.js';
import { describePodCommand } from '../../src/cli/describePod.js';
import { eventsCommand } from '../../src/cli/events.js';
import { getPods, type OutputFormat } from '../../src/cli/getPods.js';
import type { CliIo } from '../../src/cli/io.js';
import { harness, runningPod, turns, type Harness } from './state/simHarness.js';

interface Captured extends CliIo {
  out: string;
  err: string;
}

function io(): Captured {
  const c: Captured = {
    out: '',
    err: '',
    stdout: { write: (s: string) => (c.out += s) },
    stderr: { write: (s: string) => (c.err += s) },
    env: {},
  };
  return c;
}

/** default: web-1 (5 min old), api-1 (3 min old, restarted); shop: cart-1 crash-looping. */
function cluster(): Harness {
  const h = harness(['default', 'shop', 'empty']);
  h.api.create('Pod', runningPod('web-1'));
  h.clock.advance(120_000);
  const api = runningPod('api-server-1');
  api.status!.containerStatuses![0]!.restartCount = 2;
  api.status!.containerStatuses![0]!.lastState = { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-01-01T00:04:00Z' } };
  h.api.create('Pod', api);
  const cart: Pod = runningPod('cart-1', 'shop');
  cart.status!.containerStatuses![0] = { ...cart.status!.containerStatuses![0]!, ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } };
  h.api.create('Pod', cart);
  h.clock.advance(180_000); // now: 2026-01-01T00:05:00Z
  return h;
}

function event(h: Harness, name: string, ns: string, pod: string, at: string, type: string, reason: string, message: string, count = 1): Event {
  // describe (kubectl's and ours) selects the pod's events by uid too.
  const uid = h.store.get('Pod', ns, pod)?.metadata?.uid;
  return {
    metadata: { name, namespace: ns },
    involvedObject: { kind: 'Pod', name: pod, namespace: ns, apiVersion: 'v1', uid },
    type,
    reason,
    message,
    firstTimestamp: at,
    lastTimestamp: at,
    count,
    source: { component: 'kubelet', host: 'node-1' },
  };
}

async function get(h: Harness, namespace: string | undefined, output: OutputFormat = 'table', labelSelector?: string): Promise<Captured> {
  const c = io();
  expect(await getPods(new SimSource(h), { namespace, output, labelSelector }, c)).toBe(0);
  return c;
}

describe('podscope get pods', () => {
  it('prints kubectl\'s table: tabwriter columns 3 apart, RESTARTS with (Xm ago), AGE', async () => {
    const c = await get(cluster(), 'default');
    expect(c.err).toBe('');
    expect(c.out).toBe(
      [
        'NAME           READY   STATUS    RESTARTS      AGE',
        'api-server-1   1/1     Running   2 (60s ago)   3m',
        'web-1          1/1     Running   0             5m',
        '',
      ].join('\n'),
    );
  });

  it('-A adds NAMESPACE first', async () => {
    const c = await get(cluster(), undefined);
    expect(c.out.split('\n')[0]).toBe('NAMESPACE   NAME           READY   STATUS             RESTARTS      AGE');
    expect(c.out.split('\n').slice(1)).toEqual([
      'default     api-server-1   1/1     Running            2 (60s ago)   3m',
      'default     web-1          1/1     Running            0             5m',
      'shop        cart-1         0/1     CrashLoopBackOff   4             3m',
      '',
    ]);
  });

  it('-o wide adds IP, NODE, NOMINATED NODE, READINESS GATES', async () => {
    const c = await get(cluster(), 'shop', 'wide');
    expect(c.out).toBe(
      [
        'NAME     READY   STATUS             RESTARTS   AGE   IP         NODE     NOMINATED NODE   READINESS GATES',
        'cart-1   0/1     CrashLoopBackOff   4          3m    10.0.0.9   node-1   <none>           <none>',
        '',
      ].join('\n'),
    );
  });

  it('-l filters by label selector', async () => {
    const c = await get(cluster(), 'default', 'table', 'app=api');
    expect(c.out.split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['NAME', 'api-server-1', '']);
    const none = await get(cluster(), 'default', 'table', 'app in (db)');
    expect(none.out).toBe('');
    expect(none.err).toBe('No resources found in default namespace.\n');
  });

  it('nothing to show: "No resources found in <ns> namespace." on stderr, stdout empty, exit 0', async () => {
    const c = await get(cluster(), 'empty');
    expect(c.out).toBe('');
    expect(c.err).toBe('No resources found in empty namespace.\n');
  });

  it('-o json is a v1 List, 4-space indented, as kubectl prints it', async () => {
    const c = await get(cluster(), 'shop', 'json');
    expect(c.out.startsWith('{\n    "apiVersion": "v1",\n    "items": [\n        {\n')).toBe(true);
    expect(c.out.endsWith('\n    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n')).toBe(true);
    const list = JSON.parse(c.out) as { items: Pod[] };
    expect(list.items.map((p) => p.metadata?.name)).toEqual(['cart-1']);
  });

  it('-o yaml is the same List as YAML; an empty namespace gives an empty List, not a message', async () => {
    const c = await get(cluster(), 'default', 'yaml');
    const list = parse(c.out) as { apiVersion: string; kind: string; items: Pod[] };
    expect(list.apiVersion).toBe('v1');
    expect(list.kind).toBe('List');
    expect(list.items.map((p) => p.metadata?.name)).toEqual(['api-server-1', 'web-1']);
    expect(c.out.startsWith('apiVersion: v1\nitems:\n')).toBe(true);
    const empty = await get(cluster(), 'empty', 'json');
    expect(empty.err).toBe('');
    expect(JSON.parse(empty.out)).toEqual({ apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } });
  });
});

describe('podscope describe pod', () => {
  it('prints describe\'s layout with the pod\'s own events', async () => {
    const h = cluster();
    h.api.create('Event', event(h, 'cart-1.a', 'shop', 'cart-1', '2026-01-01T00:04:30Z', 'Warning', 'BackOff', 'Back-off restarting failed container app in pod cart-1_shop', 7));
    h.api.create('Event', event(h, 'web-1.a', 'default', 'web-1', '2026-01-01T00:00:10Z', 'Normal', 'Pulled', 'not about cart'));
    const c = io();
    expect(await describePodCommand(new SimSource(h), 'shop', 'cart-1', c)).toBe(0);
    expect(c.err).toBe('');
    expect(c.out).toMatch(/^Name:\s+cart-1\nNamespace:\s+shop\n/);
    expect(c.out).toMatch(/\n {4}State:\s+Waiting\n {6}Reason:\s+CrashLoopBackOff\n/);
    expect(c.out).toContain(
      [
        '\nEvents:',
        '  Type     Reason   Age                From     Message',
        '  ----     ------   ----               ----     -------',
        '  Warning  BackOff  30s (x7 over 30s)  kubelet  Back-off restarting failed container app in pod cart-1_shop\n',
      ].join('\n'),
    );
    expect(c.out).not.toContain('not about cart');
  });

  it('a missing pod: kubectl\'s NotFound line on stderr, exit 1', async () => {
    const c = io();
    expect(await describePodCommand(new SimSource(cluster()), 'default', 'nope', c)).toBe(1);
    expect(c.out).toBe('');
    expect(c.err).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});

describe('podscope events', () => {
  function withEvents(): Harness {
    const h = cluster();
    h.api.create('Event', event(h, 'web-1.b', 'default', 'web-1', '2026-01-01T00:04:00Z', 'Warning', 'Unhealthy', 'Readiness probe failed'));
    h.api.create('Event', event(h, 'web-1.a', 'default', 'web-1', '2026-01-01T00:00:10Z', 'Normal', 'Pulled', 'Container image "nginx" already present on machine', 3));
    h.api.create('Event', event(h, 'cart-1.a', 'shop', 'cart-1', '2026-01-01T00:04:30Z', 'Warning', 'BackOff', 'Back-off restarting failed container'));
    return h;
  }

  it('the namespace\'s events, oldest first, in kubectl events\' columns (Kind/name, "(xN over …)")', async () => {
    const c = io();
    expect(await eventsCommand(new SimSource(withEvents()), { namespace: 'default', follow: false }, c)).toBe(0);
    expect(c.out).toBe(
      [
        'LAST SEEN               TYPE      REASON      OBJECT      MESSAGE',
        '4m50s (x3 over 4m50s)   Normal    Pulled      Pod/web-1   Container image "nginx" already present on machine',
        '60s                     Warning   Unhealthy   Pod/web-1   Readiness probe failed',
        '',
      ].join('\n'),
    );
  });

  it('-A adds NAMESPACE; --for pod/NAME keeps that pod\'s events', async () => {
    const all = io();
    await eventsCommand(new SimSource(withEvents()), { namespace: undefined, follow: false }, all);
    expect(all.out.split('\n')[0]).toBe('NAMESPACE   LAST SEEN               TYPE      REASON      OBJECT       MESSAGE');
    expect(all.out.split('\n')[3]).toBe('shop        30s                     Warning   BackOff     Pod/cart-1   Back-off restarting failed container');
    const one = io();
    await eventsCommand(new SimSource(withEvents()), { namespace: 'shop', forObject: 'pod/cart-1', follow: false }, one);
    expect(one.out.split('\n')).toEqual(['LAST SEEN   TYPE      REASON    OBJECT       MESSAGE', '30s         Warning   BackOff   Pod/cart-1   Back-off restarting failed container', '']);
  });

  it('--follow prints the list, then each new event as its own tabwriter block, until told to stop', async () => {
    const h = withEvents();
    const c = io();
    let stop: () => void = () => undefined;
    const until = new Promise<void>((resolve) => (stop = resolve));
    const done = eventsCommand(new SimSource(h), { namespace: 'shop', follow: true, until }, c);
    await turns();
    expect(c.out).toBe('LAST SEEN   TYPE      REASON    OBJECT       MESSAGE\n30s         Warning   BackOff   Pod/cart-1   Back-off restarting failed container\n');
    h.api.create('Event', event(h, 'cart-1.b', 'shop', 'cart-1', '2026-01-01T00:05:00Z', 'Normal', 'Pulled', 'ok'));
    h.api.create('Event', event(h, 'web-1.c', 'default', 'web-1', '2026-01-01T00:05:00Z', 'Normal', 'Pulled', 'other namespace'));
    await turns();
    expect(c.out.split('\n').slice(2)).toEqual(['0s    Normal   Pulled   Pod/cart-1   ok', '']);
    stop();
    expect(await done).toBe(0);
  });

  it('no events: "No events found in <ns> namespace." on stderr (all namespaces: "No events found.")', async () => {
    const c = io();
    expect(await eventsCommand(new SimSource(cluster()), { namespace: 'default', follow: false }, c)).toBe(0);
    expect(c.out).toBe('');
    expect(c.err).toBe('No events found in default namespace.\n');
    const all = io();
    await eventsCommand(new SimSource(cluster()), { namespace: undefined, follow: false }, all);
    expect(all.err).toBe('No events found.\n');
  });
});

describe('the podscope binary\'s headless paths (main)', () => {
  it('get pods in an empty namespace of the default scenario: stderr message, exit 0', async () => {
    const c = io();
    expect(await main(['get', 'pods', '-n', 'nowhere', '--sim', 'default'], c)).toBe(0);
    expect(c.out).toBe('');
    expect(c.err).toBe('No resources found in nowhere namespace.\n');
  });

  it('get pods -n shop on the default scenario lists the shop pods in the table layout', async () => {
    const c = io();
    expect(await main(['get', 'pods', '-n', 'shop', '--sim', 'default'], c)).toBe(0);
    const lines = c.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME {3,}READY {3}STATUS {3,}RESTARTS {3,}AGE$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0]!.replace(/-[a-z0-9]+-[a-z0-9]{5}$/, ''))).toEqual([
      'cart',
      'frontend',
      'frontend',
      'mysql',
      'orders',
      'payments',
      'recommendations',
    ]);
  });

  it('describe pod of a missing pod: NotFound on stderr, exit 1', async () => {
    const c = io();
    expect(await main(['describe', 'pod', 'nope', '--sim', 'default'], c)).toBe(1);
    expect(c.err).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('get of anything but pods is a usage error, exit 2', async () => {
    const c = io();
    expect(await main(['get', 'deployments', '--sim'], c)).toBe(2);
    expect(c.err.split('\n')[0]).toBe('podscope: get: only "pods" is supported, got "deployments"');
  });
});
