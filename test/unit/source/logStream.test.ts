// The live log stream: lines cut from arbitrary chunks; a follow that drops reconnects with
// sinceTime of its last line and delivers nothing twice; refusals end it with the server's
// words and reason; a read that is not a follow does not retry.
import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../src/source/kube/backoff.js';
import type { KubeClient } from '../../../src/source/kube/client.js';
import { stampOrder, streamLogs } from '../../../src/source/kube/logStream.js';
import type { LogEnd, SourceLogLine } from '../../../src/source/logTypes.js';

type Script = ((query: URLSearchParams, res: PassThrough & { statusCode?: number; complete?: boolean }) => void) & { status?: number };

/** A client whose stream() answers each attempt with the next script, and records the queries. */
function fakeClient(scripts: Script[]): { client: KubeClient; queries: URLSearchParams[] } {
  const queries: URLSearchParams[] = [];
  const client = {
    context: { server: 'https://cluster.test' },
    async stream(path: string, query: [string, string | undefined][]) {
      expect(path).toBe('/api/v1/namespaces/default/pods/web/log');
      const q = new URLSearchParams();
      for (const [k, v] of query) if (v !== undefined) q.append(k, v);
      queries.push(q);
      const res = new PassThrough() as PassThrough & { statusCode?: number; complete?: boolean };
      res.complete = false;
      const script = scripts.shift();
      if (!script) throw new Error('no more scripted attempts');
      res.statusCode = script.status ?? 200;
      setImmediate(() => script(q, res));
      return res as unknown as IncomingMessage;
    },
  } as unknown as KubeClient;
  return { client, queries };
}

function collect(): { lines: SourceLogLine[]; ends: LogEnd[]; statuses: (string | undefined)[]; done: Promise<void>; handlers: Parameters<typeof streamLogs>[0]['handlers'] } {
  const lines: SourceLogLine[] = [];
  const ends: LogEnd[] = [];
  const statuses: (string | undefined)[] = [];
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  return {
    lines,
    ends,
    statuses,
    done,
    handlers: { lines: (b) => lines.push(...b), end: (e) => (ends.push(e), resolve()), status: (m) => statuses.push(m) },
  };
}

const end = (res: PassThrough & { complete?: boolean }): void => {
  res.complete = true;
  res.end();
};

describe('stampOrder', () => {
  it.each([
    ['2026-01-01T00:00:01Z', [Date.UTC(2026, 0, 1, 0, 0, 1) / 1000, 0]],
    ['2026-01-01T00:00:01.5Z', [Date.UTC(2026, 0, 1, 0, 0, 1) / 1000, 500_000_000]],
    ['2026-01-01T00:00:01.123456789Z', [Date.UTC(2026, 0, 1, 0, 0, 1) / 1000, 123_456_789]],
    ['not a time', undefined],
  ])('%s', (stamp, want) => expect(stampOrder(stamp)).toEqual(want));
});

describe('streamLogs', () => {
  it('cuts lines across chunks, strips the timestamps it asked for itself, and ends with the stream', async () => {
    const c = collect();
    const { client, queries } = fakeClient([
      (_q, res) => {
        res.write('2026-01-01T00:00:01Z hel');
        res.write('lo\n2026-01-01T00:00:02Z world\n2026-01-01T00:00:03Z cut sh');
        end(res);
      },
    ]);
    streamLogs({ client, namespace: 'default', pod: 'web', request: { container: 'app', follow: true, tailLines: 5 }, handlers: c.handlers });
    await c.done;
    expect(queries[0]!.toString()).toBe('container=app&follow=true&timestamps=true&tailLines=5');
    expect(c.lines).toEqual([{ text: 'hello' }, { text: 'world' }, { text: 'cut sh', partial: true }]);
    expect(c.ends).toEqual([{ kind: 'done' }]);
  });

  it('a dropped follow reconnects from the last line (sinceTime, no tail) and never repeats a line', async () => {
    const c = collect();
    const { client, queries } = fakeClient([
      (_q, res) => {
        res.write('2026-01-01T00:00:01.100Z a\n2026-01-01T00:00:01.200Z b\n2026-01-01T00:00:01.200Z b2\n2026-01-01T00:00:01.3');
        res.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      },
      (_q, res) => {
        // The server resends everything of that second: the first three are already delivered.
        res.write('2026-01-01T00:00:01.100Z a\n2026-01-01T00:00:01.200Z b\n2026-01-01T00:00:01.200Z b2\n');
        res.write('2026-01-01T00:00:01.300Z c\n2026-01-01T00:00:02Z d\n');
        end(res);
      },
    ]);
    const sleeps: number[] = [];
    streamLogs({
      client,
      namespace: 'default',
      pod: 'web',
      request: { container: 'app', follow: true, timestamps: true, tailLines: 100 },
      handlers: c.handlers,
      backoff: new Backoff({ random: () => 0 }),
      sleep: async (ms) => void sleeps.push(ms),
    });
    await c.done;
    expect(c.lines.map((l) => `${l.time} ${l.text}`)).toEqual([
      '2026-01-01T00:00:01.100Z a',
      '2026-01-01T00:00:01.200Z b',
      '2026-01-01T00:00:01.200Z b2',
      '2026-01-01T00:00:01.300Z c',
      '2026-01-01T00:00:02Z d',
    ]);
    expect(queries[1]!.get('sinceTime')).toBe('2026-01-01T00:00:01Z');
    expect(queries[1]!.get('tailLines')).toBeNull();
    expect(sleeps).toEqual([250]);
    expect(c.statuses[0]).toMatch(/^log stream dropped \(.*\); reconnecting in 0\.3s$/);
    expect(c.statuses[1]).toBeUndefined();
    expect(c.ends).toEqual([{ kind: 'done' }]);
  });

  it("a refusal ends the stream with the server's message and reason; no retry", async () => {
    const c = collect();
    const refuse: Script = Object.assign(
      (_q: URLSearchParams, res: PassThrough) => {
        res.end(JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400, message: 'previous terminated container "app" in pod "web" not found' }));
      },
      { status: 400 },
    );
    const { client, queries } = fakeClient([refuse]);
    streamLogs({ client, namespace: 'default', pod: 'web', request: { container: 'app', previous: true }, handlers: c.handlers });
    await c.done;
    expect(queries).toHaveLength(1);
    expect(c.ends).toEqual([{ kind: 'error', message: 'previous terminated container "app" in pod "web" not found', reason: 'BadRequest' }]);
  });

  it('a read that is not a follow reports a drop instead of retrying', async () => {
    const c = collect();
    const { client } = fakeClient([(_q, res) => res.destroy(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))]);
    streamLogs({ client, namespace: 'default', pod: 'web', request: { container: 'app' }, handlers: c.handlers });
    await c.done;
    expect(c.ends).toHaveLength(1);
    expect(c.ends[0]!.kind).toBe('error');
  });

  it('stop() ends it quietly', async () => {
    const c = collect();
    const { client } = fakeClient([(_q, res) => res.write('2026-01-01T00:00:01Z x\n')]);
    const sub = streamLogs({ client, namespace: 'default', pod: 'web', request: { container: 'app', follow: true }, handlers: c.handlers });
    await new Promise((r) => setTimeout(r, 20));
    sub.stop();
    await new Promise((r) => setTimeout(r, 20));
    expect(c.ends).toEqual([]);
  });
});
