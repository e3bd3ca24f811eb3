import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/kube/types.js';
import { ENCODING_GENERATION_BYTES, encodeList, encodeObject, encodeWatchLine, encodeWatchLineOnce } from '../../../../src/sim/server/encode.js';

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

describe('kept texts', () => {
  it('keeps the lines of recent watch events only, not every version ever sent', () => {
    const p = pod('c');
    const line = encodeWatchLine('MODIFIED', p);
    expect(encodeObject(p)).toBe(JSON.stringify(p));
    // Enough later events to fill both generations: the first line is no longer kept.
    const big = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < (2 * ENCODING_GENERATION_BYTES) / big.length + 2; i++) {
      encodeWatchLine('ADDED', { ...pod(`big-${i}`), metadata: { name: `big-${i}`, annotations: { big } } });
    }
    const again = encodeWatchLine('MODIFIED', p);
    expect(again).not.toBe(line);
    expect(again.equals(line)).toBe(true);
  });

  it('encodes a listed object without keeping its text', () => {
    const p = pod('d');
    const list = encodeList('PodList', 'v1', { resourceVersion: '9' }, [p]);
    expect(JSON.parse(list)).toEqual({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '9' }, items: [p] });
    // Not kept: a later initial event builds its own line each time.
    expect(encodeWatchLineOnce('ADDED', p)).not.toBe(encodeWatchLineOnce('ADDED', p));
  });
});
