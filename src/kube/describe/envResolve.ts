// The values describe shows for env vars taken from the pod (fieldRef) or the container's
// resources (resourceFieldRef), computed client-side the way kubectl 1.33 does.
import { scaledQuantityValue, tryParseQuantity, type Quantity } from '../quantity.js';
import type { Container, Pod } from '../types.js';

interface FieldRef {
  apiVersion?: string;
  fieldPath: string;
}
interface ResourceFieldRef {
  resource: string;
  divisor?: string;
}

/**
 * EnvValueRetriever: kubectl's scheme knows no field-label conversions for Pod, so only the
 * generic metadata.name and metadata.namespace get past ConvertFieldLabel; every other path
 * (status.podIP, spec.nodeName, labels …) shows an empty value.
 */
export function resolveFieldRef(pod: Pod, ref: FieldRef): string {
  switch (ref.fieldPath) {
    case 'metadata.name':
      return pod.metadata?.name ?? '';
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? '';
    default:
      return '';
  }
}

const ONE: Quantity = { nanos: 1_000_000_000n, format: 'DecimalSI' };

function isHugePages(name: string): boolean {
  return name.startsWith('hugepages-');
}

/** ExtractContainerResourceValue, with "node allocatable" for unset cpu/memory limits. */
export function resolveResourceFieldRef(c: Container, ref: ResourceFieldRef): string {
  const divisorQ = ref.divisor !== undefined ? tryParseQuantity(ref.divisor) : undefined;
  const divisor = divisorQ && divisorQ.nanos !== 0n ? divisorQ : ONE;
  const dot = ref.resource.indexOf('.');
  const side = ref.resource.slice(0, dot);
  const name = ref.resource.slice(dot + 1);
  const list = side === 'limits' ? c.resources?.limits : side === 'requests' ? c.resources?.requests : undefined;
  const known = name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || isHugePages(name);
  if (dot < 0 || (side !== 'limits' && side !== 'requests') || !known) return '';
  const raw = list?.[name];
  const value = raw !== undefined ? tryParseQuantity(raw) : undefined;
  // cpu is compared in MilliValue, everything else in Value.
  const scale = name === 'cpu' ? 3 : 0;
  const amount = value ? scaledQuantityValue(value, scale) : 0;
  const result = String(Math.ceil(amount / scaledQuantityValue(divisor, scale)));
  if (result === '0' && (ref.resource === 'limits.cpu' || ref.resource === 'limits.memory')) {
    return 'node allocatable';
  }
  return result;
}
