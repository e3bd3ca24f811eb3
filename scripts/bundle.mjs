#!/usr/bin/env node
// The shipped CLI: src/cli/main.ts bundled by esbuild into dist/bundle/ (ESM, split at the
// dynamic imports, so `get pods` never loads Ink and the simulator path never loads
// client-node). One file per chunk instead of ~250 modules cuts the start on this machine's
// 2 loaded cores from ~2.8 s to ~1.2 s (docs/benchmarks.md). bin/podscope.js imports it.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Yoga (Ink's layout) is emscripten output with its wasm inline as a data: URL, which it
// fetch()es whenever a global fetch exists: on Node that loads undici (~25 ms of a 2-core
// start) only to decode bytes it can decode itself. Built as if there were no fetch, it takes
// its own synchronous path. The build fails if a new yoga no longer has the two checks.
const YOGA_FETCH_CHECK = '"function"!=typeof fetch';
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const checks = text.split(YOGA_FETCH_CHECK).length - 1;
      if (checks !== 2) throw new Error(`bundle: expected 2 fetch checks in ${args.path}, found ${checks}; see scripts/bundle.mjs`);
      return { contents: text.replaceAll(YOGA_FETCH_CHECK, 'true'), loader: 'js' };
    });
  },
};
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { podscope: join(root, 'src', 'cli', 'main.ts') },
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
  plugins: [yogaWithoutFetch],
  logLevel: 'warning',
});
