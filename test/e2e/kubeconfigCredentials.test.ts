// Issue 12 items 8, 9 and 12 on the way in: tokens trimmed as kubectl does and never printed;
// credential files that are FIFOs or devices refused at once; a hung exec plugin killed with a
// clear message; credential failures said as such; :ctx with an unknown name does not blame
// --context; a selector typo is the user's error. Against a real `sim serve`.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { scrubSecrets } from '../../src/kube/scrubSecrets.js';
import { KubeSource } from '../../src/source/kube/kubeSource.js';
import { resolveStartup } from '../../src/source/kube/startup.js';
import { scratchPerTest, serveInProcess } from './helpers/liveSource.js';

const scratch = scratchPerTest('podscope-creds-');

/** A served simulator and its kubeconfig's text, whose user's token is `token`. */
async function served(): Promise<{ kubeconfig: string; text: string; token: string }> {
  const kubeconfig = join(scratch.dir, 'kc');
  await serveInProcess(['--scenario', 'nginx', '--kubeconfig-out', kubeconfig], scratch);
  const text = readFileSync(kubeconfig, 'utf8');
  const token = /token: (\S+)/.exec(text)![1]!;
  return { kubeconfig, text, token };
}

function withUser(text: string, user: string): string {
  return text.replace(/ {6}token: \S+/, user);
}

async function startupError(kubeconfig: string, extra: object = {}): Promise<string> {
  try {
    const choice = await resolveStartup({ kubeconfig, env: {}, homedir: scratch.dir, ...extra });
    if (choice.kind === 'kube') choice.source.close();
    return '(no error)';
  } catch (err) {
    return (err as Error).message;
  }
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: { HOME: scratch.dir } } as never);
  return { code, out, err };
}

