// Imports point down: the graph of src/ has no cycle, type-only imports included.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph } from './importGraph.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src');

describe('the import graph of src/', () => {
  it('finds cycles (the checker itself)', () => {
    const g = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts', 'd.ts']],
      ['e.ts', []],
    ]);
    expect(cycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
  });

  it('reads every source file and its relative imports', () => {
    const g = importGraph(SRC);
    expect(g.size).toBeGreaterThan(50);
    expect(g.get('state/appState.ts')).toContain('state/podTable.ts');
  });

  it('has no cycle', () => {
    expect(cycles(importGraph(SRC))).toEqual([]);
  });
});
