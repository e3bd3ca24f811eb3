// The continue token read from a LIST page's first bytes (src/source/kube/listHead.ts).
import { describe, expect, it } from 'vitest';
import { continueOfHead, LIST_HEAD_LIMIT } from '../../../src/source/kube/listHead.js';

describe('continueOfHead', () => {
  const meta = '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"12","continue":"eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ==","remainingItemCount":99500},"items":[';
  it.each<[string, string, string | null | undefined]>([
    ['the token of metadata written before the items', meta, 'eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ=='],
    ['the token once its closing quote is in, before the items are', '{"kind":"PodList","metadata":{"continue":"abc"', 'abc'],
    ['undecided while the token is cut mid-way', '{"kind":"PodList","metadata":{"continue":"ab', undefined],
    ['undecided before the metadata', '{"kind":"PodList","apiVersion":"v1",', undefined],
    ['none for a last page (no token before the items)', '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"12"},"items":[{"metadata":{"name":"a"}}', null],
    ['none when the items come first, even if an item names a continue key', '{"items":[{"metadata":{"annotations":{"continue":"x"}}}],"metadata":{"continue":"late"}}', null],
    ['an empty token is none', '{"metadata":{"continue":""},"items":[]}', null],
    ['whitespace around the colon (an indented body)', '{\n  "metadata": {\n    "continue" : "tok"\n  },\n  "items": [', 'tok'],
    ['JSON escapes decoded (Go writes = as is, but may escape)', '{"metadata":{"continue":"a\\u003db"},"items":[', 'a=b'],
    ['a token that is not printable ASCII is left to the parsed page', '{"metadata":{"continue":"a\\u00e9b"},"items":[', null],
  ])('%s', (_what, head, want) => {
    expect(continueOfHead(head)).toBe(want);
  });

  it('gives up past its limit without seeing the items', () => {
    expect(continueOfHead(`{"kind":"PodList","x":"${'y'.repeat(LIST_HEAD_LIMIT)}"`)).toBeNull();
  });
});