describe('credentials', () => {
  it('a `token: |` block (trailing newline) is trimmed and works, as in kubectl', async () => {
    const { kubeconfig, text, token } = await served();
    writeFileSync(kubeconfig, withUser(text, `      token: |\n        ${token}\n`));
    const r = await cli(['get', 'pods', '--kubeconfig', kubeconfig]);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^NAME\s+READY/);
  });

  it('a token that cannot be sent is reported without the token, anywhere in the output', async () => {
    const { kubeconfig, text, token } = await served();
    writeFileSync(kubeconfig, withUser(text, `      token: "${token}\\nsecond-line-${token}"`));
    const r = await cli(['get', 'pods', '--kubeconfig', kubeconfig]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^podscope: cannot use kubeconfig/);
    expect(r.out + r.err).not.toContain(token);
  });

  it('scrubSecrets removes bearer tokens, passwords and userinfo from messages', () => {
    expect(scrubSecrets('Headers.append: "Bearer abc.def-ghi\n" is an invalid header value.')).toBe('Headers.append: "Bearer [REDACTED]\n" is an invalid header value.');
    expect(scrubSecrets('{"access-token":"ya29.xyz","password": "hunter22"}')).toBe('{"access-token":"[REDACTED]","password": "[REDACTED]"}');
    expect(scrubSecrets('GET https://jane:s3cret@host/api')).toBe('GET https://jane:[REDACTED]@host/api');
    expect(scrubSecrets('failed: sekrit-value-1', ['sekrit-value-1'])).toBe('failed: [REDACTED]');
  });

  it.each([
    ['a FIFO', 'fifo', /tokenFile \S+fifo is a named pipe \(FIFO\), not a file/],
    ['/dev/zero', '/dev/zero', /tokenFile \/dev\/zero is a device, not a file/],
  ])('a token-file that is %s is refused at once, without reading it', async (_what, file, want) => {
    const { kubeconfig, text } = await served();
    const path = file.startsWith('/') ? file : join(scratch.dir, file);
    if (!file.startsWith('/')) execFileSync('mkfifo', [path]);
    writeFileSync(kubeconfig, withUser(text, `      tokenFile: ${path}`));
    const t0 = Date.now();
    expect(await startupError(kubeconfig)).toMatch(want);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('a CA file that is a FIFO is refused at once', async () => {
    const { kubeconfig, text } = await served();
    const fifo = join(scratch.dir, 'ca-fifo');
    execFileSync('mkfifo', [fifo]);
    writeFileSync(kubeconfig, text.replace(/certificate-authority-data: \S+/, `certificate-authority: ${fifo}`));
    expect(await startupError(kubeconfig)).toMatch(/certificate-authority \S+ca-fifo is a named pipe/);
  });

  it('an exec plugin that hangs is killed after the timeout, with a clear message', async () => {
    const { kubeconfig, text } = await served();
    const plugin = join(scratch.dir, 'hang.sh');
    writeFileSync(plugin, '#!/bin/sh\nexec sleep 60\n');
    chmodSync(plugin, 0o755);
    writeFileSync(kubeconfig, withUser(text, `      exec:\n        apiVersion: client.authentication.k8s.io/v1\n        command: ${plugin}\n        interactiveMode: Never`));
    const t0 = Date.now();
    const msg = await startupError(kubeconfig, { source: { credentialTimeoutMs: 500 } });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(msg).toContain(`the exec credential plugin "${plugin}" of user "podscope-sim" did not finish in 1s and was stopped`);
  });

  it('an exec plugin that fails reads as a credential failure, not a request failure', async () => {
    const { kubeconfig, text } = await served();
    const plugin = join(scratch.dir, 'fail.sh');
    writeFileSync(plugin, '#!/bin/sh\necho "you are not logged in" >&2\nexit 1\n');
    chmodSync(plugin, 0o755);
    writeFileSync(kubeconfig, withUser(text, `      exec:\n        apiVersion: client.authentication.k8s.io/v1\n        command: ${plugin}\n        interactiveMode: Never`));
    const msg = await startupError(kubeconfig);
    expect(msg).toContain(`the exec credential plugin "${plugin}" of user "podscope-sim" failed: you are not logged in`);
    expect(msg).not.toMatch(/request to .* failed/);
  });

  it('a gcp auth-provider without its fields is said in plain words, not as a JavaScript error', async () => {
    const { kubeconfig, text } = await served();
    writeFileSync(kubeconfig, withUser(text, `      auth-provider:\n        name: gcp`));
    const msg = await startupError(kubeconfig);
    expect(msg).not.toMatch(/reading '|TypeError|undefined/);
    expect(msg).toMatch(/auth-provider "gcp" of user "podscope-sim"|rejected the credentials/);
  });

  it('a client key that is not PEM is the user\'s credential problem, not a TLS failure', async () => {
    const { kubeconfig, text } = await served();
    const garbage = Buffer.from('not a key').toString('base64');
    writeFileSync(kubeconfig, withUser(text, `      client-certificate-data: ${garbage}\n      client-key-data: ${garbage}`));
    const msg = await startupError(kubeconfig);
    expect(msg).not.toMatch(/TLS/);
    expect(msg).toMatch(/client certificate or key/);
  });
});

describe('words', () => {
  it(':ctx with an unknown name does not blame --context', async () => {
    const { kubeconfig } = await served();
    const choice = await resolveStartup({ kubeconfig, env: {}, homedir: scratch.dir });
    if (choice.kind !== 'kube' || !(choice.source instanceof KubeSource)) throw new Error('expected the kube source');
    scratch.defer(() => choice.source.close());
    await expect(choice.source.switchContext('nosuch')).rejects.toThrow(/context "nosuch" \(asked for with :ctx\) does not exist/);
  });

  it.each([['--sim', 'default'], ['--kubeconfig', '']])('a label-selector typo is the user\'s error (%s)', async (flag, value) => {
    const args = flag === '--sim' ? [flag, value] : [flag, (await served()).kubeconfig];
    const r = await cli(['get', 'pods', ...args, '-l', 'app in (a']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^podscope: invalid label selector "app in \(a": .*unable to parse requirement/);
    expect(r.err).not.toMatch(/internal error|a bug/);
  });
});
