import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/kube/apiError.js';
import type { Kind, KindMap, Pod } from '../../../src/kube/types.js';
import type { AdmissionContext } from '../../../src/sim/api.js';
import { ManualClock } from '../../../src/sim/clock.js';
import { createAdmission, defaultPullPolicy } from '../../../src/sim/admission/index.js';
import { Random } from '../../../src/sim/random.js';
import { Store } from '../../../src/sim/store.js';

function ctx(seed = 1): AdmissionContext {
  const clock = new ManualClock();
  return { now: clock.now(), random: new Random(seed), store: new Store(clock, new Random(99)) };
}

function admit<K extends Kind>(kind: K, obj: KindMap[K], seed = 1): KindMap[K] {
  return createAdmission().admit(kind, obj, ctx(seed));
}

const minimalPod = (): Pod => ({
  metadata: { name: 'nginx', namespace: 'default' },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
});

describe('pod defaults', () => {
  it('fills a minimal pod exactly as a 1.33 apiserver does', () => {
    expect(admit('Pod', minimalPod())).toEqual({
      metadata: { name: 'nginx', namespace: 'default' },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.27',
            imagePullPolicy: 'IfNotPresent',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            resources: {},
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            volumeMounts: [{ name: 'kube-api-access-vbs99', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
          },
        ],
        dnsPolicy: 'ClusterFirst',
        enableServiceLinks: true,
        preemptionPolicy: 'PreemptLowerPriority',
        priority: 0,
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: {},
        serviceAccount: 'default',
        serviceAccountName: 'default',
        terminationGracePeriodSeconds: 30,
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        ],
        volumes: [
          {
            name: 'kube-api-access-vbs99',
            projected: {
              defaultMode: 420,
              sources: [
                { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
                { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
                { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
              ],
            },
          },
        ],
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    });
  });

  it('does not touch the caller object', () => {
    const input = minimalPod();
    const before = JSON.stringify(input);
    admit('Pod', input);
    expect(JSON.stringify(input)).toBe(before);
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v2', 'IfNotPresent'],
    ['nginx@sha256:0123456789abcdef', 'IfNotPresent'],
  ])('imagePullPolicy for %s is %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  it('defaults requests from limits, probes, env field refs and volumes; QoS follows', () => {
    const pod = admit('Pod', {
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }, { name: 'scratch' }],
        initContainers: [{ name: 'init', image: 'busybox' }],
        containers: [
          {
            name: 'db',
            image: 'mysql:8.4',
            resources: { limits: { cpu: '500m', memory: '128Mi' } },
            env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
            livenessProbe: { httpGet: { port: 8080 } },
            readinessProbe: { tcpSocket: { port: 3306 }, periodSeconds: 5 },
          },
        ],
      },
    });
    const c = pod.spec!.containers[0]!;
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '500m', memory: '128Mi' } });
    expect(c.livenessProbe).toEqual({
      httpGet: { port: 8080, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 3306 }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 });
    expect(c.env![0]!.valueFrom!.fieldRef!.apiVersion).toBe('v1');
    expect(pod.spec!.volumes!.slice(0, 2)).toEqual([
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
      { name: 'scratch', emptyDir: {} },
    ]);
    // The init container is defaulted and gets the token mount too.
    expect(pod.spec!.initContainers![0]!.imagePullPolicy).toBe('Always');
    expect(pod.spec!.initContainers![0]!.volumeMounts![0]!.mountPath).toBe('/var/run/secrets/kubernetes.io/serviceaccount');
    // The init container has no resources, so the pod is not Guaranteed.
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'Burstable' });
  });

  it('computes Guaranteed when every container has equal cpu and memory limits', () => {
    const pod = admit('Pod', {
      metadata: { name: 'g', namespace: 'default' },
      spec: { containers: [{ name: 'a', image: 'nginx:1', resources: { limits: { cpu: '1', memory: '1Gi' } } }] },
    });
    expect(pod.status!.qosClass).toBe('Guaranteed');
  });

  it('keeps an explicit service account, skips the token when automount is off, keeps own tolerations', () => {
    const pod = admit('Pod', {
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        serviceAccountName: 'builder',
        automountServiceAccountToken: false,
        tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }],
        containers: [{ name: 'a', image: 'nginx:1' }],
      },
    });
    expect(pod.spec!.serviceAccount).toBe('builder');
    expect(pod.spec!.volumes).toBeUndefined();
    expect(pod.spec!.containers[0]!.volumeMounts).toBeUndefined();
    expect(pod.spec!.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('resolves the system priority classes and refuses unknown ones', () => {
    const pod = admit('Pod', {
      metadata: { name: 'p', namespace: 'kube-system' },
      spec: { priorityClassName: 'system-node-critical', containers: [{ name: 'a', image: 'nginx:1' }] },
    });
    expect(pod.spec!.priority).toBe(2000001000);
    expect(() =>
      admit('Pod', { metadata: { name: 'p', namespace: 'default' }, spec: { priorityClassName: 'high', containers: [{ name: 'a', image: 'nginx:1' }] } }),
    ).toThrow('pods "p" is forbidden: no PriorityClass with name high was found');
  });
});

