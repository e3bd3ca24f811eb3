// SelfSubjectReview (authentication.k8s.io/v1, `kubectl auth whoami`) and
// SelfSubjectAccessReview (authorization.k8s.io/v1, `kubectl auth can-i`). The simulator has one
// token and it is an admin: the user is the one the kubeconfig `sim serve` writes names, in
// system:masters, whose privileged-group authorizer allows everything (with no reason text).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest } from '../../kube/apiError.js';
import type { ReviewEntry } from '../../kube/catalog/index.js';
import { SIM_NAME } from './kubeconfig.js';
import { methodNotAllowed, writeJson } from './respond.js';
import { readTypedBody } from './typedBody.js';

export const SIM_USER = { username: SIM_NAME, groups: ['system:masters', 'system:authenticated'] };

function checkTypeMeta(body: Record<string, unknown>, review: ReviewEntry): void {
  const apiVersion = `${review.group}/${review.version}`;
  if (body.apiVersion !== undefined && body.apiVersion !== apiVersion) {
    throw badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${apiVersion})`);
  }
  if (body.kind !== undefined && body.kind !== review.kind) throw badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (${review.kind})`);
}

/** ValidateSelfSubjectAccessReviewSpec: exactly one of the two attribute sets. */
function accessReviewErrors(spec: Record<string, unknown>): ApiError | undefined {
  const resource = spec.resourceAttributes;
  const nonResource = spec.nonResourceAttributes;
  let cause: { field: string; message: string } | undefined;
  if (resource && nonResource) {
    cause = { field: 'spec.nonResourceAttributes', message: `Invalid value: ${JSON.stringify(nonResource)}: cannot be specified in combination with resourceAttributes` };
  } else if (!resource && !nonResource) {
    cause = { field: 'spec.resourceAttributes', message: 'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified' };
  }
  if (!cause) return undefined;
  return new ApiError(422, 'Invalid', `SelfSubjectAccessReview.authorization.k8s.io "" is invalid: ${cause.field}: ${cause.message}`, {
    group: 'authorization.k8s.io',
    kind: 'SelfSubjectAccessReview',
    causes: [{ reason: 'FieldValueInvalid', message: cause.message, field: cause.field }],
  });
}

export async function handleReview(req: IncomingMessage, res: ServerResponse, review: ReviewEntry): Promise<void> {
  if ((req.method ?? 'GET') !== 'POST') throw methodNotAllowed();
  const apiVersion = `${review.group}/${review.version}`;
  if (review.kind === 'SelfSubjectReview') {
    const body = await readTypedBody(req, review.kind, 'authentication.v1.SelfSubjectReview');
    checkTypeMeta(body, review);
    writeJson(res, 201, { kind: review.kind, apiVersion, metadata: { creationTimestamp: null }, status: { userInfo: SIM_USER } });
    return;
  }
  const body = await readTypedBody(req, review.kind, 'authorization.v1.SelfSubjectAccessReview');
  checkTypeMeta(body, review);
  const spec = (body.spec ?? {}) as Record<string, unknown>;
  const invalid = accessReviewErrors(spec);
  if (invalid) throw invalid;
  writeJson(res, 201, { kind: review.kind, apiVersion, metadata: { creationTimestamp: null }, spec, status: { allowed: true } });
}
