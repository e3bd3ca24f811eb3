// kube-controller-manager in miniature: every workload controller, the garbage collector, and
// the controllers that handle lost nodes (node lifecycle, taint eviction, PodGC).
import type { Component, SimContext } from '../context.js';
import { CronJobController } from './cronJob.js';
import { DaemonSetController } from './daemonSet.js';
import { DeploymentController } from './deployment.js';
import { GarbageCollector } from './garbageCollector.js';
import { JobController } from './job.js';
import { NodeLifecycleController } from './nodeLifecycle.js';
import { PersistentVolumeController } from './persistentVolume.js';
import { PodGCController } from './podGC.js';
import { StorageProtectionController } from './storageProtection.js';
import { VolumeProvisioner } from './volumeProvisioner.js';
import { ReplicaSetController } from './replicaSet.js';
import { EndpointsController } from './endpoints.js';
import { EndpointSliceController } from './endpointSlices.js';
import { KubernetesServiceController } from './kubernetesService.js';
import { LoadBalancerController } from './loadBalancer.js';
import { RootCaPublisher } from './rootCaPublisher.js';
import { ServiceAccountsController } from './serviceAccounts.js';
import { StatefulSetController } from './statefulSet.js';
import { TaintEvictionController } from './taintEviction.js';

export { CronJobController } from './cronJob.js';
export { CronParseError, CronSchedule } from './cron.js';
export { DaemonSetController } from './daemonSet.js';
export { DeploymentController } from './deployment.js';
export { GarbageCollector } from './garbageCollector.js';
export { JobController } from './job.js';
export { NodeLifecycleController } from './nodeLifecycle.js';
export { PersistentVolumeController } from './persistentVolume.js';
export { PodGCController } from './podGC.js';
export { StorageProtectionController } from './storageProtection.js';
export { VolumeProvisioner } from './volumeProvisioner.js';
export { TaintEvictionController } from './taintEviction.js';
export { ReplicaSetController } from './replicaSet.js';
export { RootCaPublisher, ROOT_CA_CONFIG_MAP } from './rootCaPublisher.js';
export { ServiceAccountsController } from './serviceAccounts.js';
export { StatefulSetController } from './statefulSet.js';

export interface ControllerOptions {
  /** The CA bundle the root-ca-cert-publisher puts in every namespace (sim serve's CA). */
  rootCaPem?: string;
}

export function createControllers(ctx: SimContext, options: ControllerOptions = {}): Component[] {
  return [
    new RootCaPublisher(ctx, options.rootCaPem),
    new DeploymentController(ctx),
    new ReplicaSetController(ctx),
    new StatefulSetController(ctx),
    new DaemonSetController(ctx),
    new JobController(ctx),
    new CronJobController(ctx),
    new GarbageCollector(ctx),
    new ServiceAccountsController(ctx),
    new KubernetesServiceController(ctx),
    new EndpointsController(ctx),
    new EndpointSliceController(ctx),
    new LoadBalancerController(ctx),
    new NodeLifecycleController(ctx),
    new TaintEvictionController(ctx),
    new PodGCController(ctx),
    new PersistentVolumeController(ctx),
    new VolumeProvisioner(ctx),
    new StorageProtectionController(ctx),
  ];
}
