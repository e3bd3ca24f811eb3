// Kubernetes' API rules as clients nobody on the project wrote meet them against `sim serve`:
// pod updates refused with upstream's 422 (kubectl patch in every patch type, replace, apply),
// allowed ones accepted; server-side dry runs that change nothing (kubectl delete/apply/create
// --dry-run=server, kubectl diff, raw dryRun values); booleans parsed as the apiserver parses
// them; and the official Python client's watch and dry-run delete.
// Expected texts: kubectl's own output format (kubectl/pkg/cmd/util/helpers.go "The %s %q is
// invalid", delete's "deleted (server dry run)", apply's "configured (server dry run)") and
// upstream validation messages (pkg/apis/core/validation/validation.go, 1.33).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Pod } from '../../src/kube/types.js';
import { closeStartedHarnesses, Harness, kubectlAvailable, TOKEN } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();
const run = promisify(execFile);
const SYSTEM_PYTHON = '/usr/bin/python3';

afterEach(closeStartedHarnesses);

const FORBIDDEN =
  'The Pod "nginx" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function caOf(h: Harness): string {
  const kc = parseYaml(readFileSync(h.kubeconfig, 'utf8')) as { clusters: { cluster: { 'certificate-authority-data': string } }[] };
  return Buffer.from(kc.clusters[0]!.cluster['certificate-authority-data'], 'base64').toString();
}

/** One raw HTTPS request with the harness token; the whole body as text. */
async function raw(h: Harness, method: string, path: string, body?: string, contentType = 'application/json'): Promise<{ code: number; body: string }> {
  const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
  if (body !== undefined) {
    headers['content-type'] = contentType;
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpsRequest(new URL(path, h.server.url), { method, headers, ca: caOf(h) }, resolve);
    req.on('error', reject);
    req.end(body);
  });
  let text = '';
  for await (const chunk of res) text += (chunk as Buffer).toString();
  return { code: res.statusCode!, body: text };
}

function nginx(h: Harness): Pod {
  return h.sim.store.get('Pod', 'default', 'nginx')!;
}

