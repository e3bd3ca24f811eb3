import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/kube/types.js';
import { createAdmission } from '../../../src/sim/admission/index.js';
import { SimApi } from '../../../src/sim/api.js';
import { ManualClock } from '../../../src/sim/clock.js';
import { Random } from '../../../src/sim/random.js';
import {
  applyScenario,
  bundledScenarioNames,
  fixturesDir,
  loadScenario,
  parseScenario,
  resolveScenarioPath,
  ScenarioError,
} from '../../../src/sim/scenario/index.js';
import { Store } from '../../../src/sim/store.js';

function freshApi(): SimApi {
  const clock = new ManualClock();
  const random = new Random(7);
  return new SimApi(new Store(clock, random, { freezeObjects: true }), clock, random, createAdmission());
}

function scenarioError(text: string): ScenarioError {
  try {
    parseScenario(text, 'fixtures/bad.yaml');
  } catch (err) {
    if (err instanceof ScenarioError) return err;
    throw err;
  }
  throw new Error('expected a ScenarioError');
}

const POD_HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n';

describe('ScenarioError locations', () => {
  it.each<[string, string, string]>([
    ['a tab in the indentation', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: a\n', 'fixtures/bad.yaml:4:1: YAML syntax error: Tabs are not allowed as indentation'],
    ['a duplicate key', 'apiVersion: v1\nkind: Pod\nkind: Pod\n', 'fixtures/bad.yaml:3:1: YAML syntax error: Map keys must be unique'],
    [
      'a missing name',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    app: x\nspec:\n  containers:\n    - name: a\n      image: nginx\n',
      'fixtures/bad.yaml:3:1: metadata.name: Required value: name or generateName is required',
    ],
    [
      'an unknown kind',
      'apiVersion: v1\nkind: Widget\nmetadata:\n  name: web\n',
      'fixtures/bad.yaml:2:7: no matches for kind "Widget" in version "v1" (the simulator knows Namespace, Node, Pod, Event, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, ConfigMap, ControllerRevision, Secret, ServiceAccount, Service, Endpoints, EndpointSlice, Lease, PersistentVolumeClaim, PersistentVolume, StorageClass)',
    ],
    [
      'a wrong apiVersion',
      'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: web\n',
      'fixtures/bad.yaml:1:13: no matches for kind "Deployment" in version "extensions/v1beta1" (Deployment is apps/v1)',
    ],
    [
      'a missing image',
      `${POD_HEAD}spec:\n  containers:\n    - name: web\n      ports:\n        - containerPort: 80\n`,
      'fixtures/bad.yaml:7:7: spec.containers[0].image: Required value',
    ],
    [
      'requests above limits',
      `${POD_HEAD}spec:\n  containers:\n    - name: web\n      image: nginx\n      resources:\n        limits:\n          cpu: 500m\n        requests:\n          cpu: "1"\n`,
      'fixtures/bad.yaml:12:9: spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
    ],
    [
      'a bad duration',
      `${POD_HEAD}  annotations:\n    sim.podscope.dev/run: 3 seconds\nspec:\n  containers:\n    - name: web\n      image: nginx\n`,
      'fixtures/bad.yaml:6:27: annotation sim.podscope.dev/run: "3 seconds" is not a Go duration such as 500ms, 10s, 2m or 1h30m, or forever',
    ],
    [
      'a misspelt annotation key',
      `${POD_HEAD}  annotations:\n    sim.podscope.dev/liveliness: "pass 3s, fail"\nspec:\n  containers:\n    - name: web\n      image: nginx\n`,
      'fixtures/bad.yaml:6:5: unknown annotation sim.podscope.dev/liveliness: did you mean sim.podscope.dev/liveness?',
    ],
    [
      'an annotation for a container the pod lacks',
      `${POD_HEAD}  annotations:\n    sim.podscope.dev/run.db: 3s\nspec:\n  containers:\n    - name: web\n      image: nginx\n`,
      'fixtures/bad.yaml:6:5: annotation sim.podscope.dev/run.db names container "db", which the pod does not have (containers: web)',
    ],
    [
      'a probe schedule without a duration in the middle',
      `${POD_HEAD}  annotations:\n    sim.podscope.dev/readiness: "fail, pass 10s"\nspec:\n  containers:\n    - name: web\n      image: nginx\n`,
      'fixtures/bad.yaml:6:33: annotation sim.podscope.dev/readiness: only the last segment may leave out its duration ("fail" is not last)',
    ],
    [
      'an unquoted number as an annotation value',
      `${POD_HEAD}  annotations:\n    sim.podscope.dev/exit-code: 1\nspec:\n  containers:\n    - name: web\n      image: nginx\n`,
      'fixtures/bad.yaml:6:33: metadata.annotations[sim.podscope.dev/exit-code]: must be a string, not a number: put the value in quotes',
    ],
    [
      'an unquoted number as an env value',
      `${POD_HEAD}spec:\n  containers:\n    - name: web\n      image: mysql\n      env:\n        - name: PORT\n          value: 3306\n`,
      'fixtures/bad.yaml:11:18: spec.containers[0].env[0].value: must be a string, not a number: put the value in quotes',
    ],
    [
      'a sim annotation on a Deployment instead of its template',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations:\n    sim.podscope.dev/run: 3s\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx\n',
      'fixtures/bad.yaml:6:5: annotation sim.podscope.dev/run has no effect on a Deployment: put it on spec.template.metadata.annotations',
    ],
    [
      'a selector that misses the template',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n        - name: web\n          image: nginx\n',
      'fixtures/bad.yaml:10:7: spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`',
    ],
    [
      'a Job left with restartPolicy Always',
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: busybox\n',
      'fixtures/bad.yaml:7:5: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ],
    [
      'an invalid field in the second document',
      `${POD_HEAD}spec:\n  containers:\n    - name: web\n      image: nginx\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  restartPolicy: Sometimes\n  containers:\n    - name: db\n      image: redis\n`,
      'fixtures/bad.yaml:15:18: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
    [
      'an invalid item of a List',
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: ok\n    spec:\n      containers: [{name: a, image: nginx}]\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: Bad_Name\n    spec:\n      containers: [{name: a, image: nginx}]\n',
      "fixtures/bad.yaml:13:13: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ],
    [
      'the same object twice',
      `${POD_HEAD}spec:\n  containers: [{name: a, image: nginx}]\n---\n${POD_HEAD}spec:\n  containers: [{name: a, image: nginx}]\n`,
      'fixtures/bad.yaml:11:9: Pod "web" is defined twice (first at line 4)',
    ],
  ])('%s', (_what, text, message) => {
    const err = scenarioError(text);
    expect(err.message).toBe(message);
    const [, line, column] = /^fixtures\/bad\.yaml:(\d+):(\d+): /.exec(message)!;
    expect([err.file, err.line, err.column]).toEqual(['fixtures/bad.yaml', Number(line), Number(column)]);
  });

  it('names the field at fault', () => {
    const err = scenarioError(`${POD_HEAD}spec:\n  containers:\n    - name: web\n`);
    expect(err.field).toBe('spec.containers[0].image');
    expect(err.detail).toBe('spec.containers[0].image: Required value');
  });

  it('reports how many more problems admission found', () => {
    const err = scenarioError(`${POD_HEAD}spec:\n  restartPolicy: Sometimes\n  containers:\n    - name: web\n`);
    expect(err.message).toBe('fixtures/bad.yaml:8:7: spec.containers[0].image: Required value (and 1 more: spec.restartPolicy)');
  });
});

describe('parseScenario', () => {
  it('skips empty documents, flattens Lists and keeps file order', () => {
    const s = parseScenario(
      '---\n# nothing here\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata: {name: shop}\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: a, namespace: shop}\n    spec:\n      containers: [{name: a, image: nginx}]\n---\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx, resources: {limits: {cpu: 2}}}]\n',
      'x.yaml',
    );
    expect(s.file).toBe('x.yaml');
    expect(s.objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['Namespace/shop', 'Pod/a', 'Deployment/web']);
    // A YAML number as a quantity becomes the API's string form.
    expect(JSON.stringify(s.objects[2])).toContain('"limits":{"cpu":"2"}');
  });

  it('returns no objects for an empty file', () => {
    expect(parseScenario('', 'empty.yaml').objects).toEqual([]);
    expect(parseScenario('# only a comment\n', 'empty.yaml').objects).toEqual([]);
  });
});

describe('applyScenario', () => {
  it('creates system namespaces, used namespaces, default nodes, then objects in order', () => {
    const api = freshApi();
    const order: string[] = [];
    for (const kind of ['Namespace', 'Node', 'Pod', 'Deployment'] as const) {
      api.store.watch(kind, {}, (ev) => order.push(`${kind}/${ev.object.metadata!.name}`));
    }
    applyScenario(
      api,
      parseScenario(
        'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: shop}\nspec:\n  containers: [{name: a, image: nginx}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx}]\n',
        'x.yaml',
      ),
    );
    expect(order).toEqual([
      'Namespace/default',
      'Namespace/kube-system',
      'Namespace/kube-public',
      'Namespace/kube-node-lease',
      'Namespace/shop',
      'Node/sim-node-1',
      'Node/sim-node-2',
      'Node/sim-node-3',
      'Pod/a',
      'Deployment/web',
    ]);
    const ns = api.store.get('Namespace', undefined, 'shop')!;
    expect(ns.metadata!.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop' });
    expect(api.store.get('Pod', 'shop', 'a')!.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('uses the scenario nodes instead of the defaults, completing what they leave out', () => {
    const api = freshApi();
    applyScenario(
      api,
      parseScenario(
        'apiVersion: v1\nkind: Node\nmetadata:\n  name: gpu-1\n  labels: {accelerator: nvidia}\nspec:\n  taints: [{key: gpu, value: "true", effect: NoSchedule}]\nstatus:\n  capacity: {cpu: "16", memory: 64Gi}\n',
        'x.yaml',
      ),
    );
    expect([...api.store.all('Node')].map((n) => n.metadata!.name)).toEqual(['gpu-1']);
    const node = api.store.get('Node', undefined, 'gpu-1')!;
    expect(node.metadata!.labels).toMatchObject({ accelerator: 'nvidia', 'kubernetes.io/hostname': 'gpu-1' });
    expect(node.spec!.taints).toEqual([{ key: 'gpu', value: 'true', effect: 'NoSchedule' }]);
    expect(node.status!.allocatable).toMatchObject({ cpu: '16', memory: '64Gi', pods: '110' });
    expect(node.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True');
  });

  it('keeps a declared namespace\'s labels and leaves existing namespaces alone', () => {
    const api = freshApi();
    api.create('Namespace', { metadata: { name: 'default' } });
    applyScenario(api, parseScenario('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: web}\n', 'x.yaml'));
    expect(api.store.get('Namespace', undefined, 'shop')!.metadata!.labels).toEqual({ team: 'web', 'kubernetes.io/metadata.name': 'shop' });
    expect(api.store.count('Namespace')).toBe(5);
  });
});

describe('bundled fixtures', () => {
  const files = readdirSync(fixturesDir()).filter((f) => f.endsWith('.yaml'));

  it('include the documented scenarios', () => {
    expect(bundledScenarioNames()).toEqual([
      'chatty',
      'crashloop',
      'default',
      'deployment',
      'hello-job',
      'image-pull-fail',
      'init-containers',
      'liveness-fail',
      'missing-config',
      'mysql-resources',
      'nginx',
      'node-failure',
      'oomkilled',
      'services',
      'readiness-fail',
      'sidecar',
      'start-failures',
      'storage',
      'tomcat-env',
      'two-containers',
      'unschedulable',
    ].sort());
  });

  it.each(files)('%s parses and applies to a fresh store', async (file) => {
    const scenario = await loadScenario(join(fixturesDir(), file));
    expect(scenario.objects.length).toBeGreaterThan(0);
    const api = freshApi();
    applyScenario(api, scenario);
    for (const obj of scenario.objects) {
      if (obj.kind === 'Namespace' || obj.kind === 'Node') continue;
      const ns = obj.metadata?.namespace ?? 'default';
      expect(api.store.get(obj.kind as 'Pod', ns, obj.metadata!.name!), `${basename(file)} ${obj.kind}/${obj.metadata?.name}`).toBeDefined();
    }
  });

  it('default.yaml spreads a small cluster over three namespaces', async () => {
    const api = freshApi();
    applyScenario(api, await loadScenario(resolveScenarioPath('default')));
    const namespaces = new Set([...api.store.all('Pod')].map((p: Pod) => p.metadata!.namespace));
    expect([...namespaces].sort()).toEqual(['batch', 'default', 'shop']);
    expect(api.store.count('Deployment')).toBe(3);
    expect(api.store.count('Job')).toBe(2);
  });
});

describe('resolveScenarioPath', () => {
  it('maps a bundled name to its fixture', () => {
    expect(resolveScenarioPath('crashloop')).toBe(join(fixturesDir(), 'crashloop.yaml'));
    expect(resolveScenarioPath('nginx.yaml')).toBe(join(fixturesDir(), 'nginx.yaml'));
  });

  it('uses an existing path as is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podscope-scenario-'));
    const path = join(dir, 'mine.yaml');
    writeFileSync(path, '');
    expect(resolveScenarioPath(path)).toBe(path);
  });

  it('lists the bundled names when nothing matches', () => {
    expect(() => resolveScenarioPath('crashlop')).toThrow(
      `unknown scenario "crashlop": no such file, and not a bundled scenario (${bundledScenarioNames().join(', ')})`,
    );
    expect(bundledScenarioNames()).toContain('default');
  });
});

describe('YAML dialect', () => {
  it('reads YAML 1.1 as kubectl does: 0644 is octal, an unquoted yes is a boolean', () => {
    const s = parseScenario(
      `${POD_HEAD}spec:\n  volumes:\n    - name: cfg\n      configMap: {name: cfg, defaultMode: 0644}\n  containers: [{name: a, image: nginx}]\n`,
      'x.yaml',
    );
    expect(JSON.stringify(s.objects[0])).toContain('"defaultMode":420');
    expect(scenarioError(`${POD_HEAD}  labels:\n    canary: yes\nspec:\n  containers: [{name: a, image: nginx}]\n`).message).toBe(
      'fixtures/bad.yaml:6:13: metadata.labels[canary]: must be a string, not a boolean: put the value in quotes',
    );
  });
});
