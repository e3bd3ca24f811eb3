// The REST verbs on a resource route: list/watch/get (JSON or Table), create, update,
// patch, the status subresource, and delete with DeleteOptions from the body or query.
import type { InsideWorld } from '../inside/types.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest, invalid, notFound, requestEntityTooLarge } from '../../kube/apiError.js';
import type { AnyObject, DeleteOptions, Kind, KindMap, KubeObject } from '../../kube/types.js';
import type { SimApi, WriteOptions } from '../api.js';
import type { Clock } from '../clock.js';
import { decodeFailureMessage, decodeNulls, goPlusV, shapeError } from '../admission/shapes.js';
import { invalidError, invalidValue } from '../admission/fieldErrors.js';
import { annotationSizeErrors } from '../admission/metadataLimits.js';
import { apiVersionOf, CLUSTER_SCOPED, RESOURCES, type Filter, type Store } from '../store.js';
import { MAX_BODY_BYTES, parseJsonBody, parseYamlBody, readBody, readBodyBytes } from './body.js';
import { encodeList, encodeObject } from './encode.js';
import { selectorFilter, tableFor } from './filters.js';
import { decodeProtobuf, decodesProtobuf, PROTOBUF_TYPE, ProtobufError } from './protobuf/decode.js';
import { negotiate, parseIncludeObject, type Representation } from './negotiate.js';
import { managerName, recordApply, recordUpdate, type Actor } from '../fieldmanager/managedFields.js';
import { applyPatch, PATCH_TYPES, type PatchType } from './patch.js';
import { methodNotAllowed, successStatus, writeBody, writeJson } from './respond.js';
import type { ResourceRoute } from './routes.js';
import { applyScale, scaleOf, type Scale } from './scale.js';
import { dryRunOptions, type OptionsKind } from './dryRun.js';
import { evict } from './eviction.js';
import { queryBool, queryOptionalBool } from './queryBool.js';
import { validateWatchListOptions } from './watchList.js';
import { WatchStream } from './watchStream.js';

export interface ServedCluster {
  store: Store;
  api: SimApi;
  clock: Clock;
  /** The containers' insides, for exec and port-forward (the Simulator's, when it models them). */
  inside?: InsideWorld;
}

export interface WatchSettings {
  bookmarkIntervalMs: number;
  maxBufferedBytes: number;
  /** Used when the client sends no timeoutSeconds (the apiserver picks 30–60 min). */
  defaultTimeoutMs: () => number;
  register(stream: WatchStream): void;
  unregister(stream: WatchStream): void;
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  route: ResourceRoute;
  cluster: ServedCluster;
  watch: WatchSettings;
}

export async function handleResource(ctx: RequestContext): Promise<void> {
  const { req, route } = ctx;
  const method = req.method ?? 'GET';
  if (route.subresource === 'eviction') return evict(req, ctx.res, ctx.url, route, ctx.cluster.api);
  if (route.name === undefined) {
    if (method === 'GET') return listOrWatch(ctx);
    if (method === 'POST' && route.subresource === undefined && (route.namespace !== undefined || CLUSTER_SCOPED.has(route.kind))) {
      return create(ctx);
    }
    if (method === 'DELETE' && route.subresource === undefined && (route.namespace !== undefined || CLUSTER_SCOPED.has(route.kind))) {
      return removeCollection(ctx);
    }
    throw methodNotAllowed();
  }
  switch (method) {
    case 'GET':
      if (isWatch(ctx.url, route)) return listOrWatch(ctx);
      return getOne(ctx);
    case 'PUT':
      return replace(ctx);
    case 'PATCH':
      return patch(ctx);
    case 'DELETE':
      if (route.subresource) throw methodNotAllowed();
      return remove(ctx);
    default:
      throw methodNotAllowed();
  }
}

/** `dryRun` from the query, checked against the verb's options kind. */
function writeOptions(ctx: RequestContext, kind: OptionsKind): WriteOptions {
  return dryRunOptions(ctx.url.searchParams.getAll('dryRun'), kind);
}

function isWatch(url: URL, route: ResourceRoute): boolean {
  return route.watchPrefix || queryBool(url.searchParams, 'watch');
}

function representationFor(ctx: RequestContext): Representation {
  return negotiate(ctx.req.headers.accept, ctx.route.subresource === undefined);
}

function writeObject(ctx: RequestContext, code: number, obj: KubeObject): void {
  writeBody(ctx.res, code, encodeObject(obj));
}