describe.runIf(haveKubectl).sequential('pod update rules through kubectl', () => {
  it('refuses a restartPolicy change in every patch type with the upstream 422 and its diff, and leaves the pod as it was', async () => {
    const h = await Harness.start({ scenario: 'nginx' });
    const before = nginx(h);
    for (const [type, patch] of [
      ['strategic', '{"spec":{"restartPolicy":"Never"}}'],
      ['merge', '{"spec":{"restartPolicy":"Never"}}'],
      ['json', '[{"op":"replace","path":"/spec/restartPolicy","value":"Never"}]'],
    ]) {
      const r = await h.kubectl(['patch', 'pod', 'nginx', '--type', type!, '-p', patch!]);
      expect(r.code, type).toBe(1);
      expect(r.stderr, type).toContain(FORBIDDEN);
      expect(r.stderr, type).toContain('- \tRestartPolicy: "Always",\n+ \tRestartPolicy: "Never",');
    }
    expect(nginx(h).metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);
  });

  it('accepts an image change, a lowered activeDeadlineSeconds and an added toleration; refuses a raised deadline and a removed toleration', async () => {
    const h = await Harness.start({ scenario: 'nginx' });
    const image = await h.kubectl(['patch', 'pod', 'nginx', '-p', '{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}']);
    expect(image.stderr).toBe('');
    expect(image.stdout).toBe('pod/nginx patched\n');
    expect(nginx(h).spec?.containers[0]?.image).toBe('nginx:1.28');

    expect((await h.kubectl(['patch', 'pod', 'nginx', '-p', '{"spec":{"activeDeadlineSeconds":600}}'])).stdout).toBe('pod/nginx patched\n');
    expect((await h.kubectl(['patch', 'pod', 'nginx', '-p', '{"spec":{"activeDeadlineSeconds":300}}'])).stdout).toBe('pod/nginx patched\n');
    const raised = await h.kubectl(['patch', 'pod', 'nginx', '-p', '{"spec":{"activeDeadlineSeconds":900}}']);
    expect(raised.stderr).toBe('The Pod "nginx" is invalid: spec.activeDeadlineSeconds: Invalid value: 900: must be less than or equal to previous value\n');
    const removed = await h.kubectl(['patch', 'pod', 'nginx', '--type', 'json', '-p', '[{"op":"remove","path":"/spec/activeDeadlineSeconds"}]']);
    expect(removed.stderr).toBe('The Pod "nginx" is invalid: spec.activeDeadlineSeconds: Invalid value: "null": must not update from a positive integer to nil value\n');

    const tolerations = nginx(h).spec?.tolerations ?? [];
    const added = await h.kubectl(['patch', 'pod', 'nginx', '--type', 'merge', '-p', JSON.stringify({ spec: { tolerations: [...tolerations, { key: 'k', operator: 'Exists' }] } })]);
    expect(added.stdout).toBe('pod/nginx patched\n');
    const dropped = await h.kubectl(['patch', 'pod', 'nginx', '--type', 'merge', '-p', '{"spec":{"tolerations":[{"key":"k","operator":"Exists"}]}}']);
    expect(dropped.stderr).toContain('The Pod "nginx" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds');
  });

  it('kubectl replace with a changed port and kubectl apply of a new container are refused; a uid change is immutable', async () => {
    const h = await Harness.start({ scenario: 'nginx' });
    const current = nginx(h);
    const dir = h.dir;
    const changedPort = structuredClone(current) as Pod;
    changedPort.spec!.containers[0]!.ports = [{ containerPort: 8080, protocol: 'TCP' }];
    writeFileSync(join(dir, 'port.json'), JSON.stringify(changedPort));
    const replaced = await h.kubectl(['replace', '-f', join(dir, 'port.json')]);
    expect(replaced.code).toBe(1);
    expect(replaced.stderr).toContain(FORBIDDEN);
    expect(replaced.stderr).toContain('ContainerPort: 80');
    expect(replaced.stderr).toContain('ContainerPort: 8080');

    const twoContainers = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'side', image: 'busybox' }] } };
    writeFileSync(join(dir, 'two.json'), JSON.stringify(twoContainers));
    const applied = await h.kubectl(['apply', '-f', join(dir, 'two.json')]);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('spec.containers: Forbidden: pod updates may not add or remove containers');

    const uid = await h.kubectl(['patch', 'pod', 'nginx', '--type', 'merge', '-p', '{"metadata":{"uid":"00000000-0000-0000-0000-000000000000"}}']);
    expect(uid.stderr).toBe('The Pod "nginx" is invalid: metadata.uid: Invalid value: "00000000-0000-0000-0000-000000000000": field is immutable\n');
    expect(nginx(h).metadata?.uid).toBe(current.metadata?.uid);
  });
});

