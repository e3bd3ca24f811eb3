// Which user an image runs as, for runAsNonRoot (kuberuntime getImageUser + verifyRunAsNonRoot,
// security_context_others.go). Images cannot be inspected, so the user comes from the
// `image-user` behaviour annotation (a uid or a user name), else from a small table of
// well-known images built to run unprivileged, else root: most images do not set USER.
import type { Container, Pod } from '../../kube/types.js';

export interface ImageUser {
  uid?: number;
  username?: string;
}

const NON_ROOT_IMAGES: readonly (readonly [RegExp, number])[] = [
  [/^(?:docker\.io\/)?nginxinc\/nginx-unprivileged(?:[:@]|$)/, 101],
  [/^(?:docker\.io\/)?bitnami\//, 1001],
  [/^gcr\.io\/distroless\/[^:@]+:(?:debug-)?nonroot/, 65532],
  [/^(?:registry\.k8s\.io|k8s\.gcr\.io)\/pause(?:[:@]|$)/, 65535],
  [/^(?:quay\.io\/)?prometheus\/(?:prometheus|alertmanager|node-exporter)(?:[:@]|$)/, 65534],
  [/^(?:docker\.io\/)?grafana\/grafana(?:-oss)?(?:[:@]|$)/, 472],
];

/** The image's user: from the annotation's value when given, else the table, else root (uid 0). */
export function imageUser(image: string, annotated: string | undefined): ImageUser {
  if (annotated !== undefined) return /^\d+$/.test(annotated) ? { uid: Number(annotated) } : { username: annotated };
  for (const [pattern, uid] of NON_ROOT_IMAGES) if (pattern.test(image)) return { uid };
  return { uid: 0 };
}

/** format.Pod: `name_namespace(uid)`. */
function podText(pod: Pod): string {
  return `${pod.metadata?.name ?? ''}_${pod.metadata?.namespace ?? ''}(${pod.metadata?.uid ?? ''})`;
}

/** verifyRunAsNonRoot: the container's effective runAsNonRoot against its runAsUser or its image's user. */
export function runAsNonRootError(pod: Pod, c: Container, user: ImageUser): string | undefined {
  const podSc = pod.spec?.securityContext;
  const sc = c.securityContext;
  const nonRoot = sc?.runAsNonRoot ?? podSc?.runAsNonRoot;
  if (nonRoot !== true) return undefined;
  const runAsUser = sc?.runAsUser ?? podSc?.runAsUser;
  const quoted = JSON.stringify(podText(pod));
  if (runAsUser !== undefined) {
    return runAsUser === 0 ? `container's runAsUser breaks non-root policy (pod: ${quoted}, container: ${c.name})` : undefined;
  }
  if (user.uid === 0) return `container has runAsNonRoot and image will run as root (pod: ${quoted}, container: ${c.name})`;
  if (user.uid === undefined && user.username) {
    return `container has runAsNonRoot and image has non-numeric user (${user.username}), cannot verify user is non-root (pod: ${quoted}, container: ${c.name})`;
  }
  return undefined;
}