function tableBody(ctx: RequestContext, rep: Representation & { type: 'table' }, objects: KubeObject[], listMeta?: { resourceVersion: string; continue?: string; remainingItemCount?: number }): void {
  const includeObject = parseIncludeObject(ctx.url.searchParams.get('includeObject'));
  const table = tableFor(ctx.route.kind, objects, ctx.cluster.clock.now(), includeObject, { listMeta });
  if (rep.version === 'v1beta1') (table as { apiVersion: string }).apiVersion = 'meta.k8s.io/v1beta1';
  writeBody(ctx.res, 200, JSON.stringify(table), `application/json;as=Table;v=${rep.version};g=meta.k8s.io`);
}

function listOrWatch(ctx: RequestContext): void {
  const { url, route, cluster } = ctx;
  const q = url.searchParams;
  const rep = representationFor(ctx);
  validateWatchListOptions(q, isWatch(url, route));
  let filter = selectorFilter(route.kind, q.get('labelSelector'), q.get('fieldSelector'));
  if (route.name !== undefined) {
    const name = route.name;
    const bySelector = filter;
    filter = (obj) => obj.metadata?.name === name && (!bySelector || bySelector(obj));
  }
  const namespace = CLUSTER_SCOPED.has(route.kind) ? undefined : route.namespace;
  if (isWatch(url, route)) return startWatch(ctx, rep, namespace, filter);
  const limit = parseNonNegativeInt(q.get('limit'), 'limit');
  const result = cluster.store.list(route.kind, {
    namespace,
    filter,
    limit: limit || undefined,
    continue: q.get('continue') || undefined,
  });
  const meta = { resourceVersion: result.resourceVersion, continue: result.continue, remainingItemCount: result.remainingItemCount };
  if (rep.type === 'table') return tableBody(ctx, rep, result.items, meta);
  const r = RESOURCES[route.kind];
  writeBody(ctx.res, 200, encodeList(r.listKind, apiVersionOf(route.kind), meta, result.items));
}

function startWatch(ctx: RequestContext, rep: Representation, namespace: string | undefined, filter: Filter<AnyObject> | undefined): void {
  const q = ctx.url.searchParams;
  const timeoutSeconds = parseNonNegativeInt(q.get('timeoutSeconds'), 'timeoutSeconds');
  const stream = new WatchStream(
    ctx.res,
    {
      store: ctx.cluster.store,
      kind: ctx.route.kind,
      namespace,
      filter,
      resourceVersion: q.get('resourceVersion') ?? undefined,
      representation: rep,
      includeObject: parseIncludeObject(q.get('includeObject')),
      allowBookmarks: queryBool(q, 'allowWatchBookmarks'),
      sendInitialEvents: queryBool(q, 'sendInitialEvents'),
      timeoutMs: timeoutSeconds ? timeoutSeconds * 1000 : ctx.watch.defaultTimeoutMs(),
      bookmarkIntervalMs: ctx.watch.bookmarkIntervalMs,
      maxBufferedBytes: ctx.watch.maxBufferedBytes,
      now: () => ctx.cluster.clock.now(),
    },
    (s) => ctx.watch.unregister(s),
  );
  ctx.watch.register(stream);
  stream.start();
}

function parseNonNegativeInt(value: string | null, name: string): number {
  if (value === null || value === '') return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`${name}: Invalid value: "${value}": must be a non-negative integer`);
  return n;
}

function getOne(ctx: RequestContext): void {
  const { route, cluster } = ctx;
  const rep = representationFor(ctx);
  const obj = cluster.api.get(route.kind, route.namespace, route.name!);
  if (route.subresource === 'scale') return writeJson(ctx.res, 200, scaleOf(obj as Parameters<typeof scaleOf>[0]));
  if (rep.type === 'table') return tableBody(ctx, rep, [obj], { resourceVersion: obj.metadata?.resourceVersion ?? '' });
  writeObject(ctx, 200, obj);
}

