// Finding, reading and merging kubeconfig files the way kubectl does, with errors that name
// the file, the context and the reason. No client-node here: it never sees a file we have
// not validated, so its `http://localhost:8080` fallback can never be reached.
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { parseSimpleYaml } from './kubeconfigYaml.js';

export class KubeconfigError extends Error {
  override name = 'KubeconfigError';

  constructor(
    /** The file (or files, comma-separated) the problem is in. */
    readonly file: string,
    /** What is wrong, in plain words, without the file. */
    readonly reason: string,
    readonly context?: string,
  ) {
    super(`kubeconfig ${file}: ${reason}`);
  }
}

/** Where the kubeconfig came from, as kubectl's precedence has it. */
export type KubeconfigOrigin = 'flag' | 'env' | 'home';

export interface KubeconfigLocation {
  origin: KubeconfigOrigin;
  /** Existing files, highest precedence first. */
  paths: string[];
}

export interface LocateOptions {
  /** --kubeconfig */
  kubeconfig?: string;
  env: NodeJS.ProcessEnv;
  homedir: string;
}

/**
 * --kubeconfig, else KUBECONFIG (missing entries skipped, as kubectl does), else
 * ~/.kube/config. Undefined when there is no kubeconfig anywhere; an explicit file or a
 * KUBECONFIG naming only missing files is an error, never a silent fallback.
 */
export function locateKubeconfig(options: LocateOptions): KubeconfigLocation | undefined {
  if (options.kubeconfig !== undefined && options.kubeconfig !== '') {
    const file = resolve(options.kubeconfig);
    if (!existsSync(file)) throw new KubeconfigError(file, 'the file does not exist (given with --kubeconfig)');
    return { origin: 'flag', paths: [file] };
  }
  const fromEnv = options.env['KUBECONFIG'];
  if (fromEnv !== undefined && fromEnv !== '') {
    const listed = [...new Set(fromEnv.split(delimiter).filter((p) => p !== '').map((p) => resolve(p)))];
    const existing = listed.filter((p) => existsSync(p));
    if (existing.length === 0) {
      const which = listed.length === 1 ? 'the file does not exist' : 'none of these files exists';
      throw new KubeconfigError(listed.join(', ') || '(empty)', `${which} (named by the KUBECONFIG environment variable)`);
    }
    return { origin: 'env', paths: existing };
  }
  const home = join(options.homedir, '.kube', 'config');
  return existsSync(home) ? { origin: 'home', paths: [home] } : undefined;
}

type RawMap = Record<string, unknown>;

/** A named entry as written in the file (`{name, cluster|user|context: {...}}`). */
export interface NamedEntry {
  name: string;
  body: RawMap;
  /** The file it came from (relative paths in it are already made absolute). */
  file: string;
}

export interface MergedKubeconfig {
  files: string[];
  clusters: NamedEntry[];
  users: NamedEntry[];
  contexts: NamedEntry[];
  /** The first current-context set by any file, and where. */
  currentContext?: { name: string; file: string };
}

/** Reads and merges the files: the first file to define a name wins, as in kubectl. */
export function loadKubeconfig(paths: readonly string[]): MergedKubeconfig {
  const merged: MergedKubeconfig = { files: [...paths], clusters: [], users: [], contexts: [] };
  const empty: string[] = [];
  for (const file of paths) {
    const doc = readOne(file);
    if (doc === undefined) {
      empty.push(file);
      continue;
    }
    const dir = dirname(file);
    mergeEntries(merged.clusters, readEntries(doc, 'clusters', 'cluster', file), (b) => resolvePaths(b, dir, ['certificate-authority']));
    mergeEntries(merged.users, readEntries(doc, 'users', 'user', file), (b) => resolveUserPaths(b, dir));
    mergeEntries(merged.contexts, readEntries(doc, 'contexts', 'context', file), (b) => b);
    const current = doc['current-context'];
    if (merged.currentContext === undefined && typeof current === 'string' && current !== '') {
      merged.currentContext = { name: current, file };
    }
  }
  if (empty.length === paths.length) {
    throw new KubeconfigError(empty.join(', '), empty.length === 1 ? 'the file is empty' : 'every file is empty');
  }
  return merged;
}

