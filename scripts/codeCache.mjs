// A V8 code cache for every chunk of the bundle on the TUI's start path (the entry, the TUI's
// start, the kubeconfig and the client, the TUI's modules: Ink, React's reconciler, yoga, the
// UI and AppState; ~30 chunks, ~1.8 MB). Node 20 has no compile cache for ES modules, and each
// ES module costs its loader a resolve, an asynchronous read and a compile: ~30 of them were
// ~25 ms of a 16-pod start's CPU, and compiling the TUI's ~1 MB alone ~28 ms
// (docs/benchmarks.md). A classic script can take a code cache (vm.Script cachedData), so each
// of these chunks is rewritten as one: its body becomes an async function (its top-level awaits
// stay awaits) that receives its imports as module namespaces and returns its exports, in
// `<name>.script.js`. chunkLoader.cjs (written here, beside the entry) evaluates them in the
// order the module graph would — each once, its dependencies first — compiling each with its
// cache from `<name>.v8cache`, and hands a dynamic import of another start-path chunk the same
// instance. Each rewritten chunk's own file becomes a small ES module that takes its exports
// from the loader, so the chunks that stay ES modules (the simulator, the headless commands,
// describe, …) import the same instances as before: nothing is loaded twice.
//
// The caches are made at build time after the TUI drew a first frame off-screen
// (src/cli/warmCodeCache.ts), so they hold the bytecode of what a first frame runs too. V8
// rejects a cache made by another Node or V8 version, or under other V8 flags (a flag set at
// run time before a script is compiled counts: src/cli/tui.ts), and then compiles the script
// as usual: a stale cache costs the compile, never correctness.
//
// Import bindings are taken when a chunk starts (a module's are live); the build refuses a
// start-path chunk that exports a binding that could change later (`let`, a `var` assigned
// after its declaration or declared without a value), where the two would differ.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** `a, b as c, default as d` → `a, b: c, default: d` (an import list as a destructuring pattern). */
function pattern(list, where) {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((item) => {
      const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(item);
      if (!m) throw new Error(`codeCache: cannot read import item ${JSON.stringify(item)} in ${where}`);
      return m[2] === undefined ? m[1] : `${m[1]}: ${m[2]}`;
    })
    .join(', ');
}