/** The request body's media type, lower-cased, without parameters. */
function bodyType(ctx: RequestContext): string {
  return (ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * A protobuf body (kubectl's typed clients send one for built-in kinds) decoded where the
 * kind has a schema; any other media type but JSON gets the apiserver's 415
 * (NegotiateInputSerializer), naming what this server reads.
 */
async function readProtobufObject(ctx: RequestContext): Promise<(KubeObject & Record<string, unknown>) | undefined> {
  const type = bodyType(ctx);
  if (type === '' || type === 'application/json') return undefined;
  if (type === PROTOBUF_TYPE && decodesProtobuf(ctx.route.kind)) {
    const bytes = await readBodyBytes(ctx.req);
    try {
      return decodeProtobuf(ctx.route.kind, bytes);
    } catch (err) {
      if (err instanceof ProtobufError) throw badRequest(`the object provided is unrecognized (must be of type ${ctx.route.kind}): ${err.message}`);
      throw err;
    }
  }
  const accepted = decodesProtobuf(ctx.route.kind) ? `application/json, ${PROTOBUF_TYPE}` : 'application/json';
  throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted}`);
}

/** The body must be an object of the route's kind, in the route's namespace. */
async function readObject(ctx: RequestContext): Promise<KubeObject & Record<string, unknown>> {
  const { route } = ctx;
  const decoded = await readProtobufObject(ctx);
  if (decoded) return checkObject(ctx, decoded);
  const text = await readBody(ctx.req);
  const body = parseJsonBody(text, route.kind);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`the object provided is unrecognized (must be of type ${route.kind}): couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(body) ? 'array' : typeof body} into Go value of type struct`);
  }
  refuseUndecodable(route.kind, body);
  return checkObject(ctx, body as KubeObject & Record<string, unknown>);
}

/** Updates skip create's admission; the metadata limits hold for them too. */
function refuseOverLimits(kind: Kind, obj: KubeObject): void {
  const errs = annotationSizeErrors(obj.metadata);
  if (errs.length > 0) throw invalidError(kind, RESOURCES[kind].group, obj.metadata?.name ?? '', errs);
}

/** A body whose fields do not decode into the kind's Go types: 400, as the apiserver's decoder answers. */
function refuseUndecodable(kind: Kind, obj: unknown): void {
  const bad = shapeError(kind, obj);
  if (bad) throw badRequest(decodeFailureMessage(kind, RESOURCES[kind].version, bad));
  decodeNulls(kind, obj);
}

function checkObject(ctx: RequestContext, obj: KubeObject & Record<string, unknown>): KubeObject & Record<string, unknown> {
  const { route } = ctx;
  const expectedVersion = apiVersionOf(route.kind);
  if (obj.apiVersion !== undefined && obj.apiVersion !== expectedVersion) {
    throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${expectedVersion})`);
  }
  if (obj.kind !== undefined && obj.kind !== route.kind) {
    throw badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${route.kind})`);
  }
  const meta = { ...(obj.metadata ?? {}) };
  if (!CLUSTER_SCOPED.has(route.kind)) {
    if (meta.namespace && meta.namespace !== route.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.namespace = route.namespace;
  }
  if (route.name !== undefined) {
    if (meta.name && meta.name !== route.name) {
      throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${route.name})`);
    }
    meta.name = route.name;
  }
  return { ...obj, metadata: meta };
}

async function create(ctx: RequestContext): Promise<void> {
  const write = writeOptions(ctx, 'CreateOptions');
  const obj = await readObject(ctx);
  const created = ctx.cluster.api.create(ctx.route.kind, recordUpdate(undefined, obj, actorOf(ctx)) as KindMap[Kind], write);
  writeObject(ctx, 201, created);
}

async function replace(ctx: RequestContext): Promise<void> {
  const { route, cluster } = ctx;
  const write = writeOptions(ctx, 'UpdateOptions');
  if (route.subresource === 'scale') {
    const scale = parseJsonBody(await readBody(ctx.req), 'Scale') as Scale;
    return writeJson(ctx.res, 200, applyScale(cluster.api, route.kind, route.namespace, route.name!, scale, write));
  }
  const obj = await readObject(ctx);
  if (route.subresource === 'status') {
    writeObject(ctx, 200, writeStatusOf(cluster, route, obj, write));
    return;
  }
  refuseOverLimits(route.kind, obj);
  const live = cluster.store.get(route.kind, route.namespace, route.name!);
  writeObject(ctx, 200, cluster.api.update(route.kind, recordUpdate(live, obj, actorOf(ctx)) as KindMap[Kind], write));
}

