// A kubeconfig for a test's own HTTP server on 127.0.0.1: context "fake", user "jane" with a
// bearer token, written into the test's directory.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeFakeKubeconfig(dir: string, port: number, options: { token?: string; namespace?: string; file?: string } = {}): string {
  const file = join(dir, options.file ?? 'config');
  const namespace = options.namespace === undefined ? '' : `, namespace: ${options.namespace}`;
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- {name: fake, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}`,
      'users:',
      `- {name: jane, user: {token: ${options.token ?? 't'}}}`,
      'contexts:',
      `- {name: fake, context: {cluster: fake, user: jane${namespace}}}`,
      'current-context: fake',
    ].join('\n'),
  );
  return file;
}