/** The parsed top level of one file, or undefined when the file is empty. */
function readOne(file: string): RawMap | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'the file does not exist' : code === 'EACCES' ? 'permission denied reading the file' : code === 'EISDIR' ? 'this is a directory, not a file' : `cannot read the file (${code ?? String(err)})`;
    throw new KubeconfigError(file, reason);
  }
  if (text.trim() === '') return undefined;
  // kubectl's own layout is read directly; anything else by the yaml library (and its errors).
  const simple = parseSimpleYaml(text);
  const value: unknown = simple !== undefined ? simple : parseWithLibrary(text, file);
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new KubeconfigError(file, 'not a kubeconfig: the top level must be a mapping with clusters, users and contexts');
  }
  return value as RawMap;
}

function parseWithLibrary(text: string, file: string): unknown {
  const doc = parseDocument(text);
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0].line;
    const where = line === undefined ? '' : ` at line ${line}, column ${first.linePos![0].col}`;
    const what = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new KubeconfigError(file, `malformed YAML${where}: ${what}`);
  }
  return doc.toJS();
}

function readEntries(doc: RawMap, listKey: string, bodyKey: string, file: string): NamedEntry[] {
  const list = doc[listKey];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new KubeconfigError(file, `"${listKey}" must be a list`);
  return list.map((item: unknown, i) => {
    const entry = (item ?? {}) as RawMap;
    const name = entry['name'];
    if (typeof name !== 'string' || name === '') throw new KubeconfigError(file, `${listKey}[${i}] has no name`);
    const body = entry[bodyKey];
    if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
      throw new KubeconfigError(file, `${listKey}[${i}] ("${name}"): "${bodyKey}" must be a mapping`);
    }
    return { name, body: { ...((body ?? {}) as RawMap) }, file };
  });
}

function mergeEntries(into: NamedEntry[], entries: NamedEntry[], resolveBody: (body: RawMap) => RawMap): void {
  for (const e of entries) {
    if (into.some((x) => x.name === e.name)) continue;
    into.push({ ...e, body: resolveBody(e.body) });
  }
}

function absolute(dir: string, p: unknown): unknown {
  return typeof p === 'string' && p !== '' && !isAbsolute(p) ? join(dir, p) : p;
}

function resolvePaths(body: RawMap, dir: string, keys: string[]): RawMap {
  const out = { ...body };
  for (const k of keys) if (k in out) out[k] = absolute(dir, out[k]);
  return out;
}

/** kubectl resolves certificate, key and token-file paths, and an exec command with a separator, against the file's folder. */
function resolveUserPaths(body: RawMap, dir: string): RawMap {
  const out = resolvePaths(body, dir, ['client-certificate', 'client-key', 'tokenFile', 'token-file']);
  const exec = out['exec'];
  if (exec && typeof exec === 'object' && !Array.isArray(exec)) {
    const command = (exec as RawMap)['command'];
    if (typeof command === 'string' && command.includes(sep) && !isAbsolute(command)) {
      out['exec'] = { ...(exec as RawMap), command: join(dir, command) };
    }
  }
  return out;
}

/** One context with its cluster and user, checked enough to be worth a connection attempt. */
export interface ResolvedContext {
  name: string;
  clusterName: string;
  server: string;
  userName: string;
  /** The context's namespace, or "default". */
  namespace: string;
  /** The files the kubeconfig was read from, for messages. */
  files: string[];
  merged: MergedKubeconfig;
}

