// GET /api/v1/namespaces/{ns}/pods/{name}/log: the apiserver's LogLocation (container choice,
// its BadRequest texts) and the kubelet's container log server (instance choice, tail, since,
// timestamps, limitBytes, follow as a chunked stream that ends with the instance).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../../kube/apiError.js';
import type { Pod } from '../../kube/types.js';
import { chooseInstance, containerLogsOf, formatLogLines, type Follow, type ReadOptions } from '../logs/index.js';
import type { ServedCluster } from './resources.js';
import { queryBool } from './queryBool.js';
import { methodNotAllowed, writeError } from './respond.js';

const TEXT = 'text/plain';
/** Unsent bytes a follower may pile up (a client that stopped reading) before it is cut off. */
const MAX_FOLLOW_BUFFER = 16 * 1024 * 1024;

interface LogParams {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: number;
  limitBytes?: number;
}

function flag(url: URL, name: string): boolean {
  return queryBool(url.searchParams, name);
}

function integer(url: URL, name: string): number | undefined {
  const v = url.searchParams.get(name);
  if (v === null) return undefined;
  if (!/^-?\d+$/.test(v)) throw new ApiError(400, 'BadRequest', `strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

/** The query as PodLogOptions, validated as ValidatePodLogOptions does (422 Invalid). */
function params(url: URL, podName: string): LogParams {
  const p: LogParams = {
    container: url.searchParams.get('container') ?? '',
    follow: flag(url, 'follow'),
    previous: flag(url, 'previous'),
    timestamps: flag(url, 'timestamps'),
    tailLines: integer(url, 'tailLines'),
    sinceSeconds: integer(url, 'sinceSeconds'),
    limitBytes: integer(url, 'limitBytes'),
  };
  const sinceTime = url.searchParams.get('sinceTime');
  if (sinceTime !== null) {
    const t = Date.parse(sinceTime);
    if (!/^\d{4}-\d\d-\d\dT/.test(sinceTime) || Number.isNaN(t)) {
      throw new ApiError(400, 'BadRequest', `parsing time ${JSON.stringify(sinceTime)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(sinceTime)} as "2006"`);
    }
    p.sinceTime = t;
  }
  const causes: { field: string; message: string }[] = [];
  if (p.tailLines !== undefined && p.tailLines < 0) causes.push({ field: 'tailLines', message: `Invalid value: ${p.tailLines}: must be greater than or equal to 0` });
  if (p.limitBytes !== undefined && p.limitBytes < 1) causes.push({ field: 'limitBytes', message: `Invalid value: ${p.limitBytes}: must be greater than 0` });
  if (p.sinceSeconds !== undefined && p.sinceTime !== undefined) causes.push({ field: '', message: 'Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified' });
  if (p.sinceSeconds !== undefined && p.sinceSeconds < 1) causes.push({ field: 'sinceSeconds', message: `Invalid value: ${p.sinceSeconds}: must be greater than 0` });
  if (causes.length > 0) {
    const text = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)).join(', ');
    throw new ApiError(422, 'Invalid', `PodLogOptions "${podName}" is invalid: ${causes.length > 1 ? `[${text}]` : text}`, {
      name: podName,
      kind: 'PodLogOptions',
      causes: causes.map((c) => ({ reason: c.message.startsWith('Forbidden') ? 'FieldValueForbidden' : 'FieldValueInvalid', message: c.message, field: c.field })),
    });
  }
  return p;
}

/** The apiserver's choice of container (pkg/registry/core/pod/strategy.go, LogLocation). */
export function containerOf(pod: Pod, asked: string): string {
  const name = pod.metadata?.name ?? '';
  const containers = pod.spec?.containers ?? [];
  const init = pod.spec?.initContainers ?? [];
  if (asked === '') {
    if (containers.length === 1) return containers[0]!.name;
    if (containers.length === 0) throw new ApiError(400, 'BadRequest', `a container name must be specified for pod ${name}`);
    let text = `a container name must be specified for pod ${name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`;
    if (init.length > 0) text += ` or one of the init containers: [${init.map((c) => c.name).join(' ')}]`;
    throw new ApiError(400, 'BadRequest', text);
  }
  const all = [...containers, ...init, ...(pod.spec?.ephemeralContainers ?? [])];
  if (!all.some((c) => c.name === asked)) throw new ApiError(400, 'BadRequest', `container ${asked} is not valid for pod ${name}`);
  return asked;
}

function truncate(body: string, limitBytes: number | undefined): Buffer {
  const data = Buffer.from(body);
  return limitBytes !== undefined && data.length > limitBytes ? data.subarray(0, limitBytes) : data;
}

export function handlePodLog(req: IncomingMessage, res: ServerResponse, url: URL, cluster: ServedCluster, namespace: string, name: string): void {
  if ((req.method ?? 'GET') !== 'GET') {
    writeError(res, methodNotAllowed());
    return;
  }
  const pod = cluster.api.get('Pod', namespace, name);
  const p = params(url, name);
  const container = containerOf(pod, p.container);
  const headers = { 'Content-Type': TEXT, 'Cache-Control': 'no-cache, private' };
  if (!pod.spec?.nodeName) {
    // Not scheduled: the apiserver has no location to ask and answers with nothing.
    res.writeHead(200, headers);
    res.end();
    return;
  }
  const choice = chooseInstance(pod, container, p.previous);
  if ('error' in choice) throw new ApiError(400, 'BadRequest', choice.error);
  const logs = containerLogsOf(cluster);
  const inst = logs.instance(namespace, name, container, choice.containerID);
  const now = cluster.clock.now();
  const options: ReadOptions = {};
  if (p.tailLines !== undefined) options.tailLines = p.tailLines;
  if (p.sinceSeconds !== undefined) options.sinceMs = now - p.sinceSeconds * 1000;
  if (p.sinceTime !== undefined) options.sinceMs = p.sinceTime;
  if (!inst) {
    // The runtime no longer holds that container (removed with its pod's older instances).
    res.writeHead(200, headers);
    res.end();
    return;
  }
  if (!p.follow) {
    const body = truncate(formatLogLines(logs.read(inst, options), p.timestamps), p.limitBytes);
    res.writeHead(200, { ...headers, 'Content-Length': body.length });
    res.end(body);
    return;
  }
  res.writeHead(200, { ...headers, 'Transfer-Encoding': 'chunked' });
  let left = p.limitBytes ?? Infinity;
  let done = false;
  let follow: Follow | undefined;
  const finish = (destroy: boolean): void => {
    done = true;
    follow?.stop();
    if (destroy) res.destroy();
    else res.end();
  };
  follow = logs.follow(inst, options, {
    lines(lines) {
      if (done) return;
      const data = truncate(formatLogLines(lines, p.timestamps), Number.isFinite(left) ? left : undefined);
      left -= data.length;
      res.write(data);
      if (left <= 0) finish(false);
      else if (res.writableLength > MAX_FOLLOW_BUFFER) finish(true);
    },
    end() {
      if (!done) finish(false);
    },
  });
  if (done) follow.stop();
  res.on('close', () => follow?.stop());
}
