// Server-side apply with the real kubectl: managedFields per manager in FieldsV1, ordinary
// writes owning what they change, and 409 Conflict with the apiserver's message when an
// apply would change a field another manager owns, unless --force-conflicts.
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Deployment } from '../../src/kube/types.js';
import { KUBECTL } from './helpers/parity.js';
import { closeStartedHarnesses, Harness, kubectlAvailable } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();

afterEach(closeStartedHarnesses);

const manifest = (replicas: number, image = 'nginx:1.27'): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: {app: api}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: ${image}
          ports: [{containerPort: 80}]
`;

const HELP = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

describe.runIf(haveKubectl).sequential('kubectl apply --server-side against sim serve', () => {
  it('tracks managedFields per manager and answers conflicts as the apiserver does', async () => {
    const h = await Harness.start({ scenario: 'default' });
    const k = (args: string[], input?: string) => h.kubectl(args, input, KUBECTL);
    const managed = async () => {
      const out = await k(['get', 'deployment', 'api', '-o', 'yaml', '--show-managed-fields']);
      return (parseYaml(out.stdout) as Deployment).metadata!.managedFields!;
    };

    const first = await k(['apply', '--server-side', '-f', '-'], manifest(2));
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('deployment.apps/api serverside-applied\n');
    const [entry, ...rest] = await managed();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1' });
    expect(entry!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(entry!.fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': { 'f:matchLabels': { 'f:app': {} } },
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"api"}': {
                '.': {},
                'f:image': {},
                'f:name': {},
                'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
          },
        },
      },
    });
    // kubectl's default -o yaml hides them (--show-managed-fields=false).
    expect((await k(['get', 'deployment', 'api', '-o', 'yaml'])).stdout).not.toContain('managedFields');

    // Another applier changing a field kubectl owns.
    const clash = await k(['apply', '--server-side', '--field-manager=other', '-f', '-'], manifest(3));
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toBe(`error: Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas\n${HELP}`);
    expect(h.sim.store.get('Deployment', 'default', 'api')?.spec?.replicas).toBe(2);
    // The same value is shared ownership, not a conflict.
    expect((await k(['apply', '--server-side', '--field-manager=other', '-f', '-'], manifest(2))).stderr).toBe('');

    // An ordinary patch takes the field from every applier.
    expect((await k(['patch', 'deployment', 'api', '--field-manager=scaler', '-p', '{"spec":{"replicas":4}}'])).stderr).toBe('');
    const afterPatch = await managed();
    expect(afterPatch.map((e) => [e.manager, e.operation])).toEqual([
      ['kubectl', 'Apply'],
      ['other', 'Apply'],
      ['scaler', 'Update'],
    ]);
    expect(afterPatch[2]!.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect((afterPatch[0]!.fieldsV1 as { 'f:spec': object })['f:spec']).not.toHaveProperty('f:replicas');

    const back = await k(['apply', '--server-side', '-f', '-'], manifest(2, 'nginx:1.26'));
    expect(back.code).not.toBe(0);
    // "other" co-owns the image it applied with the same value; "scaler" owns replicas.
    expect(back.stderr).toBe(
      `error: Apply failed with 2 conflicts: conflicts with "other":\n- .spec.template.spec.containers[name="api"].image\nconflicts with "scaler" using apps/v1:\n- .spec.replicas\n${HELP}`,
    );
    expect(h.sim.store.get('Deployment', 'default', 'api')?.spec?.template?.spec?.containers[0]?.image).toBe('nginx:1.27');

    const forced = await k(['apply', '--server-side', '--force-conflicts', '-f', '-'], manifest(2, 'nginx:1.26'));
    expect(forced.stderr).toBe('');
    const d = h.sim.store.get('Deployment', 'default', 'api')!;
    expect(d.spec?.replicas).toBe(2);
    expect(d.spec?.template?.spec?.containers[0]?.image).toBe('nginx:1.26');
    // The image changed under "other"'s shared ownership and replicas was taken from "scaler".
    expect((await managed()).map((e) => e.manager)).toEqual(['kubectl', 'other']);
  });

  it('an apply that drops a field it owned removes it; a create is owned by its updater', async () => {
    const h = await Harness.start({ scenario: 'default' });
    const k = (args: string[], input?: string) => h.kubectl(args, input, KUBECTL);
    const withLabel = manifest(1).replace('labels: {app: api}\nspec', 'labels: {app: api, tier: web}\nspec');
    expect((await k(['apply', '--server-side', '-f', '-'], withLabel)).stderr).toBe('');
    expect(h.sim.store.get('Deployment', 'default', 'api')?.metadata?.labels).toEqual({ app: 'api', tier: 'web' });
    expect((await k(['apply', '--server-side', '-f', '-'], manifest(1))).stderr).toBe('');
    expect(h.sim.store.get('Deployment', 'default', 'api')?.metadata?.labels).toEqual({ app: 'api' });

    // A client-side apply's fields: another applier conflicts with them; kubectl's own
    // server-side apply takes over what last-applied-configuration still matches.
    const csa = manifest(1).replace('name: api\n', 'name: csa\n');
    expect((await k(['apply', '-f', '-'], csa)).stderr).toBe('');
    const other = await k(['apply', '--server-side', '--field-manager=other', '-f', '-'], csa.replace('replicas: 1', 'replicas: 2'));
    expect(other.stderr).toBe(`error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas\n${HELP}`);
    expect((await k(['apply', '--server-side', '-f', '-'], csa.replace('replicas: 1', 'replicas: 2'))).stderr).toBe('');
    expect(h.sim.store.get('Deployment', 'default', 'csa')?.spec?.replicas).toBe(2);

    expect((await k(['create', 'configmap', 'settings', '--from-literal=a=b'])).stderr).toBe('');
    const cm = h.sim.store.get('ConfigMap', 'default', 'settings')!;
    expect(cm.metadata?.managedFields?.map((e) => [e.manager, e.operation, e.apiVersion, e.fieldsV1])).toEqual([
      ['kubectl-create', 'Update', 'v1', { 'f:data': { 'f:a': {} } }],
    ]);
  });
});
