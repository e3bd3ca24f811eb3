// GET …/pods/NAME/log on a live cluster, streamed: lines are cut from the chunks as they
// arrive and handed over in batches. A follow that drops (reset connection, server gone)
// reconnects after the watches' capped, jittered back-off with `sinceTime` of the last line
// it delivered, and skips what it already delivered, so no line comes twice. Refusals
// (BadRequest, NotFound, Forbidden) end the stream with the server's own words.
import type { IncomingMessage } from 'node:http';
import { objectPath, type KubeClient } from './client.js';
import { Backoff } from './backoff.js';
import { describeFailure, httpFailure, statusFromBody } from './errors.js';
import type { LogEnd, LogHandlers, LogRequest, SourceLogLine } from '../logTypes.js';
import type { Subscription } from '../types.js';

export interface LogStreamOptions {
  client: KubeClient;
  namespace: string;
  pod: string;
  request: LogRequest;
  handlers: LogHandlers;
  backoff?: Backoff;
  /** The back-off waits (tests inject short ones). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** An RFC 3339 timestamp as [epoch seconds, nanoseconds], exactly (a double cannot hold both). */
export function stampOrder(stamp: string): [number, number] | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(stamp);
  if (!m) return undefined;
  const seconds = Date.parse(`${m[1]}${m[3]}`) / 1000;
  if (Number.isNaN(seconds)) return undefined;
  return [seconds, Number((m[2] ?? '').padEnd(9, '0'))];
}

function compareStamps(a: [number, number], b: [number, number]): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}

/** The whole seconds of a stamp, as `sinceTime` takes them (the server compares at that precision). */
function sinceTimeOf(order: [number, number]): string {
  return new Date(order[0] * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const realSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}

type Attempt = { kind: 'ended' } | { kind: 'refused'; end: LogEnd } | { kind: 'dropped'; message: string; retry: boolean };

export function streamLogs(options: LogStreamOptions): Subscription {
  const { client, namespace, pod, request, handlers } = options;
  const controller = new AbortController();
  const backoff = options.backoff ?? new Backoff();
  const sleep = options.sleep ?? realSleep;
  const server = client.context.server;
  // A follow asks for the kubelet's timestamps even when the caller did not, to resume from them.
  const resumable = (request.follow ?? false) && request.limitBytes === undefined;
  const wantStamps = (request.timestamps ?? false) || resumable;
  let last: [number, number] | undefined;
  /** How many lines carrying exactly `last` were delivered (a resume skips that many). */
  let atLast = 0;
  let resumed = false;
  let finished = false;

  const finish = (how: LogEnd): void => {
    if (finished || controller.signal.aborted) return;
    finished = true;
    handlers.end(how);
  };

  function query(): [string, string | undefined][] {
    const q: [string, string | undefined][] = [
      ['container', request.container],
      ['follow', request.follow ? 'true' : undefined],
      ['limitBytes', request.limitBytes === undefined ? undefined : String(request.limitBytes)],
      ['previous', request.previous ? 'true' : undefined],
      ['timestamps', wantStamps ? 'true' : undefined],
    ];
    if (last !== undefined) q.push(['sinceTime', sinceTimeOf(last)]);
    else {
      q.push(['sinceSeconds', request.sinceSeconds === undefined ? undefined : String(request.sinceSeconds)]);
      q.push(['sinceTime', request.sinceTime]);
      q.push(['tailLines', request.tailLines === undefined ? undefined : String(request.tailLines)]);
    }
    return q;
  }

  /** One complete line off the wire, or undefined when a resume has already delivered it. */
  function lineOf(raw: string, partial: boolean): SourceLogLine | undefined {
    if (!wantStamps) return partial ? { text: raw, partial } : { text: raw };
    const space = raw.indexOf(' ');
    const time = space < 0 ? raw : raw.slice(0, space);
    const text = space < 0 ? '' : raw.slice(space + 1);
    const order = stampOrder(time);
    if (order && last && resumed) {
      const c = compareStamps(order, last);
      if (c < 0) return undefined;
      if (c === 0 && atLast > 0) {
        atLast--;
        return undefined;
      }
    }
    if (order && !partial) {
      if (last && compareStamps(order, last) === 0) atLast++;
      else (last = order), (atLast = 1);
    }
    const line: SourceLogLine = request.timestamps ? { time, text } : { text };
    if (partial) line.partial = true;
    return line;
  }

  async function attempt(): Promise<Attempt> {
    let res: IncomingMessage;
    try {
      res = await client.stream(objectPath('Pod', namespace, pod) + '/log', query(), controller.signal);
    } catch (err) {
      const f = describeFailure(err, server);
      return { kind: 'dropped', message: f.message, retry: f.kind === 'unreachable' || f.kind === 'timeout' || f.kind === 'server' };
    }
    const code = res.statusCode ?? 0;
    if (code < 200 || code > 299) {
      const chunks: Buffer[] = [];
      for await (const c of res) chunks.push(c as Buffer);
      const status = statusFromBody(Buffer.concat(chunks).toString('utf8'));
      const f = httpFailure(code, server, status, res.statusMessage);
      if (f.kind === 'server') return { kind: 'dropped', message: f.message, retry: true };
      return { kind: 'refused', end: { kind: 'error', message: f.message, ...(status?.reason ? { reason: status.reason } : {}) } };
    }
    if (resumed) handlers.status?.(undefined);
    backoff.reset();
    return new Promise<Attempt>((resolve) => {
      let carry = '';
      let done = false;
      const settle = (a: Attempt): void => {
        if (!done) (done = true), resolve(a);
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const text = carry + chunk;
        const parts = text.split('\n');
        carry = parts.pop()!;
        const batch: SourceLogLine[] = [];
        for (const p of parts) {
          const l = lineOf(p, false);
          if (l) batch.push(l);
        }
        if (batch.length > 0 && !controller.signal.aborted) handlers.lines(batch);
      });
      res.on('end', () => {
        if (carry !== '') {
          const l = lineOf(carry, true);
          if (l && !controller.signal.aborted) handlers.lines([l]);
        }
        settle({ kind: 'ended' });
      });
      res.on('error', (err) => settle({ kind: 'dropped', message: describeFailure(err, server).message, retry: true }));
      res.on('close', () => {
        if (!res.complete) settle({ kind: 'dropped', message: 'the log stream was cut off', retry: true });
      });
    });
  }

  async function run(): Promise<void> {
    while (!controller.signal.aborted) {
      const a = await attempt();
      if (controller.signal.aborted) return;
      if (a.kind === 'ended') return finish({ kind: 'done' });
      if (a.kind === 'refused') return finish(a.end);
      if (!resumable || !a.retry) return finish({ kind: 'error', message: a.message });
      const delay = backoff.next();
      handlers.status?.(`log stream dropped (${a.message}); reconnecting in ${seconds(delay)}`);
      resumed = true;
      await sleep(delay, controller.signal);
    }
  }

  void run();
  return { stop: () => controller.abort() };
}
