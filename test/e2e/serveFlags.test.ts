// sim serve's guard rails: a kubeconfig that is not its own is never overwritten unasked, and
// a wildcard --host warns and prints URLs that other machines can use (the certificate covers them).
import { request } from 'node:https';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runSimServe } from '../../src/cli/serveCommand.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'podscope-serve-flags-'));
  dirs.push(d);
  return d;
}

/** Runs `sim serve` until it is ready, then stops it; its exit code and output. */
async function serveOnce(args: string[], whileUp?: (printed: string, kubeconfig: string) => Promise<void>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stop = new AbortController();
  let ready: Promise<void> = Promise.resolve();
  const code = await runSimServe(['serve', '--scenario', 'nginx', '--port', '0', ...args], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } }, {
    signal: stop.signal,
    onReady: (info) => {
      ready = (whileUp ?? (async () => undefined))(out, info.kubeconfig).finally(() => stop.abort());
    },
  });
  await ready;
  return { code, out, err };
}

const FOREIGN = 'apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster: {server: https://prod.example:6443}\ncontexts:\n- name: prod\n  context: {cluster: prod, user: admin}\nusers:\n- name: admin\n  user: {token: secret}\ncurrent-context: prod\n';

describe('sim serve --kubeconfig-out', () => {
  it('refuses to overwrite a kubeconfig that is not its own (exit 1, file untouched)', async () => {
    const path = join(tempDir(), 'config');
    writeFileSync(path, FOREIGN);
    const r = await serveOnce(['--kubeconfig-out', path]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `podscope sim: ${path} exists and is not a kubeconfig written by podscope sim serve; not overwriting it (choose another --kubeconfig-out, or pass --overwrite-kubeconfig to replace it)\n`,
    );
    expect(readFileSync(path, 'utf8')).toBe(FOREIGN);
  });

  it('replaces it with --overwrite-kubeconfig, and its own kubeconfig without asking', async () => {
    const path = join(tempDir(), 'config');
    writeFileSync(path, FOREIGN);
    expect((await serveOnce(['--kubeconfig-out', path, '--overwrite-kubeconfig'])).code).toBe(0);
    expect((parse(readFileSync(path, 'utf8')) as { 'current-context': string })['current-context']).toBe('podscope-sim');
    expect((await serveOnce(['--kubeconfig-out', path])).code).toBe(0);
  });
});

describe('sim serve --host 0.0.0.0', () => {
  const external = Object.values(networkInterfaces())
    .flatMap((l) => l ?? [])
    .filter((a) => !a.internal && a.family === 'IPv4')
    .map((a) => a.address);

  it('warns that every interface is served and prints a URL per address that answers over verified TLS', async () => {
    const path = join(tempDir(), 'config');
    const answers: number[] = [];
    const r = await serveOnce(['--host', '0.0.0.0', '--kubeconfig-out', path], async (printed, kubeconfig) => {
      const kc = parse(readFileSync(kubeconfig, 'utf8')) as { clusters: { cluster: { 'certificate-authority-data': string } }[]; users: { user: { token: string } }[] };
      const ca = Buffer.from(kc.clusters[0]!.cluster['certificate-authority-data'], 'base64').toString();
      const token = kc.users[0]!.user.token;
      for (const u of urlsIn(printed)) answers.push(await get(`${u}/version`, ca, token));
    });
    expect(r.code).toBe(0);
    expect(r.out).toContain('warning: --host 0.0.0.0 serves every network interface: anyone who can reach this machine can reach the API (the token in the kubeconfig still guards it).\n');
    expect(urlsIn(r.out).map((u) => new URL(u).hostname)).toEqual(external);
    expect(answers).toEqual(external.map(() => 200));
  });

  it('a loopback --host prints no warning', async () => {
    const r = await serveOnce(['--kubeconfig-out', join(tempDir(), 'config')]);
    expect(r.out).not.toContain('warning');
  });
});

function urlsIn(printed: string): string[] {
  return [...printed.matchAll(/^ {2}(https:\/\/\S+)$/gm)].map((m) => m[1]!);
}

function get(url: string, ca: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
