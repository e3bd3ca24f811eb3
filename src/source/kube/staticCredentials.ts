// Credentials a kubeconfig states outright — a bearer token (token-file already read), a client
// certificate and key, basic auth, a CA, insecure-skip-tls-verify, tls-server-name, `as` —
// applied to each request the way client-node's KubeConfig applies them, without loading it
// (~60 ms of a start on 2 busy cores). Anything that needs code to run for its credentials (an
// exec plugin, an auth-provider) or another transport (proxy-url, plain http) is left to
// client-node: `staticCredentials` answers undefined for it.
//
// One keep-alive agent per client: the start-up check, the watches and later calls reuse
// connections and TLS sessions instead of a handshake per request, and one secure context.
import { Agent, type AgentOptions } from 'node:https';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { RequestOptions } from 'node:http';

type RawMap = Record<string, unknown>;

/** The request options every call gets: headers, TLS, agent. */
export type RequestAuth = (opts: RequestOptions & { headers: Record<string, string> }) => void;

/** The request options, and a way to close the connections kept alive for them. */
export type StaticCredentials = RequestAuth & { close(): void };

/** User keys this path applies; any other key but these and the ignored ones sends the user to client-node. */
const USER_KEYS = new Set(['token', 'username', 'password', 'client-certificate-data', 'client-key-data', 'as']);
/** Keys client-node does not act on either (kubectl's impersonation extras, extensions). */
const IGNORED_USER_KEYS = new Set(['as-groups', 'as-uid', 'as-user-extra', 'extensions']);
const CLUSTER_KEYS = new Set(['server', 'certificate-authority-data', 'insecure-skip-tls-verify', 'tls-server-name', 'extensions', 'disable-compression']);

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * The request options for a user and cluster whose credentials are plain data (credential
 * files already inlined, as `inlineCredentialFiles` leaves them), or undefined when client-node
 * must supply them. `server` is the cluster's URL.
 */
export function staticCredentials(user: RawMap | undefined, cluster: RawMap, server: string): StaticCredentials | undefined {
  if (user === undefined || !server.startsWith('https:')) return undefined;
  if (Object.keys(user).some((k) => !USER_KEYS.has(k) && !IGNORED_USER_KEYS.has(k))) return undefined;
  if (Object.keys(cluster).some((k) => !CLUSTER_KEYS.has(k))) return undefined;
  const tls: AgentOptions = {};
  const ca = text(cluster['certificate-authority-data']);
  if (ca) tls.ca = Buffer.from(ca, 'base64');
  const cert = text(user['client-certificate-data']);
  if (cert) tls.cert = Buffer.from(cert, 'base64');
  const key = text(user['client-key-data']);
  if (key) tls.key = Buffer.from(key, 'base64');
  if (cluster['insecure-skip-tls-verify'] === true) tls.rejectUnauthorized = false;
  const servername = text(cluster['tls-server-name']);
  if (servername) tls.servername = servername;
  const agent = new Agent({ ...tls, keepAlive: true });
  // One secure context for every connection (the CA, certificate and key parsed once): a
  // start opens several at once (the version, the start-up check, the pods watch). Data that
  // does not parse gets none: each connection then fails with its own TLS error, as before.
  let secureContext: SecureContext | undefined | null;
  const shared = (): SecureContext | undefined => {
    if (secureContext === undefined) {
      try {
        secureContext = createSecureContext({ ca: tls.ca, cert: tls.cert, key: tls.key });
      } catch {
        secureContext = null;
      }
    }
    return secureContext ?? undefined;
  };
  const token = text(user['token']);
  const username = text(user['username']);
  const auth = username === undefined ? undefined : `${username}:${typeof user['password'] === 'string' ? user['password'] : ''}`;
  const impersonate = text(user['as']);
  const apply: RequestAuth = (opts) => {
    // The TLS fields also on the request: a WebSocket upgrade is sent without the agent.
    Object.assign(opts, tls, { agent });
    const context = shared();
    if (context) (opts as RequestOptions & { secureContext?: SecureContext }).secureContext = context;
    if (auth !== undefined) opts.auth = auth;
    if (impersonate !== undefined) opts.headers['Impersonate-User'] = impersonate;
    if (token !== undefined) opts.headers['Authorization'] = `Bearer ${token}`;
  };
  // Idle kept-alive sockets would otherwise stay open until the server closes them.
  return Object.assign(apply, { close: () => agent.destroy() });
}
