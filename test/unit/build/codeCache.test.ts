// scripts/codeCache.mjs: an ES module chunk rewritten as a script (for a V8 code cache) keeps
// its meaning — the same bindings, exports, awaits, import.meta.url and dynamic imports, its
// lines where they were — and anything it cannot rewrite fails the build; the generated chunk
// loader evaluates a start path's chunks in module order, once each, shared with the chunks
// that stay ES modules; the built bundle's TUI chunk loads with every start-path cache accepted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInThisContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { changingExports, chunkWrapper, codeCacheStartPath, resolveId, scriptChunk } from '../../../scripts/codeCache.mjs';

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

});

describe('changingExports', () => {
  it.each([
    ['a const', 'const a = 1;\nexport { a };\n', []],
    ['a function and a class', 'function f() {}\nclass C {}\nexport { f, C as D };\n', []],
    ['a var set once where declared', 'var v = 1;\nexport { v };\n', []],
    ['a let', 'let l = 1;\nexport { l };\n', ['l']],
    ['a var declared without a value (set by an init function later)', 'var x;\nvar init = () => { x = 2; };\nexport { x, init };\n', ['x']],
    ['a var assigned again', 'var n = 1;\nfunction bump() { n += 1; }\nexport { n, bump };\n', ['n']],
    ['a re-exported import (checked where it is declared)', 'import { z } from "./z.js";\nexport { z };\n', []],
  ])('%s', (_what, text, changing) => {
    expect(changingExports(text)).toEqual(changing);
  });
});

describe('codeCacheStartPath on a small bundle', () => {
  const file = (dir: string, name: string, text: string): void => {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  };
  const BANNER = `import { createRequire as __req } from 'node:module'; const require = __req(import.meta.url);`;

  function smallBundle(): string {
    const dir = mkdtempSync(join(tmpdir(), 'podscope-codecache-'));
    // The entry imports a and b; b imports a too and awaits at its top level; a dynamic import
    // of a start-path chunk (c) and of one that stays an ES module (late), which imports a.
    file(dir, 'entry.js', [BANNER, 'import { seen, note } from "./chunks/a.js";', 'import { b } from "./chunks/b.js";', 'note("entry");', 'const c = () => import("./chunks/c.js");', 'const late = () => import("./chunks/late.js");', 'export { seen, b, c, late };'].join('\n'));
    file(dir, 'chunks/a.js', [BANNER, 'import { readFileSync } from "node:fs";', 'import path from "node:path";', 'const seen = [];', 'const note = (what) => seen.push(what);', 'note(typeof readFileSync + " " + typeof path.join);', 'const where = import.meta.url;', 'export { seen, note, where };'].join('\n'));
    file(dir, 'chunks/b.js', [BANNER, 'import { note } from "./a.js";', 'const b = await Promise.resolve("b");', 'note(b);', 'export { b };'].join('\n'));
    file(dir, 'chunks/c.js', [BANNER, 'import { note } from "./a.js";', 'note("c");', 'const c = "c";', 'export { c };'].join('\n'));
    file(dir, 'chunks/late.js', [BANNER, 'import { seen } from "./a.js";', 'export { seen as lateSeen };'].join('\n'));
    return dir;
  }

  it('evaluates the chunks in module order, once each, with builtins, awaits, import.meta.url and one instance for every importer', () => {
    const dir = smallBundle();
    try {
      expect(codeCacheStartPath(dir, ['entry.js'])).toEqual(['chunks/a.js', 'chunks/b.js', 'entry.js']);
      expect(existsSync(join(dir, 'chunks/c.script.js'))).toBe(false); // only dynamically imported: stays an ES module
      for (const id of ['entry', 'chunks/a', 'chunks/b']) expect(existsSync(join(dir, `${id}.v8cache`)), id).toBe(true);
      const entry = JSON.stringify(pathToFileURL(join(dir, 'entry.js')).href);
      const a = JSON.stringify(pathToFileURL(join(dir, 'chunks/a.js')).href);
      const probe = `const m = await import(${entry}); const viaFile = await import(${a}); await m.c(); const late = await m.late();
console.log(JSON.stringify({ seen: m.seen, same: viaFile.seen === m.seen && late.lateSeen === m.seen, where: viaFile.where, b: m.b, rejected: m.__podscopeCodeCacheRejected }));`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual({ seen: ['function function', 'b', 'entry', 'c'], same: true, where: JSON.parse(a), b: 'b', rejected: false });
      // As bin/podscope.js starts it: the loader required from CommonJS, no ES module in between.
      const cjs = `require(${JSON.stringify(join(dir, 'chunkLoader.cjs'))}).load("entry.js").then((m) => console.log(JSON.stringify({ seen: m.seen, rejected: m.__podscopeCodeCacheRejected })));`;
      const fromCjs = spawnSync(process.execPath, ['-e', cjs], { encoding: 'utf8' });
      expect(fromCjs.stderr).toBe('');
      expect(JSON.parse(fromCjs.stdout)).toEqual({ seen: ['function function', 'b', 'entry'], rejected: false });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a start-path chunk whose export could change after it ran', () => {
    const dir = smallBundle();
    try {
      file(dir, 'chunks/b.js', [BANNER, 'let b = "b";', 'export { b };'].join('\n'));
      expect(() => codeCacheStartPath(dir, ['entry.js'])).toThrow(/chunks\/b\.js exports b, which may change/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes wrappers that take every name from the loader', () => {
    expect(chunkWrapper('chunks/x.js', ['a', 'b'], '../chunkLoader.cjs')).toContain('export const { a, b, __podscopeCodeCacheRejected, __podscopeCodeCaches } = await __podscopeLoader.load("chunks/x.js");');
    expect(resolveId('chunks/x.js', '../entry.js')).toBe('entry.js');
    expect(resolveId('entry.js', './chunks/x.js')).toBe('chunks/x.js');
  });
});

describe('the built bundle', () => {
  const bundle = resolve(import.meta.dirname, '../../../dist/bundle');
  const chunks = join(bundle, 'chunks');
  const tui = existsSync(chunks) ? readdirSync(chunks).find((f) => /^tuiModules-\w+\.js$/.test(f)) : undefined;

  it('loads the TUI chunk with every start-path cache accepted, and its exports there', () => {
    expect(tui, 'dist/bundle has no tuiModules chunk: run npm run build').toBeDefined();
    const url = pathToFileURL(join(chunks, tui!)).href;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(url)}); console.log(JSON.stringify({ rejected: m.__podscopeCodeCacheRejected, render: typeof m.render, AppState: typeof m.AppState }));`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ rejected: false, render: 'function', AppState: 'function' });
  });

  it('has a script and a cache for the entry and each start-path chunk, and only the entry and the loader as ES modules before the TUI', () => {
    const scripts = readdirSync(chunks).filter((f) => f.endsWith('.script.js'));
    const caches = readdirSync(chunks).filter((f) => f.endsWith('.v8cache'));
    expect(scripts.length).toBeGreaterThan(10);
    expect(caches.map((f) => f.replace(/\.v8cache$/, '')).sort()).toEqual(scripts.map((f) => f.replace(/\.script\.js$/, '')).sort());
    expect(existsSync(join(bundle, 'podscope.script.js')) && existsSync(join(bundle, 'podscope.v8cache'))).toBe(true);
    for (const f of [join(bundle, 'podscope.js'), join(chunks, tui!)]) expect(readFileSync(f, 'utf8')).toMatch(/^import __podscopeLoader from "\.{1,2}\/chunkLoader\.cjs";$/m);
  });
});
