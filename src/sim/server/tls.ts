// A CA and a serving certificate minted at start-up with node:crypto alone (DER written by
// hand), so `sim serve` can speak TLS: kubectl sends bearer tokens only over TLS (client-go
// applies a kubeconfig user's credentials only when the transport is TLS).
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';

export interface TlsMaterial {
  /** The CA certificate to trust (kubeconfig certificate-authority-data). */
  caPem: string;
  /** The serving certificate, signed by the CA. */
  certPem: string;
  keyPem: string;
}

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), len(content.length), content]);
const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const explicit = (n: number, inner: Buffer): Buffer => tlv(0xa0 + n, inner);
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const bits = (b: Buffer, unused = 0): Buffer => tlv(0x03, Buffer.concat([Buffer.from([unused]), b]));
const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));

function integer(b: Buffer): Buffer {
  const body = b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b;
  return tlv(0x02, body);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = p >> 7; v > 0; v >>= 7) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function utcTime(ms: number): Buffer {
  const iso = new Date(ms).toISOString(); // 2026-01-02T03:04:05.678Z
  const s = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return tlv(0x17, Buffer.from(s, 'ascii'));
}

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  // IPv6: expand "::" and write 8 groups of 16 bits.
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g || '0', 16), i * 2));
  return out;
}

const ECDSA_SHA256 = '1.2.840.10045.4.3.2';
const YEAR_MS = 365 * 86_400_000;

interface CertificateSpec {
  subject: string;
  issuer: string;
  publicKey: KeyObject;
  signingKey: KeyObject;
  issuerPublicKey: KeyObject;
  ca: boolean;
  hosts: string[];
  nowMs: number;
}

function keyId(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return createHash('sha1').update(spki.subarray(spki.length - 65)).digest();
}

const distinguishedName = (cn: string): Buffer => seq(set(seq(oid('2.5.4.3'), utf8(cn))));

function certificate(spec: CertificateSpec): string {
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
    seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
  const extensions: Buffer[] = [];
  if (spec.ca) {
    extensions.push(extension('2.5.29.19', true, seq(bool(true)))); // basicConstraints CA:TRUE
    extensions.push(extension('2.5.29.15', true, bits(Buffer.from([0x06]), 1))); // keyUsage keyCertSign, cRLSign
  } else {
    extensions.push(extension('2.5.29.19', true, seq())); // basicConstraints CA:FALSE
    extensions.push(extension('2.5.29.15', true, bits(Buffer.from([0x80]), 7))); // keyUsage digitalSignature
    extensions.push(extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1')))); // extKeyUsage serverAuth
    const sans = [...new Set(spec.hosts)].map((h) => (isIP(h) ? tlv(0x87, ipBytes(h)) : tlv(0x82, Buffer.from(h, 'ascii'))));
    extensions.push(extension('2.5.29.17', false, seq(...sans)));
  }
  extensions.push(extension('2.5.29.14', false, octets(keyId(spec.publicKey))));
  extensions.push(extension('2.5.29.35', false, seq(tlv(0x80, keyId(spec.issuerPublicKey))))); // authorityKeyIdentifier
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    seq(oid(ECDSA_SHA256)),
    distinguishedName(spec.issuer),
    seq(utcTime(spec.nowMs - 3_600_000), utcTime(spec.nowMs + YEAR_MS)),
    distinguishedName(spec.subject),
    spec.publicKey.export({ format: 'der', type: 'spki' }),
    explicit(3, seq(...extensions)),
  );
  const der = seq(tbs, seq(oid(ECDSA_SHA256)), bits(sign('sha256', tbs, spec.signingKey)));
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64.trimEnd()}\n-----END CERTIFICATE-----\n`;
}

/** A fresh CA (its name unique to this mint) and an ECDSA P-256 serving certificate for `hosts`, valid a year. */
export function mintTls(hosts: string[], nowMs = Date.now()): TlsMaterial {
  const ca = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const leaf = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const caName = `podscope-sim-ca-${randomBytes(4).toString('hex')}`;
  const caPem = certificate({ subject: caName, issuer: caName, publicKey: ca.publicKey, signingKey: ca.privateKey, issuerPublicKey: ca.publicKey, ca: true, hosts: [], nowMs });
  const certPem = certificate({ subject: 'podscope-sim', issuer: caName, publicKey: leaf.publicKey, signingKey: ca.privateKey, issuerPublicKey: ca.publicKey, ca: false, hosts, nowMs });
  return { caPem, certPem, keyPem: leaf.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

/** Mints TLS material and keeps a copy in `dir` (ca.crt, tls.crt, tls.key readable by the owner only). */
export async function mintTlsMaterial(dir: string, hosts: string[]): Promise<TlsMaterial> {
  const material = mintTls(hosts);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, 'ca.crt'), material.caPem, { mode: 0o644 });
  await writeFile(join(dir, 'tls.crt'), material.certPem, { mode: 0o644 });
  await writeFile(join(dir, 'tls.key'), material.keyPem, { mode: 0o600 });
  return material;
}