/** `requestedBy`: how the user named the context, for the message when it does not exist. */
export function resolveContext(merged: MergedKubeconfig, requested?: string, requestedBy = 'given with --context'): ResolvedContext {
  const files = merged.files.join(', ');
  const available = merged.contexts.map((c) => c.name);
  const availableText = available.length > 0 ? `available contexts: ${available.join(', ')}` : 'the kubeconfig defines no contexts';
  let name: string;
  if (requested !== undefined && requested !== '') {
    name = requested;
  } else if (merged.currentContext) {
    name = merged.currentContext.name;
  } else {
    throw new KubeconfigError(files, `no current-context is set and no --context was given (${availableText})`);
  }
  const ctx = merged.contexts.find((c) => c.name === name);
  if (!ctx) {
    const how = requested ? requestedBy : 'named by current-context';
    throw new KubeconfigError(files, `context "${name}" (${how}) does not exist (${availableText})`, name);
  }
  const clusterName = ctx.body['cluster'];
  if (typeof clusterName !== 'string' || clusterName === '') {
    throw new KubeconfigError(ctx.file, `context "${name}" names no cluster`, name);
  }
  const cluster = merged.clusters.find((c) => c.name === clusterName);
  if (!cluster) throw new KubeconfigError(files, `context "${name}" uses cluster "${clusterName}", which is not defined`, name);
  checkClusterFiles(cluster, name);
  const server = cluster.body['server'];
  if (typeof server !== 'string' || server === '') {
    throw new KubeconfigError(cluster.file, `cluster "${clusterName}" (context "${name}") has no server URL`, name);
  }
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new KubeconfigError(cluster.file, `cluster "${clusterName}" (context "${name}") has an invalid server URL "${server}"`, name);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new KubeconfigError(cluster.file, `cluster "${clusterName}" (context "${name}"): server "${server}" must be an http:// or https:// URL`, name);
  }
  if (url.protocol === 'http:' && cluster.body['insecure-skip-tls-verify'] !== true) {
    throw new KubeconfigError(
      cluster.file,
      `cluster "${clusterName}" (context "${name}"): plain http:// server "${server}" needs insecure-skip-tls-verify: true`,
      name,
    );
  }
  const userValue = ctx.body['user'];
  const userName = typeof userValue === 'string' ? userValue : '';
  if (userName !== '') {
    const user = merged.users.find((u) => u.name === userName);
    if (!user) throw new KubeconfigError(files, `context "${name}" uses user "${userName}", which is not defined`, name);
    checkReadableFiles(user, name);
  }
  const ns = ctx.body['namespace'];
  return {
    name,
    clusterName,
    server: server.replace(/\/+$/, ''),
    userName,
    namespace: typeof ns === 'string' && ns !== '' ? ns : 'default',
    files: merged.files,
    merged,
  };
}

/** Token, certificate and key files are small; a bigger one is not what it claims to be. */
export const CREDENTIAL_FILE_LIMIT = 1024 * 1024;

/** Why a credential file cannot be used, or undefined. stat only: a FIFO is never opened here. */
function credentialFileProblem(p: string): string | undefined {
  let st;
  try {
    st = statSync(p);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
  }
  if (st.isFIFO()) return 'is a named pipe (FIFO), not a file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device, not a file';
  if (st.isDirectory()) return 'is a directory, not a file';
  if (!st.isFile()) return 'is not a regular file';
  if (st.size > CREDENTIAL_FILE_LIMIT) return `is ${st.size} bytes, more than a credential file holds (limit ${CREDENTIAL_FILE_LIMIT})`;
  return undefined;
}

/**
 * Reads a credential file with the checks above re-done on the open descriptor (opened
 * non-blocking, so a FIFO swapped in meanwhile cannot hang us) and at most the limit read.
 */
