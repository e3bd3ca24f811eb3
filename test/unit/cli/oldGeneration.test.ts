// The TUI caps the old generation's growth between full collections (src/cli/oldGeneration.ts):
// in a fresh process (V8's flags are the process's), 600k live objects (~130 MB) replaced
// steadily for two seconds took the heap to ~360–400 MB under V8's own factor, ~165 MB with the
// cap (measured 2026-12-06).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = pathToFileURL(resolve(import.meta.dirname, '../../../dist/src/cli/oldGeneration.js')).href;

function peakHeapMBUnderChurn(capped: boolean): number {
  const script = `
    if (${capped}) (await import(${JSON.stringify(MODULE)})).capOldGenerationGrowth();
    const N = 600000;
    const live = [];
    for (let i = 0; i < N; i++) live.push({ a: i, b: 's' + i, c: [i] });
    let peak = 0;
    const t0 = Date.now();
    for (let round = 0; Date.now() - t0 < 2000; round++) {
      for (let k = 0; k < 20000; k++) { const i = (k * 7919 + round * 104729) % N; live[i] = { a: i, b: 's' + i + 'x', c: [i, k] }; }
      await new Promise((r) => setImmediate(r));
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    process.stdout.write(String(peak / 1048576));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout);
}

describe('capOldGenerationGrowth', () => {
  it('holds the heap much closer to its live size while objects are replaced', () => {
    const own = peakHeapMBUnderChurn(false);
    const capped = peakHeapMBUnderChurn(true);
    expect(capped).toBeLessThan(own * 0.7);
  });
});
