// kube-controller-manager in miniature: every workload controller, the garbage collector, and
// the controllers that handle lost nodes (node lifecycle, taint eviction, PodGC).
import type { Component, SimContext } from '../context.js';
import { CronJobController } from './cronJob.js';
import { DaemonSetController } from './daemonSet.js';
import { DeploymentController } from './deployment.js';
import { GarbageCollector } from './garbageCollector.js';
import { JobController } from './job.js';
import { NodeLifecycleController } from './nodeLifecycle.js';
import { PodGCController } from './podGC.js';
import { ReplicaSetController } from './replicaSet.js';
import { StatefulSetController } from './statefulSet.js';
import { TaintEvictionController } from './taintEviction.js';

export { CronJobController } from './cronJob.js';
export { CronParseError, CronSchedule } from './cron.js';
export { DaemonSetController } from './daemonSet.js';
export { DeploymentController } from './deployment.js';
export { GarbageCollector } from './garbageCollector.js';
export { JobController } from './job.js';
export { NodeLifecycleController } from './nodeLifecycle.js';
export { PodGCController } from './podGC.js';
export { TaintEvictionController } from './taintEviction.js';
export { ReplicaSetController } from './replicaSet.js';
export { StatefulSetController } from './statefulSet.js';

export function createControllers(ctx: SimContext): Component[] {
  return [
    new DeploymentController(ctx),
    new ReplicaSetController(ctx),
    new StatefulSetController(ctx),
    new DaemonSetController(ctx),
    new JobController(ctx),
    new CronJobController(ctx),
    new GarbageCollector(ctx),
    new NodeLifecycleController(ctx),
    new TaintEvictionController(ctx),
    new PodGCController(ctx),
  ];
}
