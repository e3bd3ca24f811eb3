// What the kubelet reads ConfigMaps and Secrets through (its watch-based configMapManager and
// secretManager): an object, or undefined when it does not exist. A missing one is reported
// with the manager's NotFound, whose resource is singular: `configmap "x" not found`.
import type { ConfigMap, PersistentVolumeClaim, Secret, Service } from '../../kube/types.js';
import type { Store } from '../store.js';

export interface ConfigSources {
  configMap(namespace: string, name: string): ConfigMap | undefined;
  secret(namespace: string, name: string): Secret | undefined;
  /** The Services of a namespace (for the service environment variables). */
  services?(namespace: string): Iterable<Service>;
  service?(namespace: string, name: string): Service | undefined;
  /** A PersistentVolumeClaim (the volume manager's populator reads claims from the API server). */
  claim?(namespace: string, name: string): PersistentVolumeClaim | undefined;
}

export function storeConfigSources(store: Store): ConfigSources {
  return {
    configMap: (namespace, name) => store.get('ConfigMap', namespace, name),
    secret: (namespace, name) => store.get('Secret', namespace, name),
    services: (namespace) => store.all('Service', namespace),
    service: (namespace, name) => store.get('Service', namespace, name),
    claim: (namespace, name) => store.get('PersistentVolumeClaim', namespace, name),
  };
}

export const configMapNotFound = (name: string): string => `configmap "${name}" not found`;
export const secretNotFound = (name: string): string => `secret "${name}" not found`;