// The import statement forms esbuild writes, each tried at a line that starts with `import`.
const FORMS = [
  { re: /import\s*(["'])([^"'\n]+)\1;/y, bind: () => undefined, spec: (m) => m[2] },
  { re: /import\s*\*\s*as\s+([\w$]+)\s+from\s*(["'])([^"'\n]+)\2;/y, bind: (m, ns) => `const ${m[1]} = ${ns};`, spec: (m) => m[3] },
  { re: /import\s+([\w$]+)\s+from\s*(["'])([^"'\n]+)\2;/y, bind: (m, ns) => `const ${m[1]} = ${ns}.default;`, spec: (m) => m[3] },
  { re: /import\s*\{([^}]*)\}\s*from\s*(["'])([^"'\n]+)\2;/y, bind: (m, ns, w) => `const { ${pattern(m[1], w)} } = ${ns};`, spec: (m) => m[3] },
  { re: /import\s+([\w$]+)\s*,\s*\{([^}]*)\}\s*from\s*(["'])([^"'\n]+)\3;/y, bind: (m, ns, w) => `const ${m[1]} = ${ns}.default; const { ${pattern(m[2], w)} } = ${ns};`, spec: (m) => m[4] },
];

/**
 * An ES module chunk as a script plus the module that loads it. `name` is the chunk's file
 * name. The script is `(async function (deps, metaUrl, dynamicImport) { … })`, its lines where
 * the chunk's were (the chunk's source map still points at the right lines). Throws on any
 * construct it does not know (the build then fails rather than ship a changed meaning).
 */
export function scriptChunk(text, name) {
  const specs = [];
  const bindings = [];
  let body = '';
  let at = 0;
  const starts = /^import\b(?![.(])/gm;
  for (let m = starts.exec(text); m; m = starts.exec(text)) {
    let done = false;
    for (const form of FORMS) {
      form.re.lastIndex = m.index;
      const hit = form.re.exec(text);
      if (!hit) continue;
      const ns = `__podscopeDeps[${specs.length}]`;
      specs.push(form.spec(hit));
      const bind = form.bind(hit, ns, name);
      if (bind) bindings.push(bind);
      // Blank lines in its place: every later line keeps its number.
      body += text.slice(at, m.index) + '\n'.repeat(hit[0].split('\n').length - 1);
      at = form.re.lastIndex;
      starts.lastIndex = at;
      done = true;
      break;
    }
    if (!done) throw new Error(`codeCache: unknown import form in ${name} at ${JSON.stringify(text.slice(m.index, m.index + 80))}`);
  }
  body += text.slice(at);

  const exportsAt = [...body.matchAll(/^export\s*\{([^}]*)\};/gm)];
  if (exportsAt.length !== 1) throw new Error(`codeCache: expected one export list in ${name}, found ${exportsAt.length}`);
  const exportList = exportsAt[0];
  const names = [];
  const entries = exportList[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((item) => {
      const e = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(item);
      const exported = e?.[2] ?? e?.[1];
      if (!e || !exported || !IDENT.test(exported) || exported === 'default') throw new Error(`codeCache: cannot re-export ${JSON.stringify(item)} from ${name}`);
      names.push(exported);
      return `${exported}: ${e[1]}`;
    });
  const returned = `return { ${entries.join(', ')} };` + '\n'.repeat(exportList[0].split('\n').length - 1);
  body = body.slice(0, exportList.index) + returned + body.slice(exportList.index + exportList[0].length);

  if (/^export\b/m.test(body)) throw new Error(`codeCache: an export statement other than the final list in ${name}`);
  body = body.replace(/\bimport\.meta\.url\b/g, '__podscopeMetaUrl');
  if (/\bimport\.meta\b/.test(body)) throw new Error(`codeCache: import.meta other than import.meta.url in ${name}`);
  body = body.replace(/\bimport\((?=["'])/g, '__podscopeImport(');
  if (/(?<![\w$.])import\s*\(/.test(body)) throw new Error(`codeCache: a dynamic import() of a computed specifier in ${name}`);

  // The header shares the first line with the chunk's own first line: line numbers stay put.
  const script = `(async function (__podscopeDeps, __podscopeMetaUrl, __podscopeImport) {"use strict"; ${bindings.join(' ')} ${body}\n})`;
  return { script, specs, names };
}

/** The loader's file, beside the entry (bin/podscope.js requires it). */
export const LOADER = 'chunkLoader.cjs';

/** A relative specifier resolved against the chunk id it appears in ('chunks/a.js' + '../b.js' → 'b.js'). */
export function resolveId(from, spec) {
  const base = new URL(from, 'file:///bundle/');
  return new URL(spec, base).pathname.slice('/bundle/'.length);
}

const isRelative = (spec) => spec.startsWith('./') || spec.startsWith('../');

/** The exported locals of a chunk whose value could change after it ran (see the top of this file). */
export function changingExports(text) {
  const list = [...text.matchAll(/^export\s*\{([^}]*)\};/gm)].at(-1);
  if (!list) return [];
  const out = [];
  for (const item of list[1].split(',').map((x) => x.trim()).filter(Boolean)) {
    const local = item.split(/\s+as\s+/)[0];
    const name = local.replace(/\$/g, '\\$');
    const declared = new RegExp(`^\\s*(?:export\\s+)?(var|let|const|function|async function|class)\\s+${name}\\b(\\s*=)?`, 'm').exec(text);
    if (!declared) continue; // imported and re-exported: the chunk it comes from is checked
    const [, kind, initialised] = declared;
    const assigned = [...text.matchAll(new RegExp(`(?<![\\w$.])${name}\\s*(?:=(?!=)|\\+=|-=|\\+\\+|--)`, 'g'))].length;
    if (kind === 'let' || (kind === 'var' && (!initialised || assigned > 1))) out.push(local);
  }
  return out;
}

/** The chunk ids `roots` load through static imports, each after the chunks it imports. */
export function startPathChunks(bundleDir, roots) {
  const order = [];
  const seen = new Set();
  const visit = (id) => {
    if (seen.has(id)) return;
    seen.add(id);
    const text = readFileSync(join(bundleDir, id), 'utf8');
    for (const spec of scriptChunk(text, id).specs) if (isRelative(spec)) visit(resolveId(id, spec));
    order.push(id);
  };
  for (const root of roots) visit(root);
  return order;
}

/**
 * chunkLoader.cjs: `table` maps each start-path chunk id to its imports (chunk ids, builtins,
 * packages), in order. CommonJS, so bin/podscope.js (CommonJS too) starts the TUI without
 * Node's ES module loader (~4 ms of a start); the wrappers, ES modules, import it as any
 * CommonJS module and so share its one instance.
 */
export function loaderModule(table) {
  return `// Generated by scripts/codeCache.mjs: evaluates the start path's chunks from their scripts, each with its V8 code cache.
"use strict";
const { readFileSync } = require("node:fs");
const { isBuiltin } = require("node:module");
const { fileURLToPath, pathToFileURL } = require("node:url");
const { Script } = require("node:vm");
const CHUNKS = new Map(Object.entries(${JSON.stringify(table)}));
const BASE = new URL("./", pathToFileURL(__filename)).href;
const evaluated = new Map();
const compiled = new Map();
const besides = (id, ending) => fileURLToPath(new URL(id.replace(/\\.js$/, ending), BASE));
/** A builtin as an import sees it: its exports by name, the module itself as default. */
const builtin = (spec) => {
  const mod = require(spec);
  return Object.create(mod, { default: { value: mod } });
};
/** True once V8 refused (or had no) cache for a chunk compiled so far. */
let anyRejected = false;

function compile(id) {
  let cachedData;
  try {
    cachedData = readFileSync(besides(id, ".v8cache"));
  } catch {
    // No cache (removed, or being made): compiled as any script.
  }
  const file = besides(id, ".script.js");
  const script = new Script(readFileSync(file, "utf8"), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) anyRejected = true;
  compiled.set(id, script);
  return script;
}

function dynamicImport(spec, from) {
  if (!spec.startsWith("./") && !spec.startsWith("../")) return import(spec);
  const target = new URL(spec, new URL(from, BASE)).href;
  const id = target.slice(BASE.length);
  return CHUNKS.has(id) ? load(id) : import(target);
}

async function evaluate(id) {
  const deps = [];
  for (const spec of CHUNKS.get(id)) deps.push(CHUNKS.has(spec) ? await load(spec) : isBuiltin(spec) ? builtin(spec) : await import(spec));
  const run = compile(id).runInThisContext();
  const exports = await run(deps, new URL(id, BASE).href, (spec) => dynamicImport(spec, id));
  // Whether V8 refused the cache of this chunk or of any chunk compiled before it.
  exports.__podscopeCodeCacheRejected = anyRejected;
  exports.__podscopeCodeCaches = codeCaches;
  return exports;
}

/** The exports of a start-path chunk, evaluated once (its imports first). */
function load(id) {
  let done = evaluated.get(id);
  if (done === undefined) {
    if (!CHUNKS.has(id)) throw new Error(\`chunkLoader: no start-path chunk \${id}\`);
    done = evaluate(id);
    evaluated.set(id, done);
  }
  return done;
}

/** Build time: each chunk's code cache as it is now (compiled, and run where it was), by cache file. */
function codeCaches() {
  const out = {};
  for (const id of CHUNKS.keys()) out[besides(id, ".v8cache")] = (compiled.get(id) ?? compile(id)).createCachedData();
  return out;
}

exports.load = load;
exports.codeCaches = codeCaches;
`;
}

/** The ES module left at a start-path chunk's place: its exports, from the loader. */
export function chunkWrapper(id, names, loaderSpec) {
  const all = [...names, '__podscopeCodeCacheRejected', '__podscopeCodeCaches'];
  return `// Generated by scripts/codeCache.mjs: this chunk's code is in its .script.js, evaluated by chunkLoader.cjs with its V8 code cache.
import __podscopeLoader from ${JSON.stringify(loaderSpec)};
export const { ${all.join(', ')} } = await __podscopeLoader.load(${JSON.stringify(id)});
`;
}

/**
 * Rewrites the start path's chunks (the static imports of `roots`, ids relative to
 * `bundleDir`) as scripts, writes chunkLoader.cjs and the wrappers, then makes the code caches
 * in a child `node`: `warmEntry` (a bundled module whose `warmTuiCodeCache()` draws a first
 * frame and returns every chunk's cache by file) when given, else each script compiled once.
 */
export function codeCacheStartPath(bundleDir, roots, warmEntry) {
  const ids = startPathChunks(bundleDir, roots);
  const inPath = new Set(ids);
  const table = {};
  const parts = new Map();
  for (const id of ids) {
    const text = readFileSync(join(bundleDir, id), 'utf8');
    const changing = changingExports(text);
    if (changing.length > 0) throw new Error(`codeCache: ${id} exports ${changing.join(', ')}, which may change after it ran (see scripts/codeCache.mjs)`);
    const chunk = scriptChunk(text, id);
    table[id] = chunk.specs.map((spec) => {
      if (!isRelative(spec)) return spec;
      const dep = resolveId(id, spec);
      if (!inPath.has(dep)) throw new Error(`codeCache: ${id} imports ${spec}, which is not on the start path`);
      return dep;
    });
    parts.set(id, chunk);
  }
  writeFileSync(join(bundleDir, LOADER), loaderModule(table));
  for (const [id, chunk] of parts) {
    writeFileSync(join(bundleDir, id.replace(/\.js$/, '.script.js')), chunk.script);
    const up = id.split('/').length - 1;
    writeFileSync(join(bundleDir, id), chunkWrapper(id, chunk.names, `${up === 0 ? './' : '../'.repeat(up)}${LOADER}`));
  }
  const loaderUrl = JSON.stringify(pathToFileURL(join(bundleDir, LOADER)).href);
  const make = warmEntry
    ? `const m = await import(${JSON.stringify(pathToFileURL(warmEntry).href)}); const caches = await m.warmTuiCodeCache();`
    : `const caches = (await import(${loaderUrl})).default.codeCaches();`;
  // process.exit: the warm-up's simulator and Ink may leave handles behind.
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', `import { writeFileSync } from "node:fs"; ${make} for (const [file, data] of Object.entries(caches)) writeFileSync(file, data); process.exit(0);`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  if (child.status !== 0) throw new Error(`codeCache: making the caches failed (${child.error?.message ?? `exit ${child.status}`}):\n${child.stderr}`);
  return ids;
}