describe.runIf(haveKubectl).sequential('server-side dry runs', () => {
  it('kubectl delete --dry-run=server answers as a delete would and leaves the pod; create and apply store nothing', async () => {
    const h = await Harness.start({ scenario: 'nginx' });
    const rv = h.sim.store.resourceVersion;
    const del = await h.kubectl(['delete', 'pod', 'nginx', '--dry-run=server']);
    expect(del.stderr).toBe('');
    expect(del.stdout).toBe('pod "nginx" deleted (server dry run)\n');
    expect(nginx(h).metadata?.deletionTimestamp).toBeUndefined();

    const created = await h.kubectl(['create', 'configmap', 'x', '--from-literal=a=b', '--dry-run=server', '-o', 'yaml']);
    expect(created.stderr).toBe('');
    const cm = parseYaml(created.stdout) as { metadata: { uid?: string; resourceVersion?: string; creationTimestamp?: string } };
    expect(cm.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(cm.metadata.resourceVersion).toBeUndefined();
    expect(h.sim.store.get('ConfigMap', 'default', 'x')).toBeUndefined();

    const manifest = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.28', ports: [{ containerPort: 80 }] }] } };
    writeFileSync(join(h.dir, 'nginx.json'), JSON.stringify(manifest));
    const applied = await h.kubectl(['apply', '--dry-run=server', '-f', join(h.dir, 'nginx.json')]);
    expect(applied.stdout).toBe('pod/nginx configured (server dry run)\n');
    expect(nginx(h).spec?.containers[0]?.image).toBe('nginx:1.27');
    expect(h.sim.store.resourceVersion).toBe(rv);
  });

  it('kubectl diff -f shows the image change the server would make, and stores nothing', async () => {
    const h = await Harness.start({ scenario: 'nginx' });
    const rv = h.sim.store.resourceVersion;
    const manifest = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.28', ports: [{ containerPort: 80 }] }] } };
    writeFileSync(join(h.dir, 'nginx.json'), JSON.stringify(manifest));
    const diff = await h.kubectl(['diff', '-f', join(h.dir, 'nginx.json')]);
    // kubectl diff exits 1 when there are differences.
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/^-\s+- image: nginx:1\.27$|^-\s+image: nginx:1\.27$/m);
    expect(diff.stdout).toMatch(/^\+\s+- image: nginx:1\.28$|^\+\s+image: nginx:1\.28$/m);
    expect(h.sim.store.resourceVersion).toBe(rv);
  });

  it('answers an unknown dryRun value with the upstream 422 on each verb, and dryRun=All on a raw DELETE keeps the pod', async () => {
    const h = await Harness.start({ scenario: 'nginx' });
    const bad = await raw(h, 'DELETE', '/api/v1/namespaces/default/pods/nginx?dryRun=Yes');
    expect(bad.code).toBe(422);
    expect(JSON.parse(bad.body).message).toBe('DeleteOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Yes"}: supported values: "All"');
    const badPatch = await raw(h, 'PATCH', '/api/v1/namespaces/default/pods/nginx?dryRun=all', '{}', 'application/merge-patch+json');
    expect(JSON.parse(badPatch.body).message).toBe('PatchOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"all"}: supported values: "All"');
    const ok = await raw(h, 'DELETE', '/api/v1/namespaces/default/pods/nginx?dryRun=All');
    expect(ok.code).toBe(200);
    expect((JSON.parse(ok.body) as Pod).metadata?.deletionTimestamp).toBeDefined();
    expect(nginx(h).metadata?.deletionTimestamp).toBeUndefined();
  });
});

describe.runIf(haveKubectl).sequential('query booleans', () => {
  it('watch=True, watch=t and watch=1 watch; watch=False and watch=0 list, as Convert_Slice_string_To_bool reads them', async () => {
    const h = await Harness.start({ scenario: 'nginx' });
    for (const value of ['False', 'FALSE', '0', 'false']) {
      const r = await raw(h, 'GET', `/api/v1/namespaces/default/pods?watch=${value}`);
      expect(JSON.parse(r.body).kind, value).toBe('PodList');
    }
    for (const value of ['True', 't', '1', 'TRUE']) {
      const r = await raw(h, 'GET', `/api/v1/namespaces/default/pods?watch=${value}&timeoutSeconds=1`);
      expect(JSON.parse(r.body.split('\n')[0]!).type, value).toBe('ADDED');
    }
  });
});

const havePythonClient = existsSync(SYSTEM_PYTHON) && (await run(SYSTEM_PYTHON, ['-c', 'import kubernetes']).then(() => true, () => false));

const PYTHON_SCRIPT = `
import json, sys, threading
from kubernetes import client, config, watch
config.load_kube_config(config_file=sys.argv[1])
v1 = client.CoreV1Api()
gone = v1.delete_namespaced_pod('nginx', 'default', dry_run='All')
still = v1.read_namespaced_pod('nginx', 'default')
rv = v1.list_namespaced_pod('default').metadata.resource_version
def act():
    v1.create_namespaced_pod('default', {'apiVersion': 'v1', 'kind': 'Pod', 'metadata': {'name': 'py'}, 'spec': {'containers': [{'name': 'c', 'image': 'busybox'}]}})
    v1.patch_namespaced_pod('py', 'default', {'metadata': {'labels': {'seen': 'yes'}}})
    v1.delete_namespaced_pod('py', 'default', grace_period_seconds=0)
events = []
w = watch.Watch()
threading.Timer(0.2, act).start()
for ev in w.stream(v1.list_namespaced_pod, 'default', resource_version=rv, timeout_seconds=20):
    if ev['object'].metadata.name != 'py':
        continue
    events.append(ev['type'])
    if ev['type'] == 'DELETED':
        w.stop()
print(json.dumps({'events': events, 'dryRunDeleted': gone.metadata.deletion_timestamp is not None, 'stillThere': still.metadata.deletion_timestamp is None}))
`;

