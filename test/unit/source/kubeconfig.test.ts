import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KubeconfigError,
  loadKubeconfig,
  locateKubeconfig,
  resolveContext,
  toSingleDocument,
} from '../../../src/source/kube/kubeconfig.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-kubeconfig-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function config(opts: { clusters?: [string, string][]; users?: string[]; contexts?: [string, string, string, string?][]; current?: string }): string {
  const lines = ['apiVersion: v1', 'kind: Config', 'clusters:'];
  for (const [name, server] of opts.clusters ?? []) lines.push(`- name: ${name}`, '  cluster:', `    server: ${server}`, '    insecure-skip-tls-verify: true');
  lines.push('users:');
  for (const name of opts.users ?? []) lines.push(`- name: ${name}`, '  user:', `    token: tok-${name}`);
  lines.push('contexts:');
  for (const [name, cluster, user, ns] of opts.contexts ?? []) {
    lines.push(`- name: ${name}`, '  context:', `    cluster: ${cluster}`, `    user: ${user}`);
    if (ns) lines.push(`    namespace: ${ns}`);
  }
  if (opts.current) lines.push(`current-context: ${opts.current}`);
  return lines.join('\n') + '\n';
}

function errorOf(fn: () => unknown): KubeconfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof KubeconfigError) return err;
    throw err;
  }
  throw new Error('expected a KubeconfigError');
}

describe('locateKubeconfig', () => {
  it('prefers --kubeconfig, then KUBECONFIG, then ~/.kube/config', () => {
    const a = file('a', 'x: 1\n');
    const b = file('b', 'x: 1\n');
    mkdirSync(join(dir, '.kube'));
    const home = file('.kube/config', 'x: 1\n');
    expect(locateKubeconfig({ kubeconfig: a, env: { KUBECONFIG: b }, homedir: dir })).toEqual({ origin: 'flag', paths: [a] });
    expect(locateKubeconfig({ env: { KUBECONFIG: b }, homedir: dir })).toEqual({ origin: 'env', paths: [b] });
    expect(locateKubeconfig({ env: {}, homedir: dir })).toEqual({ origin: 'home', paths: [home] });
  });

  it('finds nothing when there is no kubeconfig anywhere', () => {
    expect(locateKubeconfig({ env: {}, homedir: dir })).toBeUndefined();
    expect(locateKubeconfig({ env: { KUBECONFIG: '' }, homedir: dir })).toBeUndefined();
  });

  it('skips missing KUBECONFIG entries as kubectl does, but not when all are missing', () => {
    const b = file('b', 'x: 1\n');
    const missing = join(dir, 'nope');
    expect(locateKubeconfig({ env: { KUBECONFIG: [missing, b, b].join(delimiter) }, homedir: dir })).toEqual({ origin: 'env', paths: [b] });
    const err = errorOf(() => locateKubeconfig({ env: { KUBECONFIG: missing }, homedir: dir }));
    expect(err.message).toBe(`kubeconfig ${missing}: the file does not exist (named by the KUBECONFIG environment variable)`);
  });

  it('names a missing --kubeconfig file', () => {
    const missing = join(dir, 'missing.yaml');
    expect(errorOf(() => locateKubeconfig({ kubeconfig: missing, env: {}, homedir: dir })).message).toBe(
      `kubeconfig ${missing}: the file does not exist (given with --kubeconfig)`,
    );
  });
});

