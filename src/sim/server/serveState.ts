// What `sim serve` keeps between runs beside its kubeconfig (`<kubeconfig>.d/`): the CA, the
// serving key and certificate, the bearer token and the last port. A restart that reuses
// them leaves the kubeconfig held by a running podscope or kubectl valid.
import { renameSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newToken } from './auth.js';
import { mintTls, tlsMaterialProblem, type TlsMaterial } from './tls.js';

const FILES = { ca: 'ca.crt', cert: 'tls.crt', key: 'tls.key', token: 'token', port: 'port', versions: 'resource-version' } as const;

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

/**
 * Versions up to this one may have been issued by an earlier run with this state folder (its
 * reserved upper bound); the next run starts its history above it, as etcd's revisions keep
 * growing across apiserver restarts. 0 when nothing was recorded.
 */
export async function readIssuedVersions(dir: string): Promise<number> {
  const text = (await readOptional(dir, FILES.versions))?.trim();
  if (text === undefined || !/^\d{1,15}$/.test(text)) return 0;
  return Number(text);
}

/**
 * The store's reserveVersions hook: records the new upper bound before any version under it is
 * issued (written to a temporary file and renamed, so a crash leaves the old bound or the new
 * one). A failure is reported once through `onError` and the store carries on.
 */
export function versionReserver(dir: string, onError: (message: string) => void): (upTo: number) => void {
  let reported = false;
  return (upTo) => {
    const path = join(dir, FILES.versions);
    try {
      writeFileSync(`${path}.tmp`, `${upTo}\n`, { mode: 0o600 });
      renameSync(`${path}.tmp`, path);
    } catch (err) {
      if (reported) return;
      reported = true;
      onError(`cannot record resource versions in ${path} (a restart may reuse them): ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}
