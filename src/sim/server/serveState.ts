// What `sim serve` keeps between runs beside its kubeconfig (`<kubeconfig>.d/`): the CA, the
// serving key and certificate, the bearer token and the last port. A restart that reuses
// them leaves the kubeconfig held by a running podscope or kubectl valid.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newToken } from './auth.js';
import { mintTls, tlsMaterialProblem, type TlsMaterial } from './tls.js';

const FILES = { ca: 'ca.crt', cert: 'tls.crt', key: 'tls.key', token: 'token', port: 'port' } as const;

/** Tokens `newToken()` mints: 32 random bytes in base64url. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function serveStateDir(kubeconfigPath: string): string {
  return `${kubeconfigPath}.d`;
}

export interface ServeCredentials {
  tls: TlsMaterial;
  token: string;
  /** True when the kept material served as it was. */
  tlsReused: boolean;
  tokenReused: boolean;
  /** Why kept TLS material was replaced; undefined when there was none or it was reused. */
  tlsReplacedBecause?: string;
}

async function readOptional(dir: string, file: string): Promise<string | undefined> {
  try {
    return await readFile(join(dir, file), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Owner-only, also when the file existed with wider permissions. */
async function writePrivate(dir: string, file: string, text: string): Promise<void> {
  const path = join(dir, file);
  await writeFile(path, text, { mode: 0o600 });
  await chmod(path, 0o600);
}

/**
 * The kept credentials when they parse and the TLS material is valid for `hosts` now;
 * otherwise new ones (a new token only when the kept one is missing or malformed). Whatever
 * is used is written back.
 */
export async function loadOrMintCredentials(dir: string, hosts: string[], nowMs: number): Promise<ServeCredentials> {
  const [caPem, certPem, keyPem, tokenText] = await Promise.all([
    readOptional(dir, FILES.ca),
    readOptional(dir, FILES.cert),
    readOptional(dir, FILES.key),
    readOptional(dir, FILES.token),
  ]);
  let tls: TlsMaterial | undefined;
  let tlsReplacedBecause: string | undefined;
  if (caPem !== undefined && certPem !== undefined && keyPem !== undefined) {
    const kept = { caPem, certPem, keyPem };
    tlsReplacedBecause = tlsMaterialProblem(kept, hosts, nowMs);
    if (tlsReplacedBecause === undefined) tls = kept;
  } else if (caPem !== undefined || certPem !== undefined || keyPem !== undefined) {
    tlsReplacedBecause = 'some of the TLS files are missing';
  }
  const keptToken = tokenText?.trim();
  const tokenReused = keptToken !== undefined && TOKEN_SHAPE.test(keptToken);
  const credentials: ServeCredentials = {
    tls: tls ?? mintTls(hosts),
    token: tokenReused ? keptToken : newToken(),
    tlsReused: tls !== undefined,
    tokenReused,
  };
  if (tlsReplacedBecause !== undefined) credentials.tlsReplacedBecause = tlsReplacedBecause;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  if (!credentials.tlsReused) {
    await writePrivate(dir, FILES.ca, credentials.tls.caPem);
    await writePrivate(dir, FILES.cert, credentials.tls.certPem);
    await writePrivate(dir, FILES.key, credentials.tls.keyPem);
  }
  if (!tokenReused) await writePrivate(dir, FILES.token, `${credentials.token}\n`);
  return credentials;
}

/** The port the last run listened on, if one was recorded and is a valid port. */
export async function readLastPort(dir: string): Promise<number | undefined> {
  const text = (await readOptional(dir, FILES.port))?.trim();
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const port = Number(text);
  return port > 0 && port <= 65535 ? port : undefined;
}

export async function recordPort(dir: string, port: number): Promise<void> {
  await writePrivate(dir, FILES.port, `${port}\n`);
}
