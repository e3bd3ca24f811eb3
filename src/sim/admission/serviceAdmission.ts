// Services as the apiserver takes them (k/k pkg/apis/core/v1 defaults, pkg/registry/core/
// service: the REST storage's IP and node port allocation, pkg/apis/core/validation
// ValidateService): type ClusterIP by default; a cluster IP from the service CIDR 10.96.0.0/12
// (10.96.0.1 is the `kubernetes` Service's), chosen at random in the upper band as the
// allocator's dynamic allocations are; node ports from 30000–32767 for NodePort and
// LoadBalancer; headless (`clusterIP: None`) and ExternalName get none. Limits: single-stack
// IPv4 only; a requested cluster IP or node port already in use is refused, but the
// validation of every other field (session affinity config, traffic policies, IP families,
// the order-independent duplicate checks) is not modelled beyond what is below.
import type { Service } from '../../kube/types.js';
import type { AdmissionContext } from '../api.js';
import { ApiError } from '../../kube/apiError.js';
import { forbidden, invalidValue, notSupported, required, type FieldError } from './fieldErrors.js';

export const SERVICE_CIDR = '10.96.0.0/12';
/** The `kubernetes` Service's address: the first of the range. */
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
const BASE = (10 << 24) | (96 << 16);
const SIZE = 1 << 20;
/** The static band (requested addresses): min(max(16, size/16), 256) at the bottom. */
const STATIC_BAND = Math.min(Math.max(16, Math.floor(SIZE / 16)), 256);
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;
const NODE_PORT_STATIC = Math.min(Math.max(16, Math.floor((NODE_PORT_MAX - NODE_PORT_MIN + 1) / 32)), 128);

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function ipOf(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function inRange(ip: string): boolean {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return false;
  const n = ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
  return n > BASE && n < BASE + SIZE - 1;
}

function usedClusterIPs(ctx: AdmissionContext): Set<string> {
  const used = new Set<string>();
  for (const s of ctx.store.all('Service')) for (const ip of s.spec?.clusterIPs ?? []) used.add(ip);
  return used;
}

function usedNodePorts(ctx: AdmissionContext): Set<number> {
  const used = new Set<number>();
  for (const s of ctx.store.all('Service')) for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  return used;
}

function allocateIP(ctx: AdmissionContext, used: Set<string>): string {
  const dynamic = SIZE - 2 - STATIC_BAND;
  const start = ctx.random.int(dynamic);
  for (let i = 0; i < dynamic; i++) {
    const ip = ipOf(BASE + 1 + STATIC_BAND + ((start + i) % dynamic));
    if (!used.has(ip)) return ip;
  }
  throw new ApiError(500, 'InternalError', 'Internal error occurred: failed to allocate a serviceIP: range is full');
}

function allocateNodePort(ctx: AdmissionContext, used: Set<number>): number {
  const size = NODE_PORT_MAX - NODE_PORT_MIN + 1 - NODE_PORT_STATIC;
  const start = ctx.random.int(size);
  for (let i = 0; i < size; i++) {
    const port = NODE_PORT_MIN + NODE_PORT_STATIC + ((start + i) % size);
    if (!used.has(port)) return port;
  }
  throw new ApiError(500, 'InternalError', 'Internal error occurred: failed to allocate a nodePort: range is full');
}

const isHeadless = (svc: Service): boolean => svc.spec?.clusterIP === 'None';

/** SetDefaults_Service and the REST storage's allocations; returns the validation errors. */
export function defaultAndValidateService(svc: Service, ctx: AdmissionContext): FieldError[] {
  const spec = (svc.spec ??= {});
  spec.type ??= 'ClusterIP';
  const errs = validateService(svc);
  if (errs.length > 0) return errs;
  const external = spec.type === 'ExternalName';
  if (!external) {
    spec.sessionAffinity ??= 'None';
    spec.internalTrafficPolicy ??= 'Cluster';
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
    if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  }
  for (const p of spec.ports ?? []) {
    p.protocol ??= 'TCP';
    if (!external) p.targetPort ??= p.port;
  }
  if (external) return [];
  if (!spec.clusterIP && spec.clusterIPs?.[0]) spec.clusterIP = spec.clusterIPs[0];
  if (spec.clusterIP && spec.clusterIP !== 'None') {
    if (!inRange(spec.clusterIP)) {
      return [invalidValue('spec.clusterIPs', [spec.clusterIP], `failed to allocate IP ${spec.clusterIP}: provided IP is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`)];
    }
    if (usedClusterIPs(ctx).has(spec.clusterIP)) {
      return [invalidValue('spec.clusterIPs', [spec.clusterIP], `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`)];
    }
  } else if (!spec.clusterIP) {
    spec.clusterIP = allocateIP(ctx, usedClusterIPs(ctx));
  }
  spec.clusterIPs = [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  if (spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false)) {
    const used = usedNodePorts(ctx);
    for (const [i, p] of (spec.ports ?? []).entries()) {
      if (p.nodePort) {
        if (used.has(p.nodePort)) return [invalidValue(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated')];
        if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
          return [invalidValue(`spec.ports[${i}].nodePort`, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`)];
        }
      } else {
        p.nodePort = allocateNodePort(ctx, used);
      }
      used.add(p.nodePort);
    }
  }
  return [];
}

export function validateService(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const spec = svc.spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  if (!TYPES.includes(type)) errs.push(notSupported('spec.type', type, TYPES));
  const ports = spec.ports ?? [];
  if (ports.length === 0 && !isHeadless(svc) && type !== 'ExternalName') errs.push(required('spec.ports'));
  if (type === 'ExternalName') {
    if (!spec.externalName) errs.push(required('spec.externalName'));
    if (spec.clusterIP) errs.push(forbidden('spec.clusterIP', 'may not be set for ExternalName services'));
  }
  if (type !== 'NodePort' && type !== 'LoadBalancer') {
    for (const [i, p] of ports.entries()) if (p.nodePort) errs.push(forbidden(`spec.ports[${i}].nodePort`, 'may not be used when `type` is \'ClusterIP\''));
  }
  if (isHeadless(svc) && (type === 'NodePort' || type === 'LoadBalancer')) errs.push(invalidValue('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`));
  const names = new Set<string>();
  for (const [i, p] of ports.entries()) {
    const at = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(required(`${at}.name`));
    else if (p.name) {
      if (names.has(p.name)) errs.push({ field: `${at}.name`, reason: 'FieldValueDuplicate', message: `Duplicate value: ${JSON.stringify(p.name)}` });
      names.add(p.name);
    }
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) errs.push(invalidValue(`${at}.port`, p.port ?? 0, 'must be between 1 and 65535, inclusive'));
    if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${at}.protocol`, p.protocol, PROTOCOLS));
    const target = p.targetPort;
    if (typeof target === 'number' && (target < 1 || target > 65535)) errs.push(invalidValue(`${at}.targetPort`, target, 'must be between 1 and 65535, inclusive'));
  }
  return errs;
}

/**
 * The update strategy: a replacement that leaves out the allocated cluster IPs, IP families
 * or node ports keeps them (as the REST storage carries them over); a changed cluster IP is refused.
 */
export function validateServiceUpdate(next: Service, old: Service): FieldError[] {
  const spec = (next.spec ??= {});
  const was = old.spec ?? {};
  const errs: FieldError[] = [];
  if ((spec.type ?? 'ClusterIP') !== 'ExternalName' && (was.type ?? 'ClusterIP') !== 'ExternalName') {
    if (!spec.clusterIP && !spec.clusterIPs) {
      spec.clusterIP = was.clusterIP;
      spec.clusterIPs = was.clusterIPs;
    } else if ((spec.clusterIP ?? spec.clusterIPs?.[0]) !== was.clusterIP) {
      errs.push(invalidValue('spec.clusterIPs[0]', spec.clusterIP ?? spec.clusterIPs?.[0] ?? '', 'may not change once set'));
    }
    spec.ipFamilies ??= was.ipFamilies;
    spec.ipFamilyPolicy ??= was.ipFamilyPolicy;
    spec.type ??= was.type;
    spec.sessionAffinity ??= was.sessionAffinity;
    spec.internalTrafficPolicy ??= was.internalTrafficPolicy;
    for (const p of spec.ports ?? []) {
      const before = was.ports?.find((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      p.protocol ??= 'TCP';
      p.targetPort ??= p.port;
      if (!p.nodePort && before?.nodePort && (spec.type === 'NodePort' || spec.type === 'LoadBalancer')) p.nodePort = before.nodePort;
    }
  }
  errs.push(...validateService(next));
  return errs;
}
