import { Agent, type AgentOptions } from 'node:https';
import type { RequestOptions } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { staticCredentials } from '../../../src/source/kube/staticCredentials.js';

const HTTPS = 'https://127.0.0.1:6443';
const b64 = (s: string): string => Buffer.from(s).toString('base64');

type Opts = RequestOptions & AgentOptions & { headers: Record<string, string> };

function applied(user: Record<string, unknown> | undefined, cluster: Record<string, unknown>, server = HTTPS): Opts | undefined {
  const auth = staticCredentials(user, cluster, server);
  if (!auth) return undefined;
  const opts: Opts = { method: 'GET', headers: { Accept: 'application/json' } };
  auth(opts);
  return opts;
}

describe('staticCredentials: which kubeconfigs need client-node', () => {
  it.each([
    ['an exec plugin', { exec: { command: 'aws' } }, {}, HTTPS],
    ['an auth-provider', { 'auth-provider': { name: 'oidc' } }, {}, HTTPS],
    ['an unknown user key', { 'client-certificate': '/x' }, {}, HTTPS],
    ['a proxy-url', { token: 't' }, { 'proxy-url': 'socks5://p:1080' }, HTTPS],
    ['an unknown cluster key', { token: 't' }, { 'certificate-authority': '/ca' }, HTTPS],
    ['a plain http server', { token: 't' }, { 'insecure-skip-tls-verify': true }, 'http://127.0.0.1:8080'],
    ['no user at all', undefined, {}, HTTPS],
  ])('%s: client-node', (_what, user, cluster, server) => {
    expect(staticCredentials(user, cluster, server)).toBeUndefined();
  });

  it.each([
    ['a token', { token: 't' }, {}],
    ['a client certificate', { 'client-certificate-data': b64('c'), 'client-key-data': b64('k') }, { 'certificate-authority-data': b64('ca') }],
    ['basic auth with impersonation extras client-node ignores too', { username: 'u', password: 'p', 'as-groups': ['g'] }, {}],
    ['an empty user', {}, { 'insecure-skip-tls-verify': true, 'tls-server-name': 'api' }],
  ])('%s: applied here', (_what, user, cluster) => {
    expect(staticCredentials(user, cluster, HTTPS)).toBeTypeOf('function');
  });
});

describe('staticCredentials: what a request carries (as client-node applies it)', () => {
  it('a bearer token and impersonation as headers; the existing headers kept', () => {
    const o = applied({ token: 'abc', as: 'jane' }, {})!;
    expect(o.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer abc', 'Impersonate-User': 'jane' });
    expect(o.auth).toBeUndefined();
  });

  it('basic auth as user:password', () => {
    expect(applied({ username: 'u', password: 'p' }, {})!.auth).toBe('u:p');
    expect(applied({ username: 'u' }, {})!.auth).toBe('u:');
  });

  it('CA, certificate and key decoded from base64; verification on unless skipped; the server name', () => {
    const o = applied({ 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY') }, { 'certificate-authority-data': b64('CA') })!;
    expect(String(o.ca)).toBe('CA');
    expect(String(o.cert)).toBe('CERT');
    expect(String(o.key)).toBe('KEY');
    expect(o.rejectUnauthorized).toBeUndefined();
    const insecure = applied({}, { 'insecure-skip-tls-verify': true, 'tls-server-name': 'kubernetes' })!;
    expect(insecure.rejectUnauthorized).toBe(false);
    expect(insecure.servername).toBe('kubernetes');
  });

  it('one secure context for every request of a client; none when the certificate data does not parse (the connection then says why)', () => {
    const auth = staticCredentials({ token: 't' }, {}, HTTPS)!;
    const a: Opts & { secureContext?: unknown } = { headers: {} };
    const b: Opts & { secureContext?: unknown } = { headers: {} };
    auth(a);
    auth(b);
    expect(a.secureContext).toBeDefined();
    expect(a.secureContext).toBe(b.secureContext);
    const bad: Opts & { secureContext?: unknown } = { headers: {} };
    staticCredentials({ 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY') }, {}, HTTPS)!(bad);
    expect(bad.secureContext).toBeUndefined();
    expect(String(bad.cert)).toBe('CERT');
  });

  it('one keep-alive agent for every request of a client', () => {
    const auth = staticCredentials({ token: 't' }, {}, HTTPS)!;
    const a: Opts = { headers: {} };
    const b: Opts = { headers: {} };
    auth(a);
    auth(b);
    expect(a.agent).toBeInstanceOf(Agent);
    expect(a.agent).toBe(b.agent);
    expect((a.agent as Agent & { keepAlive?: boolean }).keepAlive).toBe(true);
  });

  it('close lets go of the kept-alive connections (a closed source leaves no socket open)', () => {
    const auth = staticCredentials({ token: 't' }, {}, HTTPS)!;
    const opts: Opts = { headers: {} };
    auth(opts);
    const destroy = vi.spyOn(opts.agent as Agent, 'destroy');
    auth.close();
    expect(destroy).toHaveBeenCalledTimes(1);
  });
});