describe('workload defaults', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };
  const templateDefaults = {
    metadata: { labels: { app: 'web' } },
    spec: {
      containers: [
        { name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  };

  it('Deployment', () => {
    const d = admit('Deployment', { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template } });
    expect(d.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: templateDefaults,
    });
    expect(d.status).toEqual({});
  });

  it('ReplicaSet, StatefulSet, DaemonSet', () => {
    const base = { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template } };
    expect(admit('ReplicaSet', base).spec!.replicas).toBe(1);
    const sts = admit('StatefulSet', base).spec!;
    expect({ ...sts, template: undefined }).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: undefined,
    });
    const ds = admit('DaemonSet', base).spec!;
    expect(ds.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(ds.revisionHistoryLimit).toBe(10);
    expect(ds.template).toEqual(templateDefaults);
  });

  it('Job: counts, policy, and a generated selector naming its pre-assigned uid', () => {
    const job = admit('Job', {
      metadata: { name: 'hello', namespace: 'default' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'hello', image: 'busybox:1.36' }] } } },
    });
    const uid = job.metadata!.uid!;
    expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'hello', 'controller-uid': uid, 'job-name': 'hello' };
    expect(job.metadata!.labels).toEqual(labels);
    expect(job.spec!.template.metadata!.labels).toEqual(labels);
    expect({ ...job.spec, template: undefined }).toEqual({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template: undefined,
    });
  });

  it('Job keeps its own labels and only sets parallelism when completions is given', () => {
    const job = admit('Job', {
      metadata: { name: 'j', namespace: 'default', labels: { team: 'data' } },
      spec: { completions: 5, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'a', image: 'busybox' }] } } },
    });
    expect(job.metadata!.labels).toEqual({ team: 'data' });
    expect([job.spec!.completions, job.spec!.parallelism]).toEqual([5, 1]);
  });

  it('CronJob and Namespace', () => {
    const cj = admit('CronJob', {
      metadata: { name: 'report', namespace: 'default' },
      spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'a', image: 'busybox' }] } } } } },
    });
    expect([cj.spec!.concurrencyPolicy, cj.spec!.suspend, cj.spec!.successfulJobsHistoryLimit, cj.spec!.failedJobsHistoryLimit]).toEqual(['Allow', false, 3, 1]);
    expect(cj.spec!.jobTemplate.spec!.template.spec!.dnsPolicy).toBe('ClusterFirst');
    expect(admit('Namespace', { metadata: { name: 'shop', labels: { team: 'x' } } })).toEqual({
      metadata: { name: 'shop', labels: { team: 'x', 'kubernetes.io/metadata.name': 'shop' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('leaves Nodes and Events as given', () => {
    const node = { metadata: { name: 'n1' }, status: { capacity: { cpu: '2' } } };
    expect(admit('Node', node)).toEqual(node);
  });
});

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function podWith(spec: Partial<NonNullable<Pod['spec']>>, name = 'p'): Pod {
  return { metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx:1' }], ...spec } };
}

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('validation', () => {
  it.each<[string, () => unknown, string]>([
    ['pod name', () => admit('Pod', podWith({}, 'My_Pod')), `Pod "My_Pod" is invalid: metadata.name: Invalid value: "My_Pod": ${SUBDOMAIN_MSG}`],
    ['namespace name', () => admit('Namespace', { metadata: { name: 'a.b' } }), `Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": ${LABEL_MSG}`],
    ['no containers', () => admit('Pod', podWith({ containers: [] })), 'Pod "p" is invalid: spec.containers: Required value'],
    ['container name missing', () => admit('Pod', podWith({ containers: [{ name: '', image: 'nginx' }] })), 'Pod "p" is invalid: spec.containers[0].name: Required value'],
    [
      'container name format',
      () => admit('Pod', podWith({ containers: [{ name: 'Web', image: 'nginx' }] })),
      `Pod "p" is invalid: spec.containers[0].name: Invalid value: "Web": ${LABEL_MSG}`,
    ],
    [
      'duplicate container name',
      () => admit('Pod', podWith({ containers: [{ name: 'a', image: 'nginx' }, { name: 'a', image: 'redis' }] })),
      'Pod "p" is invalid: spec.containers[1].name: Duplicate value: "a"',
    ],
    [
      'init container named like a container',
      () => admit('Pod', podWith({ initContainers: [{ name: 'app', image: 'busybox' }] })),
      'Pod "p" is invalid: spec.initContainers[0].name: Duplicate value: "app"',
    ],
    ['image missing', () => admit('Pod', podWith({ containers: [{ name: 'a', image: '' }] })), 'Pod "p" is invalid: spec.containers[0].image: Required value'],
    [
      'restartPolicy',
      () => admit('Pod', podWith({ restartPolicy: 'Sometimes' })),
      'Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
    [
      'requests above limits',
      () => admit('Pod', podWith({ containers: [{ name: 'a', image: 'nginx', resources: { requests: { cpu: '1' }, limits: { cpu: '500m' } } }] })),
      'Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
    ],
    [
      'liveness successThreshold',
      () => admit('Pod', podWith({ containers: [{ name: 'a', image: 'nginx', livenessProbe: { httpGet: { port: 80 }, successThreshold: 2 } }] })),
      'Pod "p" is invalid: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    ],
    [
      'probe without handler',
      () => admit('Pod', podWith({ containers: [{ name: 'a', image: 'nginx', readinessProbe: { periodSeconds: 5 } }] })),
      'Pod "p" is invalid: spec.containers[0].readinessProbe: Required value: must specify a handler type',
    ],
    [
      'mount of a missing volume',
      () => admit('Pod', podWith({ containers: [{ name: 'a', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] })),
      'Pod "p" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ],
    [
      'port out of range',
      () => admit('Pod', podWith({ containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 70000 }] }] })),
      'Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ],
    [
      'init container restartPolicy',
      () => admit('Pod', podWith({ initContainers: [{ name: 'i', image: 'busybox', restartPolicy: 'OnFailure' }] })),
      'Pod "p" is invalid: spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ],
    [
      'deployment without selector',
      () => admit('Deployment', { metadata: { name: 'web', namespace: 'default' }, spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } } } } as never),
      'Deployment.apps "web" is invalid: spec.selector: Required value',
    ],
    [
      'selector not matching template',
      () =>
        admit('Deployment', {
          metadata: { name: 'web', namespace: 'default' },
          spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } } },
        }),
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`',
    ],
    [
      'deployment template restartPolicy',
      () =>
        admit('ReplicaSet', {
          metadata: { name: 'web', namespace: 'default' },
          spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'a', image: 'nginx' }] } } },
        }),
      'ReplicaSet.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    [
      'job with the default restartPolicy',
      () => admit('Job', { metadata: { name: 'j', namespace: 'default' }, spec: { template: { spec: { containers: [{ name: 'a', image: 'busybox' }] } } } }),
      'Job.batch "j" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ],
  ])('%s', (_what, fn, message) => {
    const err = errorOf(fn);
    expect(err.code).toBe(422);
    expect(err.message).toBe(message);
  });

  it('lists every problem, with causes the REST layer can return', () => {
    const err = errorOf(() => admit('Pod', podWith({ restartPolicy: 'Sometimes', containers: [{ name: 'a', image: '' }] })));
    expect(err.message).toBe(
      'Pod "p" is invalid: [spec.containers[0].image: Required value, spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]',
    );
    expect(err.details).toEqual({
      name: 'p',
      group: '',
      kind: 'Pod',
      causes: [
        { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' },
        { reason: 'FieldValueNotSupported', message: 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"', field: 'spec.restartPolicy' },
      ],
    });
  });

  it('names the bare kind and the group in details for grouped kinds', () => {
    const err = errorOf(() => admit('Job', { metadata: { name: 'j', namespace: 'default' }, spec: { template: { spec: { containers: [{ name: 'a', image: 'busybox' }] } } } }));
    expect(err.details).toMatchObject({ name: 'j', group: 'batch', kind: 'Job' });
  });
});
