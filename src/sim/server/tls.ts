// A throw-away certificate authority and a serving certificate for `sim serve --tls`, minted
// with the openssl CLI (no hand-made ASN.1), so clients verify TLS against the CA that the
// written kubeconfig carries.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await run('openssl', args, { cwd });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error('minting TLS certificates needs the openssl command, which is not on PATH');
    throw new Error(`openssl ${args[0]} failed: ${(e.stderr ?? e.message).trim()}`);
  }
}

/** Subject alternative names: IP addresses as IP:, the rest as DNS:. */
export function subjectAltNames(hosts: readonly string[]): string {
  return hosts.map((h) => (isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
}

/** Writes ca.key/ca.crt/server.key/server.crt into `dir` and returns the PEMs. */
export async function mintTlsMaterial(dir: string, hosts: string[]): Promise<TlsMaterial> {
  if (hosts.length === 0) throw new Error('mintTlsMaterial needs at least one host name or IP address');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ext = join(dir, 'server.ext');
  await writeFile(
    ext,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=${subjectAltNames(hosts)}`,
      '',
    ].join('\n'),
  );
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(
    ['req', '-x509', ...ecKey, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '365', '-subj', '/CN=podscope-sim-ca',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    dir,
  );
  await openssl(['req', '-new', ...ecKey, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${hosts[0]}`], dir);
  await openssl(
    ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '365', '-extfile', 'server.ext'],
    dir,
  );
  const [caPem, certPem, keyPem] = await Promise.all(['ca.crt', 'server.crt', 'server.key'].map((f) => readFile(join(dir, f), 'utf8')));
  return { caPem: caPem!, certPem: certPem!, keyPem: keyPem! };
}
