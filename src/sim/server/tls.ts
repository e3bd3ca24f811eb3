// A throw-away certificate authority and a CA-signed serving certificate for `sim serve`,
// minted with the openssl CLI (no hand-written ASN.1), so clients verify TLS against the CA
// that the written kubeconfig carries. kubectl sends bearer tokens only over TLS.
import { execFileSync } from 'node:child_process';
import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsMaterial {
  /** The CA certificate to trust (kubeconfig certificate-authority-data). */
  caPem: string;
  /** The serving certificate, signed by the CA. */
  certPem: string;
  keyPem: string;
}

/** Subject alternative names in openssl's notation: IP addresses as IP:, the rest as DNS:. */
export function subjectAltNames(hosts: readonly string[]): string {
  return [...new Set(hosts)].map((h) => (isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') throw new Error('minting TLS certificates needs the openssl command, which is not on PATH');
    throw new Error(`openssl ${args[0]} failed: ${(e.stderr?.toString() ?? e.message).trim()}`);
  }
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/**
 * A fresh CA (its name unique to this mint, so another mint's CA never verifies it) and an
 * ECDSA P-256 serving certificate for `hosts`, valid a year.
 */
export function mintTls(hosts: string[]): TlsMaterial {
  if (hosts.length === 0) throw new Error('minting a serving certificate needs at least one host name or IP address');
  const work = mkdtempSync(join(tmpdir(), 'podscope-tls-'));
  try {
    const caName = `podscope-sim-ca-${randomBytes(4).toString('hex')}`;
    writeFileSync(
      join(work, 'server.ext'),
      [
        'basicConstraints=critical,CA:FALSE',
        'keyUsage=critical,digitalSignature',
        'extendedKeyUsage=serverAuth',
        `subjectAltName=${subjectAltNames(hosts)}`,
        'subjectKeyIdentifier=hash',
        'authorityKeyIdentifier=keyid',
        '',
      ].join('\n'),
    );
    openssl(
      ['req', '-x509', ...EC_KEY, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '365', '-subj', `/CN=${caName}`,
        '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
      work,
    );
    openssl(['req', '-new', ...EC_KEY, '-keyout', 'tls.key', '-out', 'tls.csr', '-subj', '/CN=podscope-sim'], work);
    openssl(
      ['x509', '-req', '-in', 'tls.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'tls.crt', '-days', '365', '-extfile', 'server.ext'],
      work,
    );
    const read = (f: string) => readFileSync(join(work, f), 'utf8');
    return { caPem: read('ca.crt'), certPem: read('tls.crt'), keyPem: read('tls.key') };
  } finally {
    // The CA's private key goes with the folder: nothing can sign with it again.
    rmSync(work, { recursive: true, force: true });
  }
}

/** Margin before expiry under which kept material is replaced rather than reused. */
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

/**
 * Why kept TLS material cannot serve `hosts` at `nowMs`, or undefined when it can: every
 * PEM parses, the CA is a CA and signed the serving certificate, the key is the
 * certificate's, the certificate's SANs cover every host, and neither certificate is
 * expired or due to expire within a day.
 */
export function tlsMaterialProblem(material: TlsMaterial, hosts: readonly string[], nowMs: number): string | undefined {
  let ca: X509Certificate;
  let cert: X509Certificate;
  try {
    ca = new X509Certificate(material.caPem);
    cert = new X509Certificate(material.certPem);
  } catch {
    return 'a certificate does not parse';
  }
  let keyMatches: boolean;
  try {
    keyMatches = cert.checkPrivateKey(createPrivateKey(material.keyPem));
  } catch {
    return 'the private key does not parse';
  }
  if (!keyMatches) return 'the private key does not belong to the certificate';
  if (!ca.ca || !cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return 'the certificate is not signed by the CA';
  for (const c of [ca, cert]) {
    const from = Date.parse(c.validFrom);
    const to = Date.parse(c.validTo);
    if (!(from <= nowMs)) return 'a certificate is not valid yet';
    if (!(to - RENEW_BEFORE_MS > nowMs)) return 'a certificate has expired or expires within a day';
  }
  const uncovered = hosts.find((h) => (isIP(h) ? cert.checkIP(h) : cert.checkHost(h, { wildcards: false })) === undefined);
  if (uncovered !== undefined) return `the certificate does not cover ${uncovered}`;
  return undefined;
}
