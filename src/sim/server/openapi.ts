// Just enough OpenAPI v3 for kubectl: its default `--validate=strict` asks /openapi/v3
// whether PATCH of the kind takes the `fieldValidation` query parameter. When it does,
// kubectl leaves validation to the server instead of downloading full schemas
// (/openapi/v2 stays 404). No schemas are served: this server does not validate fields.
import { CATALOG, KINDS } from '../../kube/catalog/index.js';
import { SIM_KUBERNETES_VERSION } from '../../kube/version.js';

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
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: SIM_KUBERNETES_VERSION }, paths, components: {} };
}
