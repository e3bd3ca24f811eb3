// A generated scenario for the end-to-end bench: N pods in Deployments of up to 1,000
// replicas spread over namespaces, 5 % of them crash-looping, on nodes with room for
// 1,000 pods each. Written as YAML that `podscope sim serve --scenario FILE` loads.

export interface ClusterSpec {
  pods: number;
  /** Share of pods whose container exits with code 1 after a few seconds (default 0.05). */
  crashLooping?: number;
}

const PODS_PER_DEPLOYMENT = 1_000;
const PODS_PER_NODE = 1_000;

export function clusterScenario(spec: ClusterSpec): string {
  const crashing = Math.round(spec.pods * (spec.crashLooping ?? 0.05));
  const healthy = spec.pods - crashing;
  const docs: string[] = [];
  const nodes = Math.max(1, Math.ceil(spec.pods / PODS_PER_NODE));
  for (let i = 0; i < nodes; i++) {
    docs.push(`apiVersion: v1
kind: Node
metadata:
  name: bench-node-${String(i + 1).padStart(3, '0')}
status:
  capacity: { cpu: "2000", memory: 4000Gi, pods: "${PODS_PER_NODE + 10}" }`);
  }
  let index = 0;
  const deployments = (count: number, crash: boolean): void => {
    for (let left = count; left > 0; left -= PODS_PER_DEPLOYMENT) {
      const replicas = Math.min(PODS_PER_DEPLOYMENT, left);
      const name = `${crash ? 'crash' : 'web'}-${index}`;
      const annotations = crash ? '\n        sim.podscope.dev/run: "3s"\n        sim.podscope.dev/exit-code: "1"' : '\n        sim.podscope.dev/run: forever';
      docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: team-${index % 10}
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata:
      labels: { app: ${name}, tier: ${crash ? 'worker' : 'web'} }
      annotations:${annotations}
    spec:
      containers:
        - name: app
          image: ${crash ? 'busybox:1.36' : 'nginx:1.27'}
          ports: [{ containerPort: 80 }]
          resources: { requests: { cpu: 10m, memory: 16Mi } }`);
      index++;
    }
  };
  deployments(healthy, false);
  deployments(crashing, true);
  return `${docs.join('\n---\n')}\n`;
}
