#!/usr/bin/env node
// The CLI as built by `npm run build`: the esbuild bundle (scripts/bundle.mjs), its start path
// evaluated from code-cached scripts by the generated chunk loader (scripts/codeCache.mjs).
// CommonJS (bin/package.json): the TUI then starts without Node's ES module loader.
'use strict';
require('../dist/bundle/chunkLoader.cjs')
  .load('podscope.js')
  .catch((err) => {
    process.stderr.write(`podscope: cannot load the bundle: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
