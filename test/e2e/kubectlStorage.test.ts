// Storage through the real kubectl 1.33 against `sim serve` (storage fixture, settled 60 s):
// `get` of every kind issue 11 added with -A, `describe pvc/pv/sc` as kubectl's describers
// print them from what the simulator stores, server-side validation of a claim, and a claim
// in use that stays Terminating until its pod is gone.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { closeStartedHarnesses, Harness, kubectlAvailable, tableRows } from './helpers/serverHarness.js';

const K133 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const kubectl = existsSync(K133) ? K133 : 'kubectl';

afterEach(closeStartedHarnesses);

describe.runIf(kubectlAvailable()).sequential('storage against sim serve', () => {
  it('get svc,ep,cm,secret,pvc,pv,sc,sa,lease -A prints each kind with kubectl columns', async () => {
    const h = await Harness.start({ scenario: 'storage', settleMs: 60_000 });
    const r = await h.kubectl(['get', 'svc,ep,cm,secret,pvc,pv,sc,sa,lease', '-A'], undefined, kubectl);
    expect(r.stderr).toBe('');
    const blocks = r.stdout.trim().split(/\n(?=NAMESPACE)/).map((b) => tableRows(b));
    const headers = blocks.map((rows) => rows[0]!.join('|'));
    expect(headers).toEqual([
      'NAMESPACE|NAME|TYPE|CLUSTER-IP|EXTERNAL-IP|PORT(S)|AGE',
      'NAMESPACE|NAME|ENDPOINTS|AGE',
      'NAMESPACE|NAME|DATA|AGE',
      'NAMESPACE|NAME|STATUS|VOLUME|CAPACITY|ACCESS MODES|STORAGECLASS|VOLUMEATTRIBUTESCLASS|AGE',
      'NAMESPACE|NAME|CAPACITY|ACCESS MODES|RECLAIM POLICY|STATUS|CLAIM|STORAGECLASS|VOLUMEATTRIBUTESCLASS|REASON|AGE',
      'NAMESPACE|NAME|PROVISIONER|RECLAIMPOLICY|VOLUMEBINDINGMODE|ALLOWVOLUMEEXPANSION|AGE',
      'NAMESPACE|NAME|SECRETS|AGE',
      'NAMESPACE|NAME|HOLDER|AGE',
    ]);
    const pvc = h.sim.store.get('PersistentVolumeClaim', 'default', 'data-db-0')!;
    const claims = new Map(blocks[3]!.slice(1).map((row) => [row[1], row]));
    expect(claims.get('persistentvolumeclaim/data-db-0')!.slice(0, 8)).toEqual(['default', 'persistentvolumeclaim/data-db-0', 'Bound', pvc.spec!.volumeName, '1Gi', 'RWO', 'standard', '<unset>']);
    expect(claims.get('persistentvolumeclaim/scratch')!.slice(2, 4)).toEqual(['Pending', 'standard']);
    expect(claims.get('persistentvolumeclaim/archive')!.slice(2, 7)).toEqual(['Bound', 'archive-pv', '5Gi', 'RWO,ROX', '<unset>']);
    // Cluster-scoped kinds print an empty NAMESPACE cell (the split's first, empty, cell).
    const volumes = new Map(blocks[4]!.slice(1).map((row) => [row[1], row.slice(1)]));
    expect(volumes.get('persistentvolume/archive-pv')!.slice(0, 7)).toEqual(['persistentvolume/archive-pv', '5Gi', 'RWO,ROX', 'Retain', 'Bound', 'default/archive', '<unset>']);
    expect(volumes.get(`persistentvolume/${pvc.spec!.volumeName}`)!.slice(1, 8)).toEqual(['1Gi', 'RWO', 'Delete', 'Bound', 'default/data-db-0', 'standard', '<unset>']);
    expect(blocks[5]!.slice(1).map((row) => row.slice(1, 6))).toEqual([
      ['storageclass.storage.k8s.io/fast-ssd', 'ebs.csi.aws.com', 'Delete', 'Immediate', 'true'],
      ['storageclass.storage.k8s.io/standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', 'false'],
    ]);
    expect(blocks[7]!.slice(1).map((row) => row.slice(0, 3))).toEqual([
      ['kube-node-lease', 'lease.coordination.k8s.io/sim-node-1', 'sim-node-1'],
      ['kube-node-lease', 'lease.coordination.k8s.io/sim-node-2', 'sim-node-2'],
      ['kube-node-lease', 'lease.coordination.k8s.io/sim-node-3', 'sim-node-3'],
    ]);
  }, 60_000);

  it('describe pvc, pv and sc print what a 1.33 cluster with the local-path provisioner prints', async () => {
    const h = await Harness.start({ scenario: 'storage', settleMs: 60_000 });
    const pvc = h.sim.store.get('PersistentVolumeClaim', 'default', 'data-db-0')!;
    const volume = pvc.spec!.volumeName!;
    const node = pvc.metadata!.annotations!['volume.kubernetes.io/selected-node']!;
    const claim = await h.kubectl(['describe', 'pvc', 'data-db-0'], undefined, kubectl);
    expect(claim.stderr).toBe('');
    const [head, eventsText] = claim.stdout.split('Events:\n');
    expect(head).toBe(
      [
        'Name:          data-db-0',
        'Namespace:     default',
        'StorageClass:  standard',
        'Status:        Bound',
        `Volume:        ${volume}`,
        'Labels:        app=db',
        'Annotations:   pv.kubernetes.io/bind-completed: yes',
        '               pv.kubernetes.io/bound-by-controller: yes',
        '               volume.beta.kubernetes.io/storage-provisioner: rancher.io/local-path',
        `               volume.kubernetes.io/selected-node: ${node}`,
        '               volume.kubernetes.io/storage-provisioner: rancher.io/local-path',
        'Finalizers:    [kubernetes.io/pvc-protection]',
        'Capacity:      1Gi',
        'Access Modes:  RWO',
        'VolumeMode:    Filesystem',
        'Used By:       db-0',
        '',
      ].join('\n'),
    );
    const reasons = tableRows(eventsText!).slice(2).map((row) => [row[1], row[2], row[4]]);
    expect(reasons).toEqual([
      ['Normal', 'WaitForPodScheduled', 'persistentvolume-controller'],
      ['Normal', 'ExternalProvisioning', 'persistentvolume-controller'],
      ['Normal', 'Provisioning', expect.stringMatching(/^rancher\.io\/local-path_local-path-provisioner-7577fdbbfb-bqzhs_[0-9a-f-]{36}$/)],
      ['Normal', 'ProvisioningSucceeded', expect.stringMatching(/^rancher\.io\/local-path_/)],
    ]);
    expect(eventsText).toContain(`Successfully provisioned volume ${volume}`);

    const pv = await h.kubectl(['describe', 'pv', volume], undefined, kubectl);
    expect(pv.stderr).toBe('');
    expect(pv.stdout).toBe(
      [
        `Name:              ${volume}`,
        'Labels:            <none>',
        `Annotations:       local.path.provisioner/selected-node: ${node}`,
        '                   pv.kubernetes.io/provisioned-by: rancher.io/local-path',
        'Finalizers:        [kubernetes.io/pv-protection]',
        'StorageClass:      standard',
        'Status:            Bound',
        'Claim:             default/data-db-0',
        'Reclaim Policy:    Delete',
        'Access Modes:      RWO',
        'VolumeMode:        Filesystem',
        'Capacity:          1Gi',
        'Node Affinity:     ',
        '  Required Terms:  ',
        `    Term 0:        kubernetes.io/hostname in [${node}]`,
        'Message:           ',
        'Source:',
        '    Type:          HostPath (bare host directory volume)',
        `    Path:          /var/local-path-provisioner/${volume}_default_data-db-0`,
        '    HostPathType:  DirectoryOrCreate',
        'Events:            <none>',
        '',
      ].join('\n'),
    );

    const sc = await h.kubectl(['describe', 'sc', 'standard'], undefined, kubectl);
    expect(sc.stdout).toBe(
      [
        'Name:                  standard',
        'IsDefaultClass:        Yes',
        'Annotations:           storageclass.kubernetes.io/is-default-class=true',
        'Provisioner:           rancher.io/local-path',
        'Parameters:            <none>',
        'AllowVolumeExpansion:  <unset>',
        'MountOptions:          <none>',
        'ReclaimPolicy:         Delete',
        'VolumeBindingMode:     WaitForFirstConsumer',
        'Events:                <none>',
        '',
      ].join('\n'),
    );

    const pending = await h.kubectl(['describe', 'pvc', 'cache'], undefined, kubectl);
    expect(pending.stdout).toContain('Status:        Pending\n');
    expect(pending.stdout).toContain('Used By:       cache-warmer\n');
    expect(pending.stdout).toMatch(
      /Normal {2}ExternalProvisioning {2}\S+ \(x\d+ over \S+\) {2}persistentvolume-controller {2}Waiting for a volume to be created either by the external provisioner 'ebs\.csi\.aws\.com' or manually by the system administrator\. If volume creation is delayed, please verify that the provisioner is running and correctly registered\.\n/,
    );
  }, 60_000);

  it('refuses an invalid claim with the apiserver 422; a claim in use stays Terminating until its pod is gone', async () => {
    const h = await Harness.start({ scenario: 'storage', settleMs: 60_000 });
    const bad = await h.kubectl(['create', '-f', '-'], 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: x}\nspec: {accessModes: [ReadWriteOnce]}\n', kubectl);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe('The PersistentVolumeClaim "x" is invalid: spec.resources[storage]: Required value\n');

    const reader = 'apiVersion: v1\nkind: Pod\nmetadata: {name: reader}\nspec:\n  containers: [{name: c, image: busybox:1.36, command: [sleep, "3600"]}]\n  volumes: [{name: s, persistentVolumeClaim: {claimName: scratch}}]\n';
    expect((await h.kubectl(['create', '-f', '-'], reader, kubectl)).stdout).toBe('pod/reader created\n');
    h.clock.advance(10_000);
    expect(h.sim.store.get('PersistentVolumeClaim', 'default', 'scratch')?.status?.phase).toBe('Bound');
    const del = await h.kubectl(['delete', 'pvc', 'scratch', '--wait=false'], undefined, kubectl);
    expect(del.stdout).toBe('persistentvolumeclaim "scratch" deleted\n');
    h.clock.advance(5_000);
    const rows = tableRows((await h.kubectl(['get', 'pvc', 'scratch'], undefined, kubectl)).stdout);
    expect(rows[1]!.slice(0, 2)).toEqual(['scratch', 'Terminating']);
    await h.kubectl(['delete', 'pod', 'reader', '--grace-period=0', '--force'], undefined, kubectl);
    h.clock.advance(5_000);
    const gone = await h.kubectl(['get', 'pvc', 'scratch'], undefined, kubectl);
    expect(gone.stderr).toBe('Error from server (NotFound): persistentvolumeclaims "scratch" not found\n');
  }, 60_000);
});
