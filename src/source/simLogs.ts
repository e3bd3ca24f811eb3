// Container logs straight from the in-process simulator's log store: the same choices the
// apiserver and kubelet make for `GET …/pods/NAME/log` (sim/server/podLog.ts), without HTTP.
import { ApiError } from '../kube/apiError.js';
import { errorText } from '../kube/errorText.js';
import { chooseInstance, containerLogsOf, rfc3339Nano, type Follow, type LogLine, type ReadOptions } from '../sim/logs/index.js';
import { containerOf } from '../sim/server/podLog.js';
import type { Clock } from '../sim/clock.js';
import type { Store } from '../sim/store.js';
import type { LogHandlers, LogRequest, SourceLogLine } from './logTypes.js';
import type { Subscription } from './types.js';

export interface SimLogHost {
  readonly store: Store;
  readonly clock: Clock;
}

/** Cuts lines to `limitBytes` of output as the kubelet counts it (the last line may end cut). */
class ByteLimit {
  constructor(
    private left: number,
    private readonly timestamps: boolean,
  ) {}

  get spent(): boolean {
    return this.left <= 0;
  }

  take(lines: readonly SourceLogLine[]): SourceLogLine[] {
    const out: SourceLogLine[] = [];
    for (const l of lines) {
      if (this.left <= 0) break;
      const prefix = this.timestamps && l.time !== undefined ? `${l.time} ` : '';
      const whole = Buffer.from(`${prefix}${l.text}${l.partial ? '' : '\n'}`);
      if (whole.length <= this.left) {
        this.left -= whole.length;
        out.push(l);
        continue;
      }
      const kept = whole.subarray(0, this.left).toString('utf8');
      this.left = 0;
      if (kept.length <= prefix.length) break; // only part of the timestamp fits: nothing of the line
      const cut: SourceLogLine = { text: kept.slice(prefix.length), partial: true };
      if (l.time !== undefined) cut.time = l.time;
      out.push(cut);
    }
    return out;
  }
}

function toSourceLines(lines: readonly LogLine[], timestamps: boolean): SourceLogLine[] {
  return lines.map((l) => {
    const line: SourceLogLine = { text: l.text };
    if (timestamps) line.time = rfc3339Nano(l.atMs);
    if (l.partial) line.partial = true;
    return line;
  });
}

/** Answers as the server would: a thrown ApiError becomes the error end with its reason. */
function refusal(err: unknown): { kind: 'error'; message: string; reason?: string } {
  return err instanceof ApiError ? { kind: 'error', message: err.message, reason: err.reason } : { kind: 'error', message: errorText(err) };
}

/**
 * Reads (and follows) one container instance of a simulated pod. Everything, even the first
 * read, is delivered through `schedule`, never from inside this call.
 */
export function simLogs(
  sim: SimLogHost,
  schedule: (fn: () => void) => void,
  namespace: string,
  podName: string,
  request: LogRequest,
  handlers: LogHandlers,
): Subscription {
  let stopped = false;
  let follow: Follow | undefined;
  const timestamps = request.timestamps ?? false;
  const limit = request.limitBytes === undefined ? undefined : new ByteLimit(request.limitBytes, timestamps);
  const end = (how: Parameters<LogHandlers['end']>[0]): void => {
    if (stopped) return;
    stopped = true;
    follow?.stop();
    handlers.end(how);
  };
  const deliver = (lines: readonly LogLine[]): void => {
    if (stopped || lines.length === 0) return;
    let batch = toSourceLines(lines, timestamps);
    if (limit) batch = limit.take(batch);
    if (batch.length > 0) handlers.lines(batch);
    if (limit?.spent) end({ kind: 'done' });
  };
  schedule(() => {
    if (stopped) return;
    try {
      const pod = sim.store.get('Pod', namespace, podName);
      if (!pod) throw new ApiError(404, 'NotFound', `pods "${podName}" not found`);
      const container = containerOf(pod, request.container);
      // Not scheduled: the apiserver has no kubelet to ask and answers with nothing.
      if (!pod.spec?.nodeName) return end({ kind: 'done' });
      const choice = chooseInstance(pod, container, request.previous ?? false);
      if ('error' in choice) throw new ApiError(400, 'BadRequest', choice.error);
      const logs = containerLogsOf(sim);
      const inst = logs.instance(namespace, podName, container, choice.containerID);
      if (!inst) return end({ kind: 'done' });
      const options: ReadOptions = {};
      if (request.tailLines !== undefined) options.tailLines = request.tailLines;
      if (request.sinceSeconds !== undefined) options.sinceMs = sim.clock.now() - request.sinceSeconds * 1000;
      if (request.sinceTime !== undefined) options.sinceMs = Date.parse(request.sinceTime);
      if (!request.follow) {
        deliver(logs.read(inst, options));
        return end({ kind: 'done' });
      }
      follow = logs.follow(inst, options, { lines: deliver, end: () => end({ kind: 'done' }) });
      if (stopped) follow.stop();
    } catch (err) {
      end(refusal(err));
    }
  });
  return {
    stop: () => {
      stopped = true;
      follow?.stop();
    },
  };
}
