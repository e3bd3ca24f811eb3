// The kubeconfig `podscope sim serve` writes, so kubectl and podscope reach the simulator.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';

export const SIM_NAME = 'podscope-sim';

export function defaultKubeconfigPath(): string {
  return join(homedir(), '.podscope', 'sim-kubeconfig');
}

export interface KubeconfigInput {
  server: string;
  token: string;
  /** PEM of the CA that signed the serving certificate; without it TLS is not verified. */
  caPem?: string;
}

export function kubeconfigYaml(input: KubeconfigInput): string {
  const cluster: Record<string, unknown> = { server: input.server };
  // client-node refuses plain http:// unless the cluster entry says to skip TLS verification.
  if (input.caPem) cluster['certificate-authority-data'] = Buffer.from(input.caPem).toString('base64');
  else cluster['insecure-skip-tls-verify'] = true;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: SIM_NAME, cluster }],
    users: [{ name: SIM_NAME, user: { token: input.token } }],
    contexts: [{ name: SIM_NAME, context: { cluster: SIM_NAME, user: SIM_NAME, namespace: 'default' } }],
    'current-context': SIM_NAME,
    preferences: {},
  });
}

/** Writes the kubeconfig readable by its owner only (it holds the token). */
export async function writeKubeconfig(path: string, input: KubeconfigInput): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, kubeconfigYaml(input), { mode: 0o600 });
  // writeFile's mode applies only to a new file; an older kubeconfig may have been wider.
  await chmod(path, 0o600);
}

/**
 * Whether `text` is a kubeconfig this command wrote (every cluster, user and context is
 * podscope-sim), or empty: the only files `sim serve` replaces without being told to.
 */
export function isSimKubeconfig(text: string): boolean {
  if (text.trim() === '') return true;
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return false;
  }
  if (doc === null || typeof doc !== 'object') return false;
  const config = doc as Record<string, unknown>;
  const names = (key: string): unknown[] | undefined => {
    const list = config[key];
    if (!Array.isArray(list)) return undefined;
    return list.map((e: unknown) => (e !== null && typeof e === 'object' ? (e as Record<string, unknown>)['name'] : undefined));
  };
  const lists = [names('clusters'), names('users'), names('contexts')];
  return lists.every((l) => l !== undefined && l.length > 0 && l.every((n) => n === SIM_NAME));
}
