#!/usr/bin/env node
// The shipped CLI: src/cli/main.ts bundled by esbuild into dist/bundle/ (ESM, split at the
// dynamic imports, so `get pods` never loads Ink and the simulator path never loads
// client-node). One file per chunk instead of ~250 modules cuts the start on this machine's
// 2 loaded cores from ~2.8 s to ~1.2 s (docs/benchmarks.md). bin/podscope.js imports it.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { inkFastOutput } from './inkFastOutput.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
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
  logLevel: 'warning',
  plugins: [inkFastOutput(root)],
  // React's production build: its development one checks and tracks every render (a frame
  // costs ~1.7× as much), and nothing of podscope reads NODE_ENV.
  define: { 'process.env.NODE_ENV': '"production"' },
});
