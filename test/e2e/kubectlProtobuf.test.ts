// kubectl 1.33, 1.32 and 1.30 send protobuf bodies from their typed clients and never fall back
// to JSON (client-go v0.33 rest/client.go retries as JSON after a 415 only for CBOR). Each
// command below must succeed against `sim serve` with the text a real cluster prints
// (kubectl create's "<resource>.<group>/<name> created"), and what is stored must be what was sent.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { closeStartedHarnesses, Harness, kubectlAvailable } from './helpers/serverHarness.js';

const haveKubectl = kubectlAvailable();
const BINARIES = ['1.33', '1.32', '1.30'].map((v) => ({ v, path: `/usr/lib/google-cloud-sdk/bin/kubectl.${v}` })).filter((b) => existsSync(b.path));

afterEach(closeStartedHarnesses);

describe.runIf(haveKubectl && BINARIES.length > 0).sequential('protobuf request bodies from real kubectl', () => {
  it.each(BINARIES)('kubectl $v creates a deployment, job, cronjob, namespace, a job from a cronjob and a debug copy', async ({ path }) => {
    const h = await Harness.start({ scenario: 'nginx' });
    const k = (args: string[]) => h.kubectl(args, undefined, path);

    expect(await k(['create', 'deployment', 'web', '--image=nginx'])).toEqual({ code: 0, stdout: 'deployment.apps/web created\n', stderr: '' });
    const web = h.sim.store.get('Deployment', 'default', 'web')!;
    expect(web.spec?.replicas).toBe(1);
    expect(web.spec?.selector.matchLabels).toEqual({ app: 'web' });
    expect(web.spec?.template.spec?.containers.map((c) => [c.name, c.image])).toEqual([['nginx', 'nginx']]);

    expect(await k(['create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi'])).toEqual({ code: 0, stdout: 'job.batch/once created\n', stderr: '' });
    const job = h.sim.store.get('Job', 'default', 'once')!;
    expect(job.spec?.template.spec?.restartPolicy).toBe('Never');
    expect(job.spec?.template.spec?.containers[0]?.command).toEqual(['echo', 'hi']);

    expect(await k(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *'])).toEqual({ code: 0, stdout: 'cronjob.batch/tick created\n', stderr: '' });
    expect(h.sim.store.get('CronJob', 'default', 'tick')?.spec?.schedule).toBe('*/5 * * * *');

    expect(await k(['create', 'namespace', 'team'])).toEqual({ code: 0, stdout: 'namespace/team created\n', stderr: '' });
    expect(h.sim.store.get('Namespace', undefined, 'team')).toBeDefined();

    expect(await k(['create', 'job', 'manual', '--from=cronjob/tick'])).toEqual({ code: 0, stdout: 'job.batch/manual created\n', stderr: '' });
    const manual = h.sim.store.get('Job', 'default', 'manual')!;
    expect(manual.metadata?.annotations?.['cronjob.kubernetes.io/instantiate']).toBe('manual');
    expect(manual.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'tick', controller: true });
    expect(manual.spec?.template.spec?.containers[0]?.image).toBe('busybox');

    const debug = await k(['debug', 'nginx', '--copy-to=nginx-debug', '--image=busybox', '--container=debugger']);
    expect(debug.code).toBe(0);
    const copy = h.sim.store.get('Pod', 'default', 'nginx-debug')!;
    expect(copy.spec?.containers.map((c) => c.name)).toEqual(['nginx', 'debugger']);
    const original = h.sim.store.get('Pod', 'default', 'nginx')!;
    // The copy carries the original's defaulted spec through protobuf: ports, volumes, tolerations.
    expect(copy.spec?.containers[0]?.ports).toEqual(original.spec?.containers[0]?.ports);
    expect(copy.spec?.tolerations).toEqual(original.spec?.tolerations);
    expect(copy.spec?.volumes?.map((v) => Object.keys(v).sort())).toEqual(original.spec?.volumes?.map((v) => Object.keys(v).sort()));
  }, 60_000);
});

describe.runIf(haveKubectl && BINARIES.length > 0).sequential('protobuf Secret and Service bodies', () => {
  it.each(BINARIES)('kubectl $v creates a secret and a service', async ({ path }) => {
    const h = await Harness.start({ scenario: 'nginx' });
    const k = (args: string[]) => h.kubectl(args, undefined, path);
    expect(await k(['create', 'secret', 'generic', 'db', '--from-literal=user=admin', '--type=Opaque'])).toEqual({ code: 0, stdout: 'secret/db created\n', stderr: '' });
    const secret = h.sim.store.get('Secret', 'default', 'db')!;
    expect(secret.type).toBe('Opaque');
    expect(secret.data).toEqual({ user: Buffer.from('admin').toString('base64') });
    expect(await k(['create', 'service', 'clusterip', 'web', '--tcp=80:8080'])).toEqual({ code: 0, stdout: 'service/web created\n', stderr: '' });
    const svc = h.sim.store.get('Service', 'default', 'web')!;
    expect(svc.spec?.type).toBe('ClusterIP');
    expect(svc.spec?.selector).toEqual({ app: 'web' });
    expect(svc.spec?.ports).toEqual([{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }]);
    expect(svc.spec?.clusterIP).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect(await k(['create', 'service', 'nodeport', 'np', '--tcp=443:8443', '--node-port=30443'])).toMatchObject({ code: 0, stdout: 'service/np created\n' });
    expect(h.sim.store.get('Service', 'default', 'np')?.spec?.ports?.[0]).toMatchObject({ port: 443, targetPort: 8443, nodePort: 30443 });
  }, 60_000);
});
