import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/kube/types.js';
import { encodeWatchLine, encodeWatchLineOnce } from '../../../../src/sim/server/encode.js';

const pod = (name: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion: '7' } });

describe('watch lines', () => {
  it('shares one line per event among live watchers', () => {
    const p = pod('a');
    const line = encodeWatchLine('MODIFIED', p);
    expect(line.toString()).toBe(`{"type":"MODIFIED","object":${JSON.stringify(p)}}\n`);
    expect(encodeWatchLine('MODIFIED', p)).toBe(line);
  });

  it('writes an initial event as the same text without keeping it, and reuses a line already kept', () => {
    const p = pod('b');
    const once = encodeWatchLineOnce('ADDED', p);
    expect(once.toString()).toBe(`{"type":"ADDED","object":${JSON.stringify(p)}}\n`);
    expect(encodeWatchLineOnce('ADDED', p)).not.toBe(once);
    const kept = encodeWatchLine('ADDED', p);
    expect(kept).not.toBe(once);
    expect(encodeWatchLineOnce('ADDED', p)).toBe(kept);
  });
});
