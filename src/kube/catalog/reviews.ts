// Reviews: cluster-scoped, create-only resources that answer a question and store nothing
// (the apiserver's SelfSubjectAccessReview and SelfSubjectReview REST storage). They are
// served and discovered like kinds but have no table in the store, no list and no watch.
export interface ReviewEntry {
  readonly kind: 'SelfSubjectAccessReview' | 'SelfSubjectReview';
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

export const REVIEWS: readonly ReviewEntry[] = [
  { kind: 'SelfSubjectReview', group: 'authentication.k8s.io', version: 'v1', resource: 'selfsubjectreviews' },
  { kind: 'SelfSubjectAccessReview', group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectaccessreviews' },
];

export function reviewAtPath(group: string, version: string, resource: string): ReviewEntry | undefined {
  return REVIEWS.find((r) => r.group === group && r.version === version && r.resource === resource);
}
