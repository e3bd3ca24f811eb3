// The TUI keeps V8's young generation at its starting size (src/cli/youngGeneration.ts): in a
// fresh process (V8's flags are the process's, so not in the test runner's), a burst of
// short-lived allocations grows new space to its 16 MB semi-space maximum without it and not at
// all with it.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = pathToFileURL(resolve(import.meta.dirname, '../../../dist/src/cli/youngGeneration.js')).href;

function newSpaceMBAfterBurst(limit: boolean): number {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    if (${limit}) (await import(${JSON.stringify(MODULE)})).keepYoungGenerationSmall();
    const kept = [];
    for (let i = 0; i < 400000; i++) { const o = { i, s: 'x' + i, a: [i, i] }; if (i % 4 === 0) kept.push(o); }
    const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(String(space.space_size / 1048576));
    void kept;
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout);
}

describe('keepYoungGenerationSmall', () => {
  it('keeps new space at its starting size through an allocation burst that grows it otherwise', () => {
    expect(newSpaceMBAfterBurst(false)).toBeGreaterThanOrEqual(8);
    expect(newSpaceMBAfterBurst(true)).toBeLessThanOrEqual(2);
  });
});