describe('loadKubeconfig', () => {
  it('merges files as kubectl does: the first file to define a name wins, and the first current-context', () => {
    const first = file('first', config({ clusters: [['c1', 'https://one:6443']], users: ['u1'], contexts: [['shared', 'c1', 'u1', 'ns-first']] }));
    const second = file(
      'second',
      config({
        clusters: [['c1', 'https://other:6443'], ['c2', 'https://two:6443']],
        users: ['u1', 'u2'],
        contexts: [['shared', 'c2', 'u2'], ['only-second', 'c2', 'u2']],
        current: 'only-second',
      }),
    );
    const merged = loadKubeconfig([first, second]);
    expect(merged.contexts.map((c) => c.name)).toEqual(['shared', 'only-second']);
    expect(merged.currentContext).toEqual({ name: 'only-second', file: second });
    const shared = resolveContext(merged, 'shared');
    expect([shared.server, shared.userName, shared.namespace]).toEqual(['https://one:6443', 'u1', 'ns-first']);
    const current = resolveContext(merged);
    expect([current.name, current.server, current.namespace]).toEqual(['only-second', 'https://two:6443', 'default']);
  });

  it('rejects an empty file', () => {
    const empty = file('empty', '  \n');
    expect(errorOf(() => loadKubeconfig([empty])).message).toBe(`kubeconfig ${empty}: the file is empty`);
  });

  it('reports malformed YAML with its line', () => {
    const bad = file('bad', 'apiVersion: v1\nclusters:\n- name: a\n  cluster: [\n    server: x: y\n');
    const err = errorOf(() => loadKubeconfig([bad]));
    expect(err.file).toBe(bad);
    expect(err.message).toBe(`kubeconfig ${bad}: malformed YAML at line 5, column 13: Block collections are not allowed within flow collections`);
  });

  it('rejects a document that is not a mapping, and lists that are not lists', () => {
    const scalar = file('scalar', 'just a string\n');
    expect(errorOf(() => loadKubeconfig([scalar])).reason).toBe('not a kubeconfig: the top level must be a mapping with clusters, users and contexts');
    const notList = file('notlist', 'clusters: {a: 1}\n');
    expect(errorOf(() => loadKubeconfig([notList])).reason).toBe('"clusters" must be a list');
  });

  it('resolves relative certificate and token paths against the file that names them', () => {
    mkdirSync(join(dir, 'sub'));
    const p = file(
      'sub/config',
      [
        'clusters:',
        '- name: c',
        '  cluster: {server: "https://x", certificate-authority: ca.crt}',
        'users:',
        '- name: u',
        '  user: {client-certificate: certs/u.crt, client-key: /abs/u.key, tokenFile: tok, exec: {command: ./bin/plugin}}',
        'contexts:',
        '- name: x',
        '  context: {cluster: c, user: u}',
      ].join('\n'),
    );
    const merged = loadKubeconfig([p]);
    expect(merged.clusters[0]!.body['certificate-authority']).toBe(join(dir, 'sub', 'ca.crt'));
    const user = merged.users[0]!.body;
    expect(user['client-certificate']).toBe(join(dir, 'sub', 'certs/u.crt'));
    expect(user['client-key']).toBe('/abs/u.key');
    expect(user['tokenFile']).toBe(join(dir, 'sub', 'tok'));
    expect(user['exec']).toEqual({ command: join(dir, 'sub', 'bin/plugin') });
    const doc = toSingleDocument(merged, 'x') as { users: { user: Record<string, unknown> }[]; 'current-context': string };
    expect(doc.users[0]!.user['token-file']).toBe(join(dir, 'sub', 'tok'));
    expect(doc['current-context']).toBe('x');
  });
});

describe('resolveContext', () => {
  const two = () => config({ clusters: [['c', 'https://c:6443']], users: ['u'], contexts: [['a', 'c', 'u'], ['b', 'c', 'u']] });

  it('names an unknown context and the ones that exist', () => {
    const p = file('cfg', two());
    expect(errorOf(() => resolveContext(loadKubeconfig([p]), 'nope')).message).toBe(
      `kubeconfig ${p}: context "nope" (given with --context) does not exist (available contexts: a, b)`,
    );
  });

  it('says when current-context names a context that does not exist', () => {
    const p = file('cfg', two() + 'current-context: gone\n');
    expect(errorOf(() => resolveContext(loadKubeconfig([p]))).reason).toBe(
      'context "gone" (named by current-context) does not exist (available contexts: a, b)',
    );
  });

  it('asks for a context when none is current', () => {
    const p = file('cfg', two());
    expect(errorOf(() => resolveContext(loadKubeconfig([p]))).message).toBe(
      `kubeconfig ${p}: no current-context is set and no --context was given (available contexts: a, b)`,
    );
  });

  it('checks the chosen context: its cluster, server URL, user and the files they name', () => {
    const p = file(
      'cfg',
      [
        'clusters:',
        '- {name: noserver, cluster: {}}',
        '- {name: plain, cluster: {server: "http://127.0.0.1:1"}}',
        '- {name: ok, cluster: {server: "https://ok:6443/"}}',
        'users:',
        '- {name: u, user: {client-certificate: /no/such/cert.pem}}',
        'contexts:',
        '- {name: a, context: {cluster: missing}}',
        '- {name: b, context: {cluster: noserver}}',
        '- {name: c, context: {cluster: plain}}',
        '- {name: d, context: {cluster: ok, user: ghost}}',
        '- {name: e, context: {cluster: ok, user: u}}',
        '- {name: f, context: {cluster: ok}}',
      ].join('\n'),
    );
    const merged = loadKubeconfig([p]);
    const reason = (ctx: string) => errorOf(() => resolveContext(merged, ctx)).reason;
    expect(reason('a')).toBe('context "a" uses cluster "missing", which is not defined');
    expect(reason('b')).toBe('cluster "noserver" (context "b") has no server URL');
    expect(reason('c')).toBe('cluster "plain" (context "c"): plain http:// server "http://127.0.0.1:1" needs insecure-skip-tls-verify: true');
    expect(reason('d')).toBe('context "d" uses user "ghost", which is not defined');
    expect(reason('e')).toBe('user "u" (context "e"): client-certificate /no/such/cert.pem does not exist');
    const f = resolveContext(merged, 'f');
    expect([f.server, f.userName, f.clusterName]).toEqual(['https://ok:6443', '', 'ok']);
  });
});
