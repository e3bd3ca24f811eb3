#!/usr/bin/env node
// The CLI as built by `npm run build`: the esbuild bundle (scripts/bundle.mjs).
import "../dist/bundle/podscope.js";
