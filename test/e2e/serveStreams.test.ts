// pods/exec, pods/attach and pods/portforward on the wire, with a WebSocket client of our own
// (and a test double behind InsideWorld): the refusals before the upgrade, the v4 protocol
// (no close message: stdin ends with the connection), resizes with a terminal, the kubelet's
// WebSocket port-forward (what @kubernetes/client-node speaks) and discovery of the subresources.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { insideDouble } from '../helpers/insideDouble.js';
import { httpsCall, statusOf } from './helpers/httpsCall.js';
import { closeStartedHarnesses, Harness, tls, TOKEN, waitFor } from './helpers/serverHarness.js';

afterEach(closeStartedHarnesses);

async function start() {
  const inside = insideDouble();
  const h = await Harness.start({ scenario: 'nginx', server: { inside } });
  return { h, inside };
}

interface Opened {
  ws: WebSocket;
  messages: Buffer[];
  closed: Promise<number>;
}

function open(h: Harness, path: string, protocols: string[]): Promise<Opened> {
  const ws = new WebSocket(new URL(path, h.server.url.replace('https', 'wss')), protocols, { ca: tls().caPem, headers: { authorization: `Bearer ${TOKEN}` } });
  const messages: Buffer[] = [];
  ws.on('message', (d: Buffer) => messages.push(d));
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages, closed }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => reject(new Error(`${res.statusCode} ${body}`)));
    });
    ws.once('error', reject);
  });
}

const channel = (messages: Buffer[], c: number): string =>
  messages
    .filter((m) => m[0] === c)
    .map((m) => m.subarray(1).toString())
    .join('');