/** Who writes, for managedFields: the fieldManager parameter or the user agent's first word. */
function actorOf(ctx: RequestContext): Actor {
  return {
    manager: managerName(ctx.url.searchParams.get('fieldManager'), ctx.req.headers['user-agent']),
    apiVersion: apiVersionOf(ctx.route.kind),
    now: new Date(ctx.cluster.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** /status writes: only status changes, under the same optimistic concurrency as PUT. */
function writeStatusOf(cluster: ServedCluster, route: ResourceRoute, obj: KubeObject & Record<string, unknown>, write: WriteOptions = {}): KubeObject {
  const current = cluster.api.get(route.kind, route.namespace, route.name!);
  const rv = obj.metadata?.resourceVersion;
  if (rv && rv !== current.metadata?.resourceVersion) {
    const r = RESOURCES[route.kind];
    throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${r.group ? `${r.resource}.${r.group}` : r.resource} "${route.name}": the object has been modified; please apply your changes to the latest version and try again`, {
      name: route.name,
      group: r.group,
      kind: r.resource,
    });
  }
  if (write.dryRun) return { ...current, status: obj.status } as unknown as KubeObject;
  return cluster.api.setStatus(route.kind, route.namespace, route.name!, obj.status);
}

const APPLY_PATCH = 'application/apply-patch+yaml';

async function patch(ctx: RequestContext): Promise<void> {
  const { req, route, cluster } = ctx;
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const write = writeOptions(ctx, 'PatchOptions');
  const text = await readBody(req);
  if (contentType === APPLY_PATCH) return serverSideApply(ctx, text, write);
  if (!(PATCH_TYPES as readonly string[]).includes(contentType)) {
    throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${[...PATCH_TYPES, APPLY_PATCH].join(', ')}`);
  }
  const current = cluster.api.get(route.kind, route.namespace, route.name!);
  const patchBody = parseJsonBody(text, route.kind);
  if (route.subresource === 'scale') {
    const scale = applyPatch(contentType as PatchType, scaleOf(current as Parameters<typeof scaleOf>[0]), patchBody) as Scale;
    return writeJson(ctx.res, 200, applyScale(cluster.api, route.kind, route.namespace, route.name!, scale, write));
  }
  const patched = applyPatch(contentType as PatchType, current, patchBody);
  if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) throw badRequest('the patch did not produce an object');
  // Patches grow objects: the result is held to the limit a body is (3 MiB), as etcd's request limit holds it.
  if (JSON.stringify(patched).length > MAX_BODY_BYTES) throw requestEntityTooLarge(MAX_BODY_BYTES);
  const bad = shapeError(route.kind, patched);
  // The patched object does not decode: a 422 on the field "patch", quoting the patched object
  // (JSON and merge patches) or the patch itself printed by Go (strategic merge), as upstream does.
  const quoted = contentType === 'application/strategic-merge-patch+json' ? goPlusV(patchBody) : JSON.stringify(patched);
  if (bad) throw invalid('', '', [invalidValue('patch', quoted, bad.message)]);
  decodeNulls(route.kind, patched);
  const obj = checkObject(ctx, patched as KubeObject & Record<string, unknown>);
  refuseOverLimits(route.kind, obj);
  if (route.subresource === 'status') {
    writeObject(ctx, 200, writeStatusOf(cluster, route, obj, write));
    return;
  }
  writeObject(ctx, 200, cluster.api.update(route.kind, recordUpdate(current, obj, actorOf(ctx)) as KindMap[Kind], write));
}

/**
 * Server-side apply: the applied configuration is created when absent and merged like a
 * strategic merge patch otherwise, with managedFields and conflicts (src/sim/fieldmanager).
 */
async function serverSideApply(ctx: RequestContext, text: string, write: WriteOptions = {}): Promise<void> {
  const { route, cluster } = ctx;
  const applied = parseYamlBody(text);
  if (typeof applied !== 'object' || applied === null || Array.isArray(applied)) throw badRequest('the applied configuration must be an object');
  refuseUndecodable(route.kind, applied);
  const obj = checkObject(ctx, applied as KubeObject & Record<string, unknown>);
  const q = ctx.url.searchParams;
  if (!q.get('fieldManager')) {
    throw new ApiError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  }
  const actor = { ...actorOf(ctx), subresource: route.subresource };
  const force = queryBool(q, 'force');
  const current = cluster.store.get(route.kind, route.namespace, route.name!);
  if (!current) {
    if (route.subresource) throw notFound(RESOURCES[route.kind].resource, route.name!, RESOURCES[route.kind].group);
    writeObject(ctx, 201, cluster.api.create(route.kind, recordApply(undefined, obj, actor, force, (l) => l) as KindMap[Kind], write));
    return;
  }
  const merge = (live: KubeObject, config: KubeObject): KubeObject => applyPatch('application/strategic-merge-patch+json', live, config) as KubeObject;
  const merged = recordApply(current, obj, actor, force, merge) as KubeObject & Record<string, unknown>;
  refuseOverLimits(route.kind, merged);
  if (route.subresource === 'status') {
    writeObject(ctx, 200, writeStatusOf(cluster, route, merged, write));
    return;
  }
  writeObject(ctx, 200, cluster.api.update(route.kind, merged as KindMap[Kind], write));
}

async function deleteOptions(ctx: RequestContext): Promise<DeleteOptions & { write: WriteOptions }> {
  const text = await readBody(ctx.req);
  const options: DeleteOptions = text.trim() ? (parseJsonBody(text, 'DeleteOptions') as DeleteOptions) : {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw badRequest('the body of a DELETE must be DeleteOptions');
  const bodyGrace: unknown = options.gracePeriodSeconds;
  if (bodyGrace !== undefined && bodyGrace !== null && !Number.isInteger(bodyGrace)) {
    throw badRequest(`gracePeriodSeconds: Invalid value: ${JSON.stringify(bodyGrace)}: must be an integer`);
  }
  const q = ctx.url.searchParams;
  const grace = q.get('gracePeriodSeconds');
  if (grace !== null) {
    const n = Number(grace);
    if (!Number.isInteger(n)) throw badRequest(`gracePeriodSeconds: Invalid value: "${grace}": must be an integer`);
    options.gracePeriodSeconds = n;
  }
  const policy = q.get('propagationPolicy');
  if (policy !== null) options.propagationPolicy = policy;
  const orphan = queryOptionalBool(q, 'orphanDependents');
  if (orphan !== undefined) options.orphanDependents = orphan;
  const policyValue = options.propagationPolicy;
  if (policyValue !== undefined && !['Orphan', 'Background', 'Foreground'].includes(policyValue)) {
    throw new ApiError(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policyValue}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  // client-go puts DeleteOptions.dryRun in the body; the query form is merged in as the apiserver does.
  const bodyDryRun: unknown = (options as { dryRun?: unknown }).dryRun;
  const fromBody = Array.isArray(bodyDryRun) ? bodyDryRun.map(String) : [];
  const write = dryRunOptions([...fromBody, ...q.getAll('dryRun')], 'DeleteOptions');
  return { ...options, write };
}

async function remove(ctx: RequestContext): Promise<void> {
  const { route, cluster } = ctx;
  const options = await deleteOptions(ctx);
  refuseImmortalNamespace(route.kind, route.name!);
  const result = cluster.api.delete(route.kind, route.namespace, route.name!, options, options.write);
  // Some stores return the object itself (ReturnDeletedObject, pods); others a Status once gone.
  if (RESOURCES[route.kind].returnsDeletedObject || !result.deleted) {
    writeObject(ctx, 200, result.object);
    return;
  }
  const r = RESOURCES[route.kind];
  writeJson(ctx.res, 200, successStatus({ name: route.name, group: r.group, kind: r.resource, uid: result.object.metadata?.uid }));
}

/** The namespaces the NamespaceLifecycle admission plugin never lets go. */
const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

function refuseImmortalNamespace(kind: Kind, name: string): void {
  if (kind === 'Namespace' && IMMORTAL_NAMESPACES.has(name)) {
    throw new ApiError(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
  }
}

/** DELETE on a collection (deletecollection): every selected object, answered as a list of what was deleted. */
async function removeCollection(ctx: RequestContext): Promise<void> {
  const { route, cluster, url } = ctx;
  // The namespace storage has no deletecollection verb: `kubectl delete ns --all` deletes one by one.
  if (route.kind === 'Namespace') throw methodNotAllowed();
  const options = await deleteOptions(ctx);
  const filter = selectorFilter(route.kind, url.searchParams.get('labelSelector'), url.searchParams.get('fieldSelector'));
  const targets = cluster.store.list(route.kind, { namespace: route.namespace, filter }).items;
  const results: KubeObject[] = [];
  for (const obj of targets) {
    const meta = obj.metadata!;
    // Another deletion may have removed it meanwhile (a cascade): skip what is gone.
    if (!cluster.store.get(route.kind, meta.namespace, meta.name!)) continue;
    results.push(cluster.api.delete(route.kind, meta.namespace, meta.name!, options, options.write).object);
  }
  const r = RESOURCES[route.kind];
  writeBody(ctx.res, 200, encodeList(r.listKind, apiVersionOf(route.kind), { resourceVersion: cluster.store.resourceVersion }, results));
}
