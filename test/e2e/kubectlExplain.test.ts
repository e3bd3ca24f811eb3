// kubectl explain reads the kinds' OpenAPI v3 schemas, generated from client-node's models:
// the GVK header, a field's type and description, and the fields below it.
import { afterEach, describe, expect, it } from 'vitest';
import { KUBECTL } from './helpers/parity.js';
import { closeStartedHarnesses, Harness, kubectlAvailable } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();

afterEach(closeStartedHarnesses);

describe.runIf(haveKubectl).sequential('kubectl explain against sim serve', () => {
  it.each([KUBECTL, 'kubectl'])('%s explain pod.spec.containers, deployment.spec.replicas and a grouped kind', async (binary) => {
    const h = await Harness.start({ scenario: 'default' });
    const k = (args: string[]) => h.kubectl(args, undefined, binary);
    const containers = await k(['explain', 'pod.spec.containers']);
    expect(containers.stderr).toBe('');
    const out = containers.stdout;
    expect(out.startsWith('KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <[]Container>\n\n\nDESCRIPTION:\n')).toBe(true);
    expect(out).toContain('    List of containers belonging to the pod. Containers cannot currently be\n');
    expect(out).toContain('\nFIELDS:\n  args\t<[]string>\n    Arguments to the entrypoint.');
    expect(out).toContain('\n  name\t<string> -required-\n    Name of the container specified as a DNS_LABEL.');
    expect(out).toContain('\n  ports\t<[]ContainerPort>\n');
    expect(out).toContain('\n  resources\t<ResourceRequirements>\n    ResourceRequirements describes the compute resource requirements.\n');

    const replicas = await k(['explain', 'deployment.spec.replicas']);
    expect(replicas.stderr).toBe('');
    expect(replicas.stdout).toMatch(/^GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n\n\nDESCRIPTION:\n    Number of desired pods\./);

    const cm = await k(['explain', 'configmap']);
    expect(cm.stderr).toBe('');
    expect(cm.stdout).toContain('\n  data\t<map[string]string>\n');

    const missing = await k(['explain', 'pod.spec.nope']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toBe('error: field "nope" does not exist\n');
  });
});
