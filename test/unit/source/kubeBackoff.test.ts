import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../src/source/kube/backoff.js';
import { parseRequestTimeout } from '../../../src/source/kube/startup.js';

describe('Backoff', () => {
  it('doubles from 0.5 s to a 30 s cap, with half of each step jittered', () => {
    const low = new Backoff({ random: () => 0 });
    expect(Array.from({ length: 10 }, () => low.next())).toEqual([250, 500, 1000, 2000, 4000, 8000, 15000, 15000, 15000, 15000]);
    const high = new Backoff({ random: () => 0.999999 });
    expect(Array.from({ length: 8 }, () => high.next())).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('starts over after reset', () => {
    const b = new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0.5 });
    expect([b.next(), b.next(), b.next()]).toEqual([75, 150, 300]);
    b.reset();
    expect(b.next()).toBe(75);
  });
});

describe('lazy client-node', () => {
  it('is imported only dynamically, so the simulator path never loads it', () => {
    const dir = join(import.meta.dirname, '../../../src/source/kube');
    const eager = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /^import\s+(?!type\b)[^;]*from\s+'@kubernetes\/client-node'/m.test(readFileSync(join(dir, f), 'utf8')));
    expect(eager).toEqual([]);
    // The one runtime use (KubeConfig) is re-exported by name from its own module, so the
    // bundle keeps only that part, and that module is imported dynamically, and only there.
    const reexports = readdirSync(dir).filter((f) => f.endsWith('.ts') && /^export\s+\{[^}]*\}\s+from\s+'@kubernetes\/client-node'/m.test(readFileSync(join(dir, f), 'utf8')));
    expect(reexports).toEqual(['kubeConfigClass.ts']);
    expect(readFileSync(join(dir, 'client.ts'), 'utf8')).toContain("import('./kubeConfigClass.js')");
    const staticImporters = readdirSync(dir).filter((f) => f.endsWith('.ts') && /^import\s+(?!type\b)[^;]*from\s+'\.\/kubeConfigClass\.js'/m.test(readFileSync(join(dir, f), 'utf8')));
    expect(staticImporters).toEqual([]);
  });
});

describe('parseRequestTimeout', () => {
  it('reads kubectl --request-timeout values', () => {
    expect(['0', '5', '30s', '1m30s', '500ms', '2h', '1.5s'].map(parseRequestTimeout)).toEqual([0, 5000, 30000, 90000, 500, 7200000, 1500]);
  });

  it('rejects what kubectl rejects', () => {
    for (const bad of ['', 'abc', '5x', '1m junk', '-1s']) {
      expect(() => parseRequestTimeout(bad)).toThrow(`invalid --request-timeout "${bad}": use a duration such as 30s, 1m or 0 for none`);
    }
  });
});
