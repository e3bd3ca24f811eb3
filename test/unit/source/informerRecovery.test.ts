// Issue 12 items 1, 9 and 11 on the informer, against a scripted in-memory KubeClient (no
// HTTP): a restarted server recognised by its incarnation or by 504 "Too large resource
// version" is relisted; the back-off starts over after a recovery; a stalled watch is
// noticed and said in the status.
import { describe, expect, it } from 'vitest';
import type { Pod, Status } from '../../../src/kube/types.js';
import { Backoff } from '../../../src/source/kube/backoff.js';
import type { KubeClient, ListPage, ListRequest, WatchHandlers } from '../../../src/source/kube/client.js';
import { KubeRequestError } from '../../../src/source/kube/errors.js';
import { Informer } from '../../../src/source/kube/informer.js';
import type { ResolvedContext } from '../../../src/source/kube/kubeconfig.js';
import type { DeltaBatch, SourceStatus } from '../../../src/source/types.js';
import { waitFor } from '../../e2e/helpers/serverHarness.js';

function pod(name: string, rv: number, uidPrefix: string): Pod {
  return { metadata: { name, namespace: 'default', uid: `${uidPrefix}-${name}`, resourceVersion: String(rv) } };
}

/** One server run: its pods, version, incarnation, and how it answers. */
interface Run {
  incarnation: string | undefined;
  rv: number;
  pods: Pod[];
  /** What a watch from `from` gets: events to send, or an ERROR status. */
  onWatch?: (from: number, h: WatchHandlers) => void;
  down?: boolean;
  hangLists?: boolean;
}

class ScriptedClient {
  run: Run;
  lastIncarnation: string | undefined;
  watches: WatchHandlers[] = [];
  lists = 0;
  readonly context = { server: 'https://fake', name: 'fake' } as ResolvedContext;

  constructor(run: Run) {
    this.run = run;
  }

  list(_kind: string, _req: ListRequest): Promise<ListPage<Pod>> {
    this.lists++;
    if (this.run.down) return Promise.reject(new KubeRequestError('unreachable', 'cannot reach the API server at https://fake: connection refused'));
    if (this.run.hangLists) return new Promise(() => undefined);
    this.lastIncarnation = this.run.incarnation;
    return Promise.resolve({ items: [...this.run.pods], resourceVersion: String(this.run.rv) });
  }

  incarnation(): string | undefined {
    return this.lastIncarnation;
  }

  watch(_kind: string, req: ListRequest & { resourceVersion: string }, h: WatchHandlers): Promise<{ abort(): void }> {
    if (this.run.down) return Promise.reject(new KubeRequestError('unreachable', 'connection refused'));
    this.watches.push(h);
    this.run.onWatch?.(Number(req.resourceVersion), h);
    return Promise.resolve({ abort: () => undefined });
  }
}

class View {
  names = new Set<string>();
  apply = (batch: DeltaBatch<Pod>): void => {
    for (const d of batch) {
      if (d.type === 'RESET') {
        this.names = new Set(d.objects.map((p) => p.metadata!.name!));
      } else if (d.type === 'DELETED') this.names.delete(d.object.metadata!.name!);
      else this.names.add(d.object.metadata!.name!);
    }
  };
  get sorted(): string {
    return [...this.names].sort().join(',');
  }
}

function start(client: ScriptedClient, extra: Partial<ConstructorParameters<typeof Informer<Pod>>[0]> = {}) {
  const view = new View();
  const statuses: SourceStatus[] = [];
  const informer = new Informer<Pod>({
    client: client as unknown as KubeClient,
    kind: 'Pod',
    scope: { namespace: 'default' },
    onBatch: view.apply,
    onStatus: (s) => statuses.push(s),
    schedule: (fn) => setImmediate(fn),
    backoff: new Backoff({ initialMs: 20, maxMs: 2000, random: () => 0.5 }),
    ...extra,
  });
  informer.start();
  return { view, statuses, informer };
}

