// Pure parts of the inside: the kubelet's /etc files, downward env values, the tar stream,
// the shell grammar, the in-memory tree's budget.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/kube/types.js';
import { containerEnv } from '../../../../src/sim/kubelet/containerEnv.js';
import { expandEnvRefs, fieldRefValue, resourceFieldValue } from '../../../../src/sim/kubelet/downwardEnv.js';
import { hostnameText, hostsFileText, resolvConfText } from '../../../../src/sim/inside/fs/etcFiles.js';
import { FsError, MemTree } from '../../../../src/sim/inside/fs/tree.js';
import { readTar, writeTar } from '../../../../src/sim/inside/shell/tar.js';
import { parseLine, ParseError } from '../../../../src/sim/inside/shell/parse.js';

const pod = (spec: Partial<NonNullable<Pod['spec']>>, meta: Partial<NonNullable<Pod['metadata']>> = {}): Pod => ({
  metadata: { name: 'web-0', namespace: 'shop', uid: 'u-1', labels: { app: 'web', tier: 'front' }, ...meta },
  spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName: 'node-1', serviceAccountName: 'default', ...spec },
});

const LOCAL = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';

describe('/etc files', () => {
  it.each([
    ['a plain pod: its name', pod({}), `${LOCAL}10.244.1.5\tweb-0\n`],
    ['a StatefulSet pod (hostname + subdomain): FQDN then hostname', pod({ hostname: 'web-0', subdomain: 'web' }), `${LOCAL}10.244.1.5\tweb-0.web.shop.svc.cluster.local\tweb-0\n`],
    ['spec.hostname wins over the name', pod({ hostname: 'other' }), `${LOCAL}10.244.1.5\tother\n`],
    ['hostAliases after a blank line', pod({ hostAliases: [{ ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] }] }), `${LOCAL}10.244.1.5\tweb-0\n\n# Entries added by HostAliases.\n10.1.2.3\tfoo.remote\tbar.remote\n`],
  ])('/etc/hosts: %s', (_why, p, text) => {
    expect(hostsFileText(p, ['10.244.1.5'])).toBe(text);
  });

  it.each([
    ['ClusterFirst', pod({}), 'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n'],
    ['hostNetwork with ClusterFirst falls back to the node', pod({ hostNetwork: true }), 'nameserver 172.18.0.1\n'],
    ['ClusterFirstWithHostNet', pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }), 'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n'],
    [
      'None with dnsConfig',
      pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['example.com'], options: [{ name: 'ndots', value: '2' }] } }),
      'search example.com\nnameserver 1.1.1.1\noptions ndots:2\n',
    ],
    ['dnsConfig options replace the same option', pod({ dnsConfig: { options: [{ name: 'ndots', value: '1' }, { name: 'edns0' }] } }), 'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:1 edns0\n'],
  ])('/etc/resolv.conf: %s', (_why, p, text) => {
    expect(resolvConfText(p)).toBe(text);
  });

  it('hostname: the pod name cut to 63, the node with hostNetwork', () => {
    expect(hostnameText(pod({}, { name: 'x'.repeat(70) }))).toBe('x'.repeat(63));
    expect(hostnameText(pod({ hostNetwork: true }))).toBe('node-1');
  });
});

