// scripts/codeCache.mjs: an ES module chunk rewritten as a script (for a V8 code cache) keeps
// its meaning — the same bindings, exports, awaits, import.meta.url and dynamic imports, its
// lines where they were — and anything it cannot rewrite fails the build; the built bundle's
// TUI chunk loads with its cache accepted.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInThisContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { scriptChunk, wrapperModule } from '../../../scripts/codeCache.mjs';

type ChunkFn = (deps: unknown[], metaUrl: string, dynamicImport: (s: string) => Promise<unknown>) => Promise<Record<string, unknown>>;

const CHUNK = [
  `import { createRequire as __req } from 'node:module'; const require = __req(import.meta.url);`,
  `import {`,
  `  a,`,
  `  b as c`,
  `} from "./chunk-A.js";`,
  `import "./chunk-B.js";`,
  `function early() { return used + proc.tag; }`,
  `import * as used from "./chunk-C.js";`,
  `import proc from "node:process";`,
  `import d, { e } from "./chunk-D.js";`,
  `const late = await Promise.resolve(a + c);`,
  `const lazy = () => import("./chunk-E.js");`,
  `export {`,
  `  late,`,
  `  early as first,`,
  `  lazy, d, e, require`,
  `};`,
  `//# sourceMappingURL=x.js.map`,
].join('\n');

describe('scriptChunk', () => {
  it('gives the chunk its imports, awaits and exports as a module would', async () => {
    const parts = scriptChunk(CHUNK, 'x.js');
    expect(parts.specs).toEqual(['node:module', './chunk-A.js', './chunk-B.js', './chunk-C.js', 'node:process', './chunk-D.js']);
    expect(parts.names).toEqual(['late', 'first', 'lazy', 'd', 'e', 'require']);
    // Every line where it was: the chunk's source map still applies.
    expect(parts.script.split('\n').length).toBe(CHUNK.split('\n').length + 1);
    expect(parts.script.split('\n').indexOf('const late = await Promise.resolve(a + c);')).toBe(10);
    const asked: string[] = [];
    const deps: unknown[] = [{ createRequire: (url: string) => `require of ${url}` }, { a: 1, b: 2 }, {}, { toString: () => 'C' }, { default: { tag: '!' } }, { default: 'D', e: 'E' }];
    const fn = runInThisContext(parts.script) as ChunkFn;
    const out = await fn(deps, 'file:///x/chunks/x.js', (s) => {
      asked.push(s);
      return Promise.resolve('loaded');
    });
    expect(out).toMatchObject({ late: 3, d: 'D', e: 'E', require: 'require of file:///x/chunks/x.js' });
    // A function above an import's old place sees it (imports are hoisted in a module too).
    expect((out.first as () => string)()).toBe('C!');
    await expect((out.lazy as () => Promise<unknown>)()).resolves.toBe('loaded');
    expect(asked).toEqual(['./chunk-E.js']);
  });

  it('runs in strict mode, as a module does', async () => {
    const fn = runInThisContext(scriptChunk('const t = (function () { return this; })();\nexport { t };\n', 'x.js').script) as ChunkFn;
    await expect(fn([], 'file:///x.js', () => Promise.resolve())).resolves.toEqual({ t: undefined });
  });

  it.each([
    ['an export other than the final list', 'export const x = 1;\nexport { x };\n', /export statement other than the final list/],
    ['no export list', 'const x = 1;\n', /expected one export list/],
    ['a default export', 'const x = 1;\nexport { x as default };\n', /cannot re-export/],
    ['import.meta other than its url', 'const r = import.meta.resolve("./a.js");\nexport { r };\n', /import\.meta other than import\.meta\.url/],
    ['a computed dynamic import', 'const f = (s) => import(s);\nexport { f };\n', /dynamic import\(\) of a computed specifier/],
    ['an import form it does not know', 'import x, * as y from "./a.js";\nexport { x };\n', /unknown import form/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => scriptChunk(text, 'x.js')).toThrow(message);
  });

  it('writes a wrapper that imports each dependency in order and re-exports every name', () => {
    const wrapper = wrapperModule(scriptChunk(CHUNK, 'x.js'), 'x.script.js', 'x.v8cache');
    expect([...wrapper.matchAll(/^import \* as __d\d+ from "([^"]+)";$/gm)].map((m) => m[1])).toEqual(['node:module', './chunk-A.js', './chunk-B.js', './chunk-C.js', 'node:process', './chunk-D.js']);
    expect(wrapper).toContain('export const { late, first, lazy, d, e, require } = __exports;');
  });
});

describe('the built bundle', () => {
  const chunks = resolve(import.meta.dirname, '../../../dist/bundle/chunks');
  const tui = existsSync(chunks) ? readdirSync(chunks).find((f) => /^tuiModules-\w+\.js$/.test(f)) : undefined;

  it('loads the TUI chunk with its code cache accepted, and its exports there', () => {
    expect(tui, 'dist/bundle has no tuiModules chunk: run npm run build').toBeDefined();
    const url = pathToFileURL(join(chunks, tui!)).href;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(url)}); console.log(JSON.stringify({ rejected: m.__podscopeCodeCacheRejected, render: typeof m.render, AppState: typeof m.AppState }));`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ rejected: false, render: 'function', AppState: 'function' });
  });
});
