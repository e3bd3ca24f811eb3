#!/usr/bin/env node
// The shipped CLI: src/cli/main.ts bundled by esbuild into dist/bundle/ (ESM, split at the
// dynamic imports, so `get pods` never loads Ink and the simulator path never loads
// client-node). One file per chunk instead of ~250 modules cuts the start on this machine's
// 2 loaded cores from ~2.8 s to ~1.2 s (docs/benchmarks.md). bin/podscope.js imports it.
import { readFileSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { inkFastOutput } from './inkFastOutput.mjs';
import { codeCacheStartPath } from './codeCache.mjs';
import { stringWidthFast } from './stringWidthFast.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Yoga (Ink's layout) is emscripten output with its wasm inline as a data: URL. It fetch()es
// that URL whenever a global fetch exists, which on Node loads undici (~25 ms of a start on 2
// busy cores) to decode bytes it could decode itself; without fetch it decodes them with atob
// and a loop over 70 KB (~25 ms more). Built here to take Buffer's base64 decoder instead. Each
// replaced text must be found exactly as expected, or the build fails (a new yoga needs a look).
const YOGA_EDITS = [
  { find: '"function"!=typeof fetch', replace: 'true', times: 2 },
  {
    find: 'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
    replace: 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))',
    times: 1,
  },
];
const yogaFastLoad = {
  name: 'yoga-fast-load',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      let text = readFileSync(args.path, 'utf8');
      for (const edit of YOGA_EDITS) {
        const found = text.split(edit.find).length - 1;
        if (found !== edit.times) throw new Error(`bundle: expected ${edit.times} of ${JSON.stringify(edit.find)} in ${args.path}, found ${found}; see scripts/bundle.mjs`);
        text = text.replaceAll(edit.find, edit.replace);
      }
      return { contents: text, loader: 'js' };
    });
  },
};
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { podscope: join(root, 'src', 'cli', 'main.ts'), warmCodeCache: join(root, 'src', 'cli', 'warmCodeCache.ts') },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  splitting: true,
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  // Ink loads React's devtools only when DEV=true; podscope never sets it.
  external: ['react-devtools-core'],
  // CommonJS dependencies (js-yaml, ws, …) call require(); give each ESM chunk one.
  banner: { js: "import { createRequire as __podscopeCreateRequire } from 'node:module'; const require = __podscopeCreateRequire(import.meta.url);" },
  plugins: [yogaFastLoad, inkFastOutput(root), stringWidthFast(root)],
  // React's production build: without this the bundle ran React's development build (prop
  // checks, dev-only hooks bookkeeping, performance.measure per render; a frame cost ~1.7× as
  // much), as NODE_ENV is unset. Nothing of podscope reads NODE_ENV.
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});

// The start path's chunks as scripts with V8 code caches (scripts/codeCache.mjs), made after a
// first frame drawn off-screen by the build-only entry, which is not shipped. The start path:
// the entry and what it imports, plus the chunks a cluster's TUI imports as it starts.
const warm = join(outdir, 'warmCodeCache.js');
const chunksDir = join(outdir, 'chunks');
const startChunks = [/^tui-\w+\.js$/, /^startup-\w+\.js$/, /^tuiModules-\w+\.js$/].map((re) => {
  const found = readdirSync(chunksDir).filter((f) => re.test(f));
  if (found.length !== 1) throw new Error(`bundle: expected one chunk named like ${re} in ${chunksDir}, found ${found.length}; see scripts/bundle.mjs`);
  return `chunks/${found[0]}`;
});
codeCacheStartPath(outdir, ['podscope.js', ...startChunks], warm);
rmSync(warm);
rmSync(`${warm}.map`);
// podscope.js last: scripts/build-if-stale.mjs takes its time as the build's.
const done = new Date();
utimesSync(join(outdir, 'podscope.js'), done, done);