export function readCredentialFile(p: string, what: string): Buffer {
  const problem = credentialFileProblem(p);
  if (problem) throw new KubeconfigError(p, `${what} ${problem}`);
  const fd = openSync(p, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new KubeconfigError(p, `${what} is not a regular file`);
    const buf = Buffer.alloc(Math.min(st.size, CREDENTIAL_FILE_LIMIT));
    let n = 0;
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) break;
      n += got;
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function checkReadableFiles(user: NamedEntry, context: string): void {
  for (const key of ['client-certificate', 'client-key', 'tokenFile', 'token-file']) {
    const p = user.body[key];
    const problem = typeof p === 'string' && p !== '' ? credentialFileProblem(p) : undefined;
    if (problem) throw new KubeconfigError(user.file, `user "${user.name}" (context "${context}"): ${key} ${p} ${problem}`, context);
  }
}

function checkClusterFiles(cluster: NamedEntry, context: string): void {
  const p = cluster.body['certificate-authority'];
  const problem = typeof p === 'string' && p !== '' ? credentialFileProblem(p) : undefined;
  if (problem) throw new KubeconfigError(cluster.file, `cluster "${cluster.name}" (context "${context}"): certificate-authority ${p} ${problem}`, context);
}

/** The secrets a kubeconfig user holds, for scrubbing them out of any message. */
export function userSecrets(merged: MergedKubeconfig, userName: string): string[] {
  const user = merged.users.find((u) => u.name === userName);
  if (!user) return [];
  const out: string[] = [];
  const b = user.body;
  for (const k of ['token', 'password', 'client-key-data']) if (typeof b[k] === 'string') out.push(b[k] as string);
  const provider = b['auth-provider'] as RawMap | undefined;
  const config = provider && typeof provider === 'object' ? (provider['config'] as RawMap | undefined) : undefined;
  if (config && typeof config === 'object') for (const v of Object.values(config)) if (typeof v === 'string') out.push(v);
  return out;
}

/**
 * The merged kubeconfig as one document for client-node, with `tokenFile` (kubectl's key)
 * mapped to `token-file` (the key client-node reads).
 */
export function toSingleDocument(merged: MergedKubeconfig, currentContext: string): RawMap {
  const users = merged.users.map((u) => {
    const body = { ...u.body };
    if (typeof body['tokenFile'] === 'string' && body['token-file'] === undefined) body['token-file'] = body['tokenFile'];
    // kubectl trims a token (a `token: |` block ends in a newline, which no header may hold).
    if (typeof body['token'] === 'string') body['token'] = body['token'].trim();
    return { name: u.name, user: body };
  });
  const clusters = merged.clusters.map((c) => ({ name: c.name, cluster: c.body }));
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters,
    users,
    contexts: merged.contexts.map((c) => ({ name: c.name, context: c.body })),
    'current-context': currentContext,
  };
}

function inlineUserFiles(body: RawMap): void {
  const tokenFile = body['token-file'];
  if (typeof tokenFile === 'string' && tokenFile !== '') {
    if (typeof body['token'] !== 'string' || body['token'] === '') body['token'] = readCredentialFile(tokenFile, 'token-file').toString('utf8').trim();
    delete body['token-file'];
  }
  for (const [file, data] of [
    ['client-certificate', 'client-certificate-data'],
    ['client-key', 'client-key-data'],
  ] as const) {
    const p = body[file];
    if (typeof p === 'string' && p !== '' && body[data] === undefined) {
      body[data] = readCredentialFile(p, file).toString('base64');
      delete body[file];
    }
  }
}

/**
 * The document for client-node with the current context's credential files read here,
 * checked and capped (client-node reads them with a blocking, unbounded read: a FIFO would
 * hang it, /dev/zero fill memory). A token file is trimmed, as kubectl does.
 */
export function inlineCredentialFiles(doc: RawMap): RawMap {
  const contexts = doc['contexts'] as { name: string; context: RawMap }[];
  const current = contexts.find((c) => c.name === doc['current-context'])?.context;
  const users = (doc['users'] as { name: string; user: RawMap }[]).map((u) => {
    if (u.name !== current?.['user']) return u;
    const body = { ...u.user };
    delete body['tokenFile'];
    inlineUserFiles(body);
    return { name: u.name, user: body };
  });
  const clusters = (doc['clusters'] as { name: string; cluster: RawMap }[]).map((c) => {
    const ca = c.cluster['certificate-authority'];
    if (c.name !== current?.['cluster'] || typeof ca !== 'string' || ca === '' || c.cluster['certificate-authority-data'] !== undefined) return c;
    const body: RawMap = { ...c.cluster, 'certificate-authority-data': readCredentialFile(ca, 'certificate-authority').toString('base64') };
    delete body['certificate-authority'];
    return { name: c.name, cluster: body };
  });
  return { ...doc, users, clusters };
}
