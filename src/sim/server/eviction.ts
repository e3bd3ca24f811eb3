// POST pods/{name}/eviction (policy/v1 Eviction), what `kubectl drain` sends: the registry's
// EvictionREST (pkg/registry/core/pod/storage/eviction.go) checks the name and namespace, folds
// the request's dryRun into the Eviction's DeleteOptions, and deletes the pod with those
// options (gracefully, by the pod's own grace unless the options say otherwise). Answer: a
// Success Status with 201. PodDisruptionBudgets are not modelled: every eviction is allowed.
import { badRequest } from '../../kube/apiError.js';
import type { DeleteOptions } from '../../kube/types.js';
import { dryRunOptions } from './dryRun.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimApi } from '../api.js';
import { methodNotAllowed, writeJson } from './respond.js';
import type { ResourceRoute } from './routes.js';
import { readTypedBody } from './typedBody.js';

export async function evict(req: IncomingMessage, res: ServerResponse, url: URL, route: ResourceRoute, api: SimApi): Promise<void> {
  if ((req.method ?? 'GET') !== 'POST') throw methodNotAllowed();
  const body = await readTypedBody(req, 'Eviction', 'policy.v1.Eviction');
  if (body.apiVersion !== undefined && body.apiVersion !== 'policy/v1') {
    throw badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (policy/v1)`);
  }
  if (body.kind !== undefined && body.kind !== 'Eviction') throw badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (Eviction)`);
  const meta = (body.metadata ?? {}) as { name?: string; namespace?: string };
  if (meta.namespace && meta.namespace !== route.namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  if ((meta.name ?? '') !== route.name) throw badRequest('name in URL does not match name in Eviction object');
  const options = { ...((body.deleteOptions ?? {}) as DeleteOptions & { dryRun?: string[] }) };
  const dryRun = [...(options.dryRun ?? []), ...url.searchParams.getAll('dryRun')];
  const write = dryRunOptions(dryRun, 'DeleteOptions');
  api.delete('Pod', route.namespace, route.name!, options, write);
  writeJson(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}
