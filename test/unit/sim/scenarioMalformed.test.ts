// Malformed scenarios end in the apiserver's words at file:line:col (issue 12, item 13; issue 9's
// containerPort: notanumber): wrong JSON types as its decoder names them, negative counts and
// unparseable cron schedules as its validation does.
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../../src/sim/scenario/index.js';

const pod = (spec: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}\n`;
const deployment = (replicas: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: c, image: i}]\n`;
const cronJob = (schedule: string): string =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: ${schedule}\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: i}]\n`;

function errorOf(text: string): string {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as Error).message;
  }
  throw new Error('the scenario was accepted');
}

describe('malformed scenarios', () => {
  it('a null quantity decodes as zero, as resource.Quantity does, instead of failing validation with a TypeError', () => {
    const text = pod('  containers:\n  - name: c\n    image: i\n    resources: {limits: {cpu: null}}');
    expect(() => parseScenario(text, 'ok.yaml')).not.toThrow();
  });

  it.each([
    [
      'containerPort: notanumber',
      pod('  containers:\n  - name: c\n    image: i\n    ports:\n    - containerPort: notanumber'),
      'bad.yaml:10:22: spec.containers[0].ports[0].containerPort: Invalid value: "notanumber": json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    ],
    [
      'replicas: three',
      deployment('three'),
      'bad.yaml:6:13: spec.replicas: Invalid value: "three": json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    ['replicas: -1', deployment('-1'), 'bad.yaml:6:13: spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    ['a garbage schedule', cronJob('garbage'), 'bad.yaml:6:13: spec.schedule: Invalid value: "garbage": expected exactly 5 fields, found 1: [garbage]'],
    ['a minute out of range', cronJob("'61 * * * *'"), 'bad.yaml:6:13: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61'],
    [
      'containers as a mapping',
      pod('  containers: {a: 1}'),
      'bad.yaml:6:3: spec.containers: Invalid value: map[string]string{"a":1}: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container',
    ],
    [
      'ownerReferences as a string',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  ownerReferences: x\nspec:\n  containers: [{name: c, image: i}]\n',
      'bad.yaml:5:20: metadata.ownerReferences: Invalid value: "x": json: cannot unmarshal string into Go struct field ObjectMeta.metadata.ownerReferences of type []v1.OwnerReference',
    ],
    [
      'an alias before its anchor',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: *missing\nspec:\n  containers: [{name: c, image: i}]\n',
      'bad.yaml:4:9: YAML error: Unresolved alias (the anchor must be set before the alias): missing',
    ],
    [
      'a probe whose httpGet is true',
      pod('  containers:\n  - name: c\n    image: i\n    livenessProbe: {httpGet: true}'),
      'bad.yaml:9:30: spec.containers[0].livenessProbe.httpGet: Invalid value: true: json: cannot unmarshal bool into Go struct field Probe.spec.containers.livenessProbe.httpGet of type v1.HTTPGetAction',
    ],
  ])('%s', (_what, text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});