describe('Informer: another server incarnation', () => {
  it('relists when the server names another incarnation, even if it accepts our old version (no ghosts)', async () => {
    const client = new ScriptedClient({ incarnation: '100', rv: 105, pods: [pod('ghost-a', 101, 'one'), pod('ghost-b', 102, 'one')] });
    const { view, informer } = start(client);
    await waitFor('the first list', () => view.sorted === 'ghost-a,ghost-b' && informer.status.phase === 'live');
    // A restarted server whose versions passed ours and that does not refuse them.
    client.run = { incarnation: '200', rv: 300, pods: [pod('fresh', 250, 'two')] };
    client.watches.at(-1)!.onDone(new KubeRequestError('unreachable', 'the connection was reset'));
    await waitFor('the second run\'s pods only', () => view.sorted === 'fresh' && informer.status.phase === 'live');
    informer.stop();
  });

  it('relists on a watch ERROR 504 "Too large resource version", as on 410', async () => {
    const tooLarge: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      code: 504,
      reason: 'Timeout',
      message: 'Too large resource version: 105, current: 12',
      details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
    };
    const client = new ScriptedClient({ incarnation: undefined, rv: 105, pods: [pod('ghost', 101, 'one')] });
    const { view, informer, statuses } = start(client);
    await waitFor('the first list', () => view.sorted === 'ghost' && informer.status.phase === 'live');
    client.run = {
      incarnation: undefined,
      rv: 120,
      pods: [pod('fresh', 12, 'two')],
      onWatch: (from, h) => {
        if (from > 12 && from !== 120) setImmediate(() => h.onEvent('ERROR', tooLarge));
      },
    };
    // The stream drops; the server that answers is behind us but its version went past 105 by the time we list.
    client.run.rv = 12;
    client.watches.at(-1)!.onEvent('ERROR', tooLarge);
    await waitFor('the relist', () => view.sorted === 'fresh');
    expect(statuses.some((s) => /has not reached our version/.test(s.message ?? ''))).toBe(true);
    informer.stop();
  });
});

describe('Informer: back-off after a recovery', () => {
  it('starts the back-off over once a relist succeeded, so a second outage recovers at the first step', async () => {
    const client = new ScriptedClient({ incarnation: '1', rv: 5, pods: [pod('a', 3, 'x')] });
    const { view, informer, statuses } = start(client);
    await waitFor('live', () => view.sorted === 'a' && informer.status.phase === 'live');
    const delays = (): number[] =>
      statuses.map((s) => /(?:retrying|reconnecting) in ([\d.]+)s/.exec(s.message ?? '')?.[1]).filter((d): d is string => d !== undefined).map(Number);
    // Outage 1: four failures in a row.
    client.run.down = true;
    client.watches.at(-1)!.onDone(new KubeRequestError('unreachable', 'the connection was reset'));
    await waitFor('four failed attempts', () => delays().length >= 5, 10_000);
    client.run.down = false;
    await waitFor('live again', () => informer.status.phase === 'live');
    const firstOutage = delays();
    expect(firstOutage[firstOutage.length - 1]).toBeGreaterThan(firstOutage[0]!);
    // Outage 2, at once: the first delay is the first step again.
    client.run.down = true;
    client.watches.at(-1)!.onDone(new KubeRequestError('unreachable', 'the connection was reset'));
    await waitFor('the second outage', () => delays().length > firstOutage.length);
    expect(delays()[firstOutage.length]).toBe(firstOutage[0]);
    client.run.down = false;
    informer.stop();
  });
});

describe('Informer: a stalled server', () => {
  it('notices a watch that goes quiet on a server that no longer answers, and says so', async () => {
    const client = new ScriptedClient({ incarnation: '1', rv: 5, pods: [pod('a', 3, 'x')] });
    const { informer, statuses } = start(client, { stall: { quietMs: 100, probeMs: 100 } });
    await waitFor('live', () => informer.status.phase === 'live');
    // A quiet but healthy server: probes answer, the watch stays.
    await new Promise((r) => setTimeout(r, 350));
    expect(informer.status.phase).toBe('live');
    client.run.hangLists = true; // SIGSTOP: nothing answers any more
    const t0 = Date.now();
    await waitFor('the stall to be said', () => informer.status.phase === 'reconnecting');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(statuses.at(-1)!.message).toMatch(/stopped answering/);
    informer.stop();
  });
});
