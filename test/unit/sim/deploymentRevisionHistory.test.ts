// SetNewReplicaSetAnnotations' revision-history list, and template equality that ignores
// what Go's decoding ignores (null members), table-driven.
import { describe, expect, it } from 'vitest';
import { appendRevisionHistory, templatesEqual } from '../../../src/sim/controllers/deploymentUtil.js';

describe('appendRevisionHistory', () => {
  it.each([
    [undefined, '1', '1'],
    ['', '3', '3'],
    ['1', '3', '1,3'],
    ['1,3', '5', '1,3,5'],
    // Over 2000 characters the oldest entries go first.
    [['9'.repeat(999), '8'.repeat(999)].join(','), '7', ['8'.repeat(999), '7'].join(',')],
    // An entry that can never fit is not recorded.
    ['1', '2'.repeat(2001), undefined],
  ])('%s + %s → %s', (current, old, want) => {
    expect(appendRevisionHistory(current, old)).toBe(want);
  });
});

describe('templatesEqual (EqualIgnoreHash)', () => {
  const base = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
  it.each([
    ['the same template', base, true],
    ['creationTimestamp: null, as kubectl rollout undo sends it', { ...base, metadata: { ...base.metadata, creationTimestamp: null } }, true],
    ['only the pod-template-hash label added', { ...base, metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } } }, true],
    ['another image', { ...base, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } }, false],
    ['another label', { ...base, metadata: { labels: { app: 'api' } } }, false],
  ])('%s → %s', (_what, other, equal) => {
    expect(templatesEqual(base, other as never)).toBe(equal);
  });
});
