// TLS material on disk (ca.crt, tls.crt, tls.key readable by the owner only), for tests that
// hand file paths to a kubeconfig.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mintTls, type TlsMaterial } from '../../../src/sim/server/tls.js';

/** Mints TLS material and keeps a copy in `dir`. */
export async function mintTlsMaterial(dir: string, hosts: string[]): Promise<TlsMaterial> {
  const material = mintTls(hosts);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, 'ca.crt'), material.caPem, { mode: 0o644 });
  await writeFile(join(dir, 'tls.crt'), material.certPem, { mode: 0o644 });
  await writeFile(join(dir, 'tls.key'), material.keyPem, { mode: 0o600 });
  return material;
}