describe.runIf(havePythonClient)('the official Python client (Debian python3-kubernetes)', () => {
  it('watch.Watch().stream(list_namespaced_pod) receives ADDED, MODIFIED and DELETED; dry_run=All delete leaves the pod', async () => {
    const h = await Harness.start({ scenario: 'nginx' });
    const script = join(h.dir, 'watch.py');
    writeFileSync(script, PYTHON_SCRIPT);
    const { stdout } = await run(SYSTEM_PYTHON, [script, h.kubeconfig], { timeout: 60_000 });
    const result = JSON.parse(stdout) as { events: string[]; dryRunDeleted: boolean; stillThere: boolean };
    expect(result.events[0]).toBe('ADDED');
    expect(result.events).toContain('MODIFIED');
    expect(result.events[result.events.length - 1]).toBe('DELETED');
    expect(result.dryRunDeleted).toBe(true);
    expect(result.stillThere).toBe(true);
    expect(nginx(h).metadata?.deletionTimestamp).toBeUndefined();
  });
});

describe.runIf(haveKubectl).sequential('kubectl edit', () => {
  /** Runs kubectl edit with a sed script as the editor (kubectl runs $EDITOR on a temp file). */
  async function edit(h: Harness, script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const saved = process.env.EDITOR;
    process.env.EDITOR = `sed -i -e '${script}'`;
    try {
      return await h.kubectl(['edit', 'pod', 'nginx']);
    } finally {
      if (saved === undefined) delete process.env.EDITOR;
      else process.env.EDITOR = saved;
    }
  }

  it('saves an image change and refuses a restartPolicy change, keeping a copy of the edit', async () => {
    const h = await Harness.start({ scenario: 'nginx' });
    const ok = await edit(h, 's/image: nginx:1.27/image: nginx:1.28/');
    expect(ok.stdout).toBe('pod/nginx edited\n');
    expect(nginx(h).spec?.containers[0]?.image).toBe('nginx:1.28');
    const refused = await edit(h, 's/restartPolicy: Always/restartPolicy: Never/');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error: pods "nginx" is invalid');
    expect(refused.stderr).toContain('A copy of your changes has been stored to');
    expect(nginx(h).spec?.restartPolicy).toBe('Always');
  });
});

describe('eviction and review requests on the wire', () => {
  it('an Eviction answers 201 Success and deletes gracefully; a wrong name is 400, a missing pod 404', async () => {
    const h = await Harness.start({ scenario: 'nginx' });
    const path = '/api/v1/namespaces/default/pods/nginx/eviction';
    const wrong = await raw(h, 'POST', path, JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'other' } }));
    expect(wrong.code).toBe(400);
    expect(JSON.parse(wrong.body).message).toBe('name in URL does not match name in Eviction object');
    const missing = await raw(h, 'POST', '/api/v1/namespaces/default/pods/ghost/eviction', JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'ghost' } }));
    expect(missing.code).toBe(404);
    expect(JSON.parse(missing.body).message).toBe('pods "ghost" not found');
    const ok = await raw(h, 'POST', path, JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'nginx', namespace: 'default' } }));
    expect(ok.code).toBe(201);
    expect(JSON.parse(ok.body)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    expect(nginx(h).metadata?.deletionGracePeriodSeconds).toBe(30);
  });

  it('a SelfSubjectAccessReview needs exactly one attribute set (422), and is allowed otherwise', async () => {
    const h = await Harness.start({ scenario: 'nginx' });
    const path = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
    const empty = await raw(h, 'POST', path, JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: {} }));
    expect(empty.code).toBe(422);
    expect(JSON.parse(empty.body).message).toBe(
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
    const spec = { resourceAttributes: { namespace: 'default', verb: 'delete', resource: 'pods' } };
    const ok = await raw(h, 'POST', path, JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec }));
    expect(ok.code).toBe(201);
    expect(JSON.parse(ok.body)).toMatchObject({ kind: 'SelfSubjectAccessReview', spec, status: { allowed: true } });
    expect((await raw(h, 'GET', path)).code).toBe(405);
  });
});
