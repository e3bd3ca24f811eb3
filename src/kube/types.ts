// Kubernetes objects as they travel on the wire (JSON), typed from the models that
// @kubernetes/client-node ships. client-node's classes use Date for timestamps because
// its serializer converts them; on the wire and in our store they are RFC 3339 strings,
// so Wire<T> maps every Date to string. Type-only imports: nothing is loaded at run time.
import type {
  CoreV1Event,
  V1ConfigMap,
  V1Container,
  V1ControllerRevision,
  V1ContainerState,
  V1ContainerStatus,
  V1CronJob,
  V1DaemonSet,
  V1DeleteOptions,
  V1Deployment,
  V1Job,
  V1Lease,
  V1Namespace,
  V1Node,
  V1ObjectMeta,
  V1OwnerReference,
  V1PersistentVolume,
  V1PersistentVolumeClaim,
  V1Pod,
  V1PodCondition,
  V1PodSpec,
  V1PodStatus,
  V1PodTemplateSpec,
  V1Probe,
  V1ReplicaSet,
  V1Secret,
  V1Service,
  V1Endpoints,
  V1EndpointAddress,
  V1EndpointSlice,
  V1ServiceAccount,
  V1StatefulSet,
  V1StorageClass,
  V1Status,
  V1Taint,
  V1Toleration,
} from '@kubernetes/client-node';

export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type ObjectMeta = Wire<V1ObjectMeta>;
export type OwnerReference = Wire<V1OwnerReference>;
export type Pod = Wire<V1Pod>;
export type PodSpec = Wire<V1PodSpec>;
export type PodStatus = Wire<V1PodStatus>;
export type PodCondition = Wire<V1PodCondition>;
export type PodTemplateSpec = Wire<V1PodTemplateSpec>;
export type Container = Wire<V1Container>;
export type ContainerStatus = Wire<V1ContainerStatus>;
export type ContainerState = Wire<V1ContainerState>;
export type Probe = Wire<V1Probe>;
export type Event = Wire<CoreV1Event>;
export type Node = Wire<V1Node>;
export type Taint = Wire<V1Taint>;
export type Toleration = Wire<V1Toleration>;
export type Namespace = Wire<V1Namespace>;
export type Deployment = Wire<V1Deployment>;
export type ReplicaSet = Wire<V1ReplicaSet>;
export type Job = Wire<V1Job>;
export type StatefulSet = Wire<V1StatefulSet>;
export type DaemonSet = Wire<V1DaemonSet>;
export type CronJob = Wire<V1CronJob>;
export type ConfigMap = Wire<V1ConfigMap>;
export type ControllerRevision = Wire<V1ControllerRevision>;
export type Secret = Wire<V1Secret>;
export type ServiceAccount = Wire<V1ServiceAccount>;
export type Service = Wire<V1Service>;
export type Endpoints = Wire<V1Endpoints>;
export type EndpointAddress = Wire<V1EndpointAddress>;
export type EndpointSlice = Wire<V1EndpointSlice>;
export type Lease = Wire<V1Lease>;
export type PersistentVolumeClaim = Wire<V1PersistentVolumeClaim>;
export type PersistentVolume = Wire<V1PersistentVolume>;
export type StorageClass = Wire<V1StorageClass>;
export type Status = Wire<V1Status>;
export type DeleteOptions = Wire<V1DeleteOptions>;

/** Every kind the simulator stores, mapped to its wire type. */
export interface KindMap {
  Namespace: Namespace;
  Node: Node;
  Pod: Pod;
  Event: Event;
  Deployment: Deployment;
  ReplicaSet: ReplicaSet;
  Job: Job;
  StatefulSet: StatefulSet;
  DaemonSet: DaemonSet;
  CronJob: CronJob;
  ConfigMap: ConfigMap;
  ControllerRevision: ControllerRevision;
  Secret: Secret;
  ServiceAccount: ServiceAccount;
  Service: Service;
  Endpoints: Endpoints;
  EndpointSlice: EndpointSlice;
  Lease: Lease;
  PersistentVolumeClaim: PersistentVolumeClaim;
  PersistentVolume: PersistentVolume;
  StorageClass: StorageClass;
}
export type Kind = keyof KindMap;
export type AnyObject = KindMap[Kind];

/** The minimum every stored object has. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent<T = KubeObject> {
  type: WatchEventType;
  object: T;
}
