// Believable worker nodes, shaped like a kind cluster's (containerd, Debian node image): what
// `kubectl get nodes -o wide` and `describe node` would show for a fresh, healthy node.
import { rfc3339 } from '../kube/duration.js';
import { FNV32_OFFSET, fnv32aStep, fnv32aText } from '../kube/fnv.js';
import { memoryBytes } from '../kube/quantity.js';
import type { Node, Taint } from '../kube/types.js';
import { SIM_KUBERNETES_VERSION } from '../kube/version.js';

export interface NodeOptions {
  /** CPU capacity (allocatable equals it: no kube/system reservations). Default "4". */
  cpu?: string;
  /** Memory capacity; allocatable is 100Mi less (the default hard eviction threshold). Default ~7.8Gi. */
  memory?: string;
  /** Pod capacity. Default 110. */
  pods?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
  /** Epoch ms for the conditions' heartbeat and transition times; omitted when not given. */
  now?: number;
}

const EVICTION_HARD_MEMORY = 100 * 1024 * 1024;
/** What a VM sold as 8 GB reports: a little under 8Gi once the kernel has taken its share. */
const DEFAULT_MEMORY = '8152940Ki';
const EPHEMERAL_CAPACITY_KI = 102626232;

/** A stable hex string from a name, for machine ids that do not change between runs. */
function stableHex(seed: string, length: number): string {
  let h = FNV32_OFFSET;
  let out = '';
  while (out.length < length) {
    h = fnv32aStep(fnv32aText(seed, h), out.length);
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

function uuidFrom(seed: string): string {
  const h = stableHex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function allocatableMemory(capacity: string): string {
  const bytes = memoryBytes(capacity) - EVICTION_HARD_MEMORY;
  return `${Math.floor(Math.max(0, bytes) / 1024)}Ki`;
}

/** Octets for the n-th address in a /16, so large benches still get valid addresses. */
function octets(n: number): string {
  return `${(n >> 8) & 255}.${n & 255}`;
}

export function makeNode(name: string, index: number, options: NodeOptions = {}): Node {
  const cpu = options.cpu ?? '4';
  const memory = options.memory ?? DEFAULT_MEMORY;
  const pods = String(options.pods ?? 110);
  const ephemeralCapacity = `${EPHEMERAL_CAPACITY_KI}Ki`;
  // nodefs.available<10%: allocatable ephemeral storage is 90 % of capacity, printed in bytes.
  const ephemeralAllocatable = String(Math.floor(EPHEMERAL_CAPACITY_KI * 1024 * 0.9));
  const podCIDR = `10.${244 + (index >> 8)}.${index & 255}.0/24`;
  const time = options.now === undefined ? undefined : rfc3339(options.now);
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    reason,
    message,
    ...(time ? { lastHeartbeatTime: time, lastTransitionTime: time } : {}),
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...options.labels,
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR,
      podCIDRs: [podCIDR],
      providerID: `kind://docker/sim/${name}`,
      ...(options.taints?.length ? { taints: options.taints.map((t) => ({ ...t })) } : {}),
    },
    status: {
      capacity: {
        cpu,
        'ephemeral-storage': ephemeralCapacity,
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory,
        pods,
      },
      allocatable: {
        cpu,
        'ephemeral-storage': ephemeralAllocatable,
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: allocatableMemory(memory),
        pods,
      },
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: `172.18.${octets(index + 2)}` },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: uuidFrom(`${name}/boot`),
        containerRuntimeVersion: 'containerd://2.1.1',
        kernelVersion: '6.8.0-60-generic',
        kubeProxyVersion: '',
        kubeletVersion: SIM_KUBERNETES_VERSION,
        machineID: stableHex(`${name}/machine`, 32),
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: uuidFrom(`${name}/system`),
      },
    },
  };
}

export const DEFAULT_NODE_NAMES = ['sim-node-1', 'sim-node-2', 'sim-node-3'] as const;

/** The three worker nodes a scenario without Node objects runs on (indexes 0–2: 10.244.0-2.0/24, 172.18.0.2-4). */
export function defaultNodes(now?: number): Node[] {
  return DEFAULT_NODE_NAMES.map((name, i) => makeNode(name, i, { now }));
}
