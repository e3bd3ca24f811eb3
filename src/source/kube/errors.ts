// Every way a request to an API server can fail, turned into one error with a kind the
// source can act on and a message a person can read. Duck-typed, so client-node need not be
// loaded to recognise its errors.
import { ApiError } from '../../kube/apiError.js';
import { scrubSecrets } from '../../kube/scrubSecrets.js';
import type { Status } from '../../kube/types.js';

export type FailureKind =
  | 'unreachable'
  | 'tls'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'gone'
  /** 504 "Too large resource version": the server's history has not reached the version we hold (another incarnation). */
  | 'versionAhead'
  | 'conflict'
  /** The kubeconfig user's credentials could not be obtained (exec plugin, auth-provider). */
  | 'credentials'
  | 'server'
  | 'other';

export class KubeRequestError extends Error {
  override name = 'KubeRequestError';

  constructor(
    readonly kind: FailureKind,
    message: string,
    /** The HTTP status, when the server answered. */
    readonly code?: number,
  ) {
    super(message);
  }
}

const TLS_CODES: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's certificate is not signed by the certificate authority in the kubeconfig",
  SELF_SIGNED_CERT_IN_CHAIN: "the server's certificate chain ends in a certificate authority the kubeconfig does not trust",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate is self-signed and not trusted by the kubeconfig",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the issuer of the server's certificate is not trusted by the kubeconfig",
  UNABLE_TO_GET_ISSUER_CERT: "the issuer of the server's certificate is not trusted by the kubeconfig",
  CERT_HAS_EXPIRED: "the server's certificate has expired",
  CERT_NOT_YET_VALID: "the server's certificate is not valid yet",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate does not name this host",
  EPROTO: 'the TLS handshake failed (is the server speaking plain http?)',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the TLS handshake failed (is the server speaking plain http?)',
};

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'the connection was closed',
  UND_ERR_SOCKET: 'the connection was closed',
};

interface MaybeErrorFields {
  code?: unknown;
  statusCode?: unknown;
  body?: unknown;
  name?: unknown;
  message?: unknown;
  type?: unknown;
  cause?: unknown;
}

/** The innermost error code (node-fetch puts the socket's code on the FetchError). */
function errorCode(err: MaybeErrorFields): string | undefined {
  if (typeof err.code === 'string') return err.code;
  const cause = err.cause as MaybeErrorFields | undefined;
  return cause && typeof cause === 'object' ? errorCode(cause) : undefined;
}

/** The Status in an error answer's body (a JSON string or already parsed), if it is one. */
export function statusFromBody(body: unknown): Status | undefined {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (parsed && typeof parsed === 'object' && (parsed as { kind?: unknown }).kind === 'Status') return parsed as Status;
  return undefined;
}

function kindOfCode(code: number): FailureKind {
  if (code === 401) return 'unauthorized';
  if (code === 403) return 'forbidden';
  if (code === 404) return 'notFound';
  if (code === 410) return 'gone';
  if (code === 409) return 'conflict';
  if (code >= 500) return 'server';
  return 'other';
}

/** The apiserver's answer to a version it has not reached (client-go: IsTooLargeResourceVersion). */
export function isTooLargeResourceVersion(code: number, status: Status | undefined): boolean {
  if (code !== 504 || !status) return false;
  return (status.details?.causes ?? []).some((c) => c.reason === 'ResourceVersionTooLarge') || /^Too large resource version/.test(status.message ?? '');
}

/** Describes an HTTP answer that was not a success. */
export function httpFailure(code: number, server: string, status?: Status, statusText?: string): KubeRequestError {
  if (isTooLargeResourceVersion(code, status)) return new KubeRequestError('versionAhead', status?.message ?? 'Too large resource version', code);
  const kind = kindOfCode(code);
  if (kind === 'unauthorized') {
    return new KubeRequestError(kind, `the API server at ${server} rejected the credentials (401 Unauthorized)`, code);
  }
  const message = status?.message ?? (statusText ? `${statusText} (HTTP ${code})` : `HTTP ${code}`);
  if (kind === 'server') return new KubeRequestError(kind, `the API server at ${server} failed: ${message}`, code);
  return new KubeRequestError(kind, message, code);
}

/** Turns anything a client-node call or watch can throw into a KubeRequestError. */
export function describeFailure(err: unknown, server: string): KubeRequestError {
  if (err instanceof KubeRequestError) return err;
  if (err instanceof ApiError) return httpFailure(err.code, server, err.toStatus());
  const e = (err && typeof err === 'object' ? err : {}) as MaybeErrorFields;
  // ApiException: numeric code and the body as a JSON string.
  if (typeof e.code === 'number' && 'body' in e) return httpFailure(e.code, server, statusFromBody(e.body));
  // Watch.watch's non-200 answer: an Error with statusCode.
  if (typeof e.statusCode === 'number') return httpFailure(e.statusCode, server, undefined, typeof e.message === 'string' ? e.message : undefined);
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || e.type === 'aborted') {
    return new KubeRequestError('timeout', `the API server at ${server} did not answer in time`);
  }
  const code = errorCode(e);
  // OpenSSL failing to decode a PEM is the user's client certificate or key, not the server's TLS.
  if (code !== undefined && code.startsWith('ERR_OSSL') && /PEM|DECODER|ASN1|key/i.test(`${code} ${String(e.message ?? '')}`)) {
    return new KubeRequestError('credentials', `the client certificate or key in the kubeconfig cannot be used (${code})`);
  }
  if (code !== undefined && TLS_CODES[code]) {
    return new KubeRequestError('tls', `TLS verification of ${server} failed: ${TLS_CODES[code]} (${code})`);
  }
  if (code !== undefined && NETWORK_CODES[code]) {
    return new KubeRequestError('unreachable', `cannot reach the API server at ${server}: ${NETWORK_CODES[code]}`);
  }
  // Node and fetch may quote a header value (the bearer token) in their messages.
  const text = scrubSecrets(typeof e.message === 'string' ? e.message : String(err));
  if (/certificate|ssl|tls/i.test(text)) return new KubeRequestError('tls', `TLS with ${server} failed: ${text}`);
  return new KubeRequestError('other', `request to ${server} failed: ${text}`);
}