describe('downward env', () => {
  const src = { pod: pod({}), podIP: '10.244.1.5', hostIP: '172.18.0.2', allocatable: { cpu: '4', memory: '8Gi' } };
  it.each([
    ['metadata.name', 'web-0'],
    ['metadata.namespace', 'shop'],
    ['metadata.uid', 'u-1'],
    ["metadata.labels['tier']", 'front'],
    ['metadata.labels', 'app="web"\ntier="front"'],
    ['status.podIP', '10.244.1.5'],
    ['status.hostIP', '172.18.0.2'],
    ['spec.nodeName', 'node-1'],
    ['spec.serviceAccountName', 'default'],
  ])('fieldRef %s', (path, value) => {
    expect(fieldRefValue(src, path)).toBe(value);
  });

  it('resourceFieldRef: limits, requests, divisors, unset limits from the node', () => {
    const c = { name: 'c', resources: { limits: { memory: '128Mi', cpu: '250m' }, requests: { cpu: '100m' } } };
    expect(resourceFieldValue(src, c, { resource: 'limits.memory' })).toBe(String(128 * 1024 * 1024));
    expect(resourceFieldValue(src, c, { resource: 'limits.memory', divisor: '1Mi' })).toBe('128');
    expect(resourceFieldValue(src, c, { resource: 'limits.cpu' })).toBe('1');
    expect(resourceFieldValue(src, c, { resource: 'requests.cpu', divisor: '1m' })).toBe('100');
    expect(resourceFieldValue(src, { name: 'd' }, { resource: 'limits.cpu' })).toBe('4');
  });

  it('$(VAR) expansion: known replaced, unknown kept, $$ escaped', () => {
    const vars = new Map([['A', 'x']]);
    expect(expandEnvRefs('$(A)-$(B)-$$(A)', (n) => vars.get(n))).toBe('x-$(B)-$(A)');
  });

  it('containerEnv resolves fieldRef with a downward source and expands against service variables', () => {
    const c = {
      name: 'c',
      env: [
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'URL', value: 'http://$(DB_SERVICE_HOST):5432' },
      ],
    };
    const sources = { configMap: () => undefined, secret: () => undefined };
    const r = containerEnv('shop', c, sources, [['DB_SERVICE_HOST', '10.96.3.4']], src);
    if (r.error !== undefined) throw new Error(r.error);
    expect([...r.env.entries()]).toEqual([
      ['IP', '10.244.1.5'],
      ['URL', 'http://10.96.3.4:5432'],
      ['DB_SERVICE_HOST', '10.96.3.4'],
    ]);
  });
});

describe('tar', () => {
  it('writes ustar that reads back, long names through the prefix field', () => {
    const long = `${'d'.repeat(90)}/${'f'.repeat(90)}`;
    const entries = [
      { name: 'dir', kind: 'dir' as const, mode: 0o755, mtimeMs: 1_700_000_000_000, data: Buffer.alloc(0) },
      { name: 'dir/a.txt', kind: 'file' as const, mode: 0o600, mtimeMs: 1_700_000_000_000, data: Buffer.from('hello\n') },
      { name: long, kind: 'file' as const, mode: 0o644, mtimeMs: 1_700_000_000_000, data: Buffer.alloc(1000, 7) },
    ];
    const bytes = writeTar(entries);
    expect(bytes.length % 512).toBe(0);
    expect(bytes.subarray(257, 263).toString()).toBe('ustar\0');
    const back = readTar(bytes);
    expect(back.map((e) => [e.name, e.kind, e.mode, e.data.length])).toEqual([
      ['dir/', 'dir', 0o755, 0],
      ['dir/a.txt', 'file', 0o600, 6],
      [long, 'file', 0o644, 1000],
    ]);
  });

  it('refuses what is not a tar archive', () => {
    expect(() => readTar(Buffer.alloc(512, 1))).toThrow('This does not look like a tar archive');
  });
});

describe('the shell grammar', () => {
  const vars = (n: string): string => ({ HOME: '/root', X: 'a b' })[n] ?? '';
  it.each([
    ['echo "$HOME" \'$HOME\'', [[['echo', '/root', '$HOME']]]],
    ['a && b || c; d', [[['a']], [['b']], [['c']], [['d']]]],
    ['cat f | cat', [[['cat', 'f'], ['cat']]]],
    ['echo $X "$X"', [[['echo', 'a', 'b', 'a b']]]],
  ])('%s', (line, shape) => {
    expect(parseLine(line, vars).map((p) => p.commands.map((c) => c.words))).toEqual(shape);
  });

  it('redirections', () => {
    const [p] = parseLine('echo hi > /tmp/x 2>&1', vars);
    expect(p!.commands[0]!.redirects).toEqual([
      { fd: 1, op: '>', target: '/tmp/x' },
      { fd: 2, op: '>&', target: '1' },
    ]);
  });

  it.each(['echo $(date)', 'sleep 1 &', 'while true; do :; done', "echo 'open"])('refuses %s', (line) => {
    expect(() => parseLine(line, vars)).toThrow(ParseError);
  });
});

describe('the in-memory tree', () => {
  it('a write past the budget fails as a full disk and keeps what was there', () => {
    const t = new MemTree(10, 0);
    t.writeFile(['a'], Buffer.from('12345'), { mtimeMs: 0 });
    expect(() => t.writeFile(['b'], Buffer.from('1234567'), { mtimeMs: 0 })).toThrow(FsError);
    expect(t.usedBytes).toBe(5);
    t.remove(['a'], false, 0);
    expect(t.usedBytes).toBe(0);
  });
});
