// OpenAPI v3 for kubectl: its default `--validate=strict` asks /openapi/v3 whether PATCH of
// the kind takes the `fieldValidation` query parameter (when it does, kubectl leaves
// validation to the server), and `kubectl explain` reads the kinds' schemas, generated from
// client-node's models (openapiSchemas.ts) on the first request for a group version and kept.
// /openapi/v2 stays 404: kubectl copes without it.
import { CATALOG, KINDS } from '../../kube/catalog/index.js';
import { SIM_KUBERNETES_VERSION } from '../../kube/version.js';
import { modelOfKind, schemaName, schemasFor, type Schema } from './openapiSchemas.js';

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

const GROUP_VERSIONS = [...new Set(KINDS.map((k) => gvPath(CATALOG[k].group, CATALOG[k].version)))];

export function openApiRoot(): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of GROUP_VERSIONS) paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}` };
  return { paths };
}

/** The document of one group version ("api/v1", "apis/apps/v1"), or undefined. */
export function openApiGroupVersion(gv: string): unknown {
  if (!GROUP_VERSIONS.includes(gv)) return undefined;
  const paths: Record<string, unknown> = {};
  for (const kind of KINDS) {
    const r = CATALOG[kind];
    if (gvPath(r.group, r.version) !== gv) continue;
    const scope = r.namespaced ? 'namespaces/{namespace}/' : '';
    paths[`/${gv}/${scope}${r.resource}/{name}`] = {
      patch: {
        operationId: `patch${kind}`,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind },
        parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } }],
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: SIM_KUBERNETES_VERSION }, paths, components: { schemas: schemasOf(gv) } };
}

const schemaCache = new Map<string, Record<string, Schema>>();

/** The schemas of a group version's kinds and all they reference, the kinds marked with their GVK. */
function schemasOf(gv: string): Record<string, Schema> {
  const hit = schemaCache.get(gv);
  if (hit) return hit;
  const kinds = KINDS.filter((k) => gvPath(CATALOG[k].group, CATALOG[k].version) === gv);
  const schemas = schemasFor(kinds.map((k) => modelOfKind(k, CATALOG[k].version)));
  for (const kind of kinds) {
    const r = CATALOG[kind];
    const schema = schemas[schemaName(modelOfKind(kind, r.version))];
    if (schema) schema['x-kubernetes-group-version-kind'] = [{ group: r.group, kind, version: r.version }];
  }
  schemaCache.set(gv, schemas);
  return schemas;
}