describe('the streaming subresources of sim serve', () => {
  it('are discovered as the apiserver lists them', async () => {
    const { h } = await start();
    const list = JSON.parse((await httpsCall(h, '/api/v1')).body) as { resources: { name: string; kind: string; verbs: string[] }[] };
    const streams = list.resources.filter((r) => ['pods/attach', 'pods/exec', 'pods/portforward'].includes(r.name));
    expect(streams).toEqual([
      { name: 'pods/attach', singularName: '', namespaced: true, kind: 'PodAttachOptions', verbs: ['create', 'get'] },
      { name: 'pods/exec', singularName: '', namespaced: true, kind: 'PodExecOptions', verbs: ['create', 'get'] },
      { name: 'pods/portforward', singularName: '', namespaced: true, kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
    ]);
  });

  it('refuse as the apiserver does before any upgrade', async () => {
    const { h } = await start();
    const plain = await httpsCall(h, '/api/v1/namespaces/default/pods/nginx/exec?command=ls&stdout=true', { method: 'POST' });
    expect([plain.code, statusOf(plain).message]).toEqual([400, 'Upgrade request required']);
    const ghost = await httpsCall(h, '/api/v1/namespaces/default/pods/ghost/exec?command=ls&stdout=true');
    expect([ghost.code, statusOf(ghost).message]).toEqual([404, 'pods "ghost" not found']);
    await expect(open(h, '/api/v1/namespaces/default/pods/nginx/exec?command=ls', ['v5.channel.k8s.io'])).rejects.toThrow('400 {"kind":"Status"');
    await expect(open(h, '/api/v1/namespaces/default/pods/nginx/exec?command=ls&stdout=true', ['v1.channel.k8s.io'])).rejects.toThrow(
      'unable to upgrade: unable to negotiate protocol: client supports [v1.channel.k8s.io], server supports [v5.channel.k8s.io v4.channel.k8s.io]',
    );
    await expect(open(h, '/api/v1/namespaces/default/pods/nginx/attach', ['v5.channel.k8s.io'])).rejects.toThrow('you must specify at least 1 of stdin, stdout, stderr');
    await expect(open(h, '/api/v1/namespaces/default/pods/nginx/portforward', ['v4.channel.k8s.io'])).rejects.toThrow('query parameter \\"port\\" is required');
    const anonymous = new WebSocket(new URL('/api/v1/namespaces/default/pods/nginx/exec?command=ls&stdout=true', h.server.url.replace('https', 'wss')), ['v5.channel.k8s.io'], { ca: tls().caPem });
    const code = await new Promise<number>((r) => anonymous.once('unexpected-response', (_q, res) => r(res.statusCode!)));
    expect(code).toBe(401);
  });

  it('v4: stdin ends with the connection; a terminal sends resizes and gets one stream', async () => {
    const { h, inside } = await start();
    const s = await open(h, '/api/v1/namespaces/default/pods/nginx/exec?command=sh&stdin=true&stdout=true&stderr=true&tty=true', ['v4.channel.k8s.io']);
    expect(s.ws.protocol).toBe('v4.channel.k8s.io');
    s.ws.send(Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":100,"Height":30}')]));
    s.ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('hostname\rexit 5\r')]));
    expect(await s.closed).toBe(1000);
    expect(channel(s.messages, 1)).toBe('$ hostname\r\nnginx\r\n$ exit 5\r\n');
    expect(channel(s.messages, 2)).toBe('');
    expect(JSON.parse(channel(s.messages, 3))).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '5' }] } });
    expect(inside.log.resizes).toEqual([[100, 30]]);
    expect(inside.log.execs.at(-1)).toMatchObject({ tty: true, stdin: true, command: ['sh'] });
  });

  it("attach: the main process's output on its channels, Success when it ends; the tty is the container's, not the client's", async () => {
    const { h, inside } = await start();
    const a = await open(h, '/api/v1/namespaces/default/pods/nginx/attach?stdout=true&stderr=true&tty=true', ['v5.channel.k8s.io']);
    expect(await a.closed).toBe(1000);
    expect([channel(a.messages, 1), channel(a.messages, 2), channel(a.messages, 3)]).toEqual(['main process of nginx/nginx\n', 'a warning\n', '{"metadata":{},"status":"Success"}']);
    expect(inside.log.attaches).toEqual([{ namespace: 'default', pod: 'nginx', container: 'nginx', command: [], tty: false, stdin: false }]);
  });

  it('v5: the close message ends stdin; a client that goes away kills the process', async () => {
    const { h, inside } = await start();
    const cat = await open(h, '/api/v1/namespaces/default/pods/nginx/exec?command=cat&stdin=true&stdout=true&stderr=true', ['v5.channel.k8s.io']);
    cat.ws.send(Buffer.from([0, 0x61, 0x62]));
    cat.ws.send(Buffer.from([255, 0]));
    expect(await cat.closed).toBe(1000);
    expect([channel(cat.messages, 1), channel(cat.messages, 2), channel(cat.messages, 3)]).toEqual(['ab', '2 bytes\n', '{"metadata":{},"status":"Success"}']);

    const sh = await open(h, '/api/v1/namespaces/default/pods/nginx/exec?command=sh&stdin=true&stdout=true&tty=true', ['v5.channel.k8s.io']);
    sh.ws.terminate();
    await waitFor('the shell to be killed', () => inside.log.killed === 1);
  });

  it('the kubelet WebSocket port-forward: port headers first, the answer on the data channel, a refusal on the error channel', async () => {
    const { h } = await start();
    const pf = await open(h, '/api/v1/namespaces/default/pods/nginx/portforward?ports=8080,9090', ['v4.channel.k8s.io']);
    pf.ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')]));
    expect(await pf.closed).toBe(1000);
    const first = pf.messages.slice(0, 4).map((m) => [m[0], m.readUInt16LE(1)]);
    expect(first).toEqual([
      [0, 8080],
      [1, 8080],
      [2, 9090],
      [3, 9090],
    ]);
    const rest = pf.messages.slice(4);
    expect(channel(rest, 0)).toContain('hello from default/nginx');
    expect(channel(rest, 3)).toMatch(/^error forwarding port 9090 to pod [0-9a-f]{64}, uid : failed to execute portforward/);
  });
});
