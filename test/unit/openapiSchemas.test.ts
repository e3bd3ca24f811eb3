// OpenAPI v3 schemas generated from client-node's models: names, types, descriptions,
// required fields, and the GVK on the served kinds.
import { describe, expect, it } from 'vitest';
import { openApiGroupVersion } from '../../src/sim/server/openapi.js';
import { modelOfKind, schemaName, schemasFor } from '../../src/sim/server/openapiSchemas.js';

describe('openapi schemas from client-node models', () => {
  it.each([
    ['Pod', 'v1', 'V1Pod', 'v1.Pod'],
    ['Event', 'v1', 'CoreV1Event', 'corev1.Event'],
    ['Deployment', 'v1', 'V1Deployment', 'v1.Deployment'],
  ])('%s %s is the model %s, schema %s', (kind, version, model, name) => {
    expect(modelOfKind(kind, version)).toBe(model);
    expect(schemaName(model)).toBe(name);
  });

  it('types fields from the attribute map and takes descriptions and required fields from the declarations', () => {
    const schemas = schemasFor(['V1Container']);
    const c = schemas['v1.Container']!;
    expect(c.description).toBe('A single application container that you want to run within a pod.');
    expect(c.required).toEqual(['name']);
    const props = c.properties as Record<string, Record<string, unknown>>;
    expect(props.args).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(props.ports).toMatchObject({ type: 'array', items: { allOf: [{ $ref: '#/components/schemas/v1.ContainerPort' }] } });
    expect(props.image!.description).toMatch(/^Container image name\./);
    expect(schemas['v1.ContainerPort']!.properties).toMatchObject({ containerPort: { type: 'integer', format: 'int32' } });
    // client-node types quantities as strings.
    expect(schemas['v1.ResourceRequirements']!.properties).toMatchObject({ limits: { type: 'object', additionalProperties: { type: 'string' } } });
  });

  it('marks the served kinds of a group version with their GVK', () => {
    const doc = openApiGroupVersion('apis/apps/v1') as { components: { schemas: Record<string, Record<string, unknown>> } };
    expect(doc.components.schemas['v1.Deployment']!['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(doc.components.schemas['v1.ControllerRevision']!['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'ControllerRevision', version: 'v1' }]);
    expect(doc.components.schemas['v1.PodSpec']!['x-kubernetes-group-version-kind']).toBeUndefined();
  });
});
