// A V8 code cache for the bundle's largest chunk on the TUI's start path (tuiModules: Ink,
// React's reconciler, yoga, the UI and AppState, ~1 MB). Node 20 has no compile cache for ES
// modules, so compiling that chunk cost ~28 ms of CPU on every start (docs/benchmarks.md).
// A classic script can take a code cache (vm.Script cachedData), so the chunk is rewritten as
// one: its body becomes an async function (its top-level awaits stay awaits) that receives
// its imports as module namespaces and returns its exports, in `<name>.script.js`; a small ES
// module under the chunk's own name imports the same chunks in the same order, compiles the
// script with the cache made at build time and re-exports what it returns. The other chunks
// import the same module instances as before: nothing is loaded twice.
//
// The cache is made at build time after the chunk drew a first frame off-screen
// (src/cli/warmCodeCache.ts), so it holds the bytecode of what a first frame runs too. V8 rejects a cache made by another Node or V8 version, or with other flags,
// and then compiles the script as usual: a stale cache costs the compile, never correctness.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
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

/** The ES module that takes the chunk's place: imports, compile with the cache, re-export. */
export function wrapperModule({ specs, names }, scriptFile, cacheFile) {
  const imports = specs.map((s, i) => `import * as __d${i} from ${JSON.stringify(s)};`).join('\n');
  return `// Generated by scripts/codeCache.mjs: this chunk's code is in ${scriptFile}, compiled with the V8 code cache ${cacheFile}.
import { readFileSync as __readFileSync } from "node:fs";
import { Script as __Script } from "node:vm";
import { fileURLToPath as __fileURLToPath } from "node:url";
${imports}
const __file = __fileURLToPath(new URL(${JSON.stringify(`./${scriptFile}`)}, import.meta.url));
let __cachedData;
try {
  __cachedData = __readFileSync(__fileURLToPath(new URL(${JSON.stringify(`./${cacheFile}`)}, import.meta.url)));
} catch {
  // No cache (not built yet, or removed): compiled as any script.
}
const __script = new __Script(__readFileSync(__file, "utf8"), { filename: __file, cachedData: __cachedData });
const __exports = await __script.runInThisContext()([${specs.map((_, i) => `__d${i}`).join(', ')}], import.meta.url, (specifier) => import(specifier));
export const { ${names.join(', ')} } = __exports;
/** Build time: the code cache of the script as it is now (compiled and run once). */
export const __podscopeCodeCache = () => __script.createCachedData();
/** Whether V8 refused the cache (another Node version or other V8 flags): then it compiled the script itself. */
export const __podscopeCodeCacheRejected = __cachedData === undefined ? undefined : __script.cachedDataRejected === true;
`;
}

/**
 * Rewrites the chunk whose file name starts with `prefix` in `chunksDir` as a script plus its
 * wrapper, then makes the code cache in a child `node`: `warmEntry` (a bundled module whose
 * `warmTuiCodeCache()` loads the wrapper, runs what a start runs and returns the cache) when
 * given, else the wrapper loaded once (its top-level code only).
 */
export function codeCacheChunk(chunksDir, prefix, warmEntry) {
  const found = readdirSync(chunksDir).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.js') && !f.endsWith('.script.js'));
  if (found.length !== 1) throw new Error(`codeCache: expected one ${prefix} chunk in ${chunksDir}, found ${found.length}`);
  const file = found[0];
  const base = file.slice(0, -'.js'.length);
  const scriptFile = `${base}.script.js`;
  const cacheFile = `${base}.v8cache`;
  const parts = scriptChunk(readFileSync(join(chunksDir, file), 'utf8'), file);
  writeFileSync(join(chunksDir, scriptFile), parts.script);
  writeFileSync(join(chunksDir, file), wrapperModule(parts, scriptFile, cacheFile));
  const cachePath = JSON.stringify(join(chunksDir, cacheFile));
  const make = warmEntry
    ? `const m = await import(${JSON.stringify(pathToFileURL(warmEntry).href)}); writeFileSync(${cachePath}, await m.warmTuiCodeCache());`
    : `const m = await import(${JSON.stringify(pathToFileURL(join(chunksDir, file)).href)}); writeFileSync(${cachePath}, m.__podscopeCodeCache());`;
  // process.exit: the warm-up's simulator and Ink may leave handles behind.
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', `import { writeFileSync } from "node:fs"; ${make} process.exit(0);`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  if (child.status !== 0) throw new Error(`codeCache: making the cache for ${file} failed (${child.error?.message ?? `exit ${child.status}`}):\n${child.stderr}`);
  return { file, scriptFile, cacheFile };
}
