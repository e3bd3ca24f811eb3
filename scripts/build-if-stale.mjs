#!/usr/bin/env node
// `npm start` and `npm run bench`: build dist/ only when an input changed since the last
// build (a tsc build and the bundle cost 6–30 s; this check, a few milliseconds). Inputs:
// src/ and test/bench/ (files and folders, so a deleted or renamed file counts too), the
// tsconfigs, package.json and the bundle's scripts. The reference is dist/bundle/podscope.js,
// which every build writes last.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(root, 'dist', 'bundle', 'podscope.js');
const INPUT_DIRS = ['src', join('test', 'bench')];
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', join('scripts', 'bundle.mjs'), join('scripts', 'codeCache.mjs'), join('scripts', 'inkFastOutput.mjs'), join('scripts', 'stringWidthFast.mjs')];

function newestIn(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(OUTPUT).mtimeMs;
  } catch {
    return -Infinity;
  }
}

const built = builtAt();
const newestInput = Math.max(...INPUT_DIRS.map((d) => newestIn(join(root, d))), ...INPUT_FILES.map((f) => statSync(join(root, f)).mtimeMs));
if (newestInput > built) {
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) {
    // tsc emits despite type errors: mark the output old so the next run builds again.
    try {
      utimesSync(OUTPUT, 0, 0);
    } catch {
      // nothing was emitted
    }
    process.exit(tsc.status ?? 1);
  }
  const bundle = spawnSync(process.execPath, [join(root, 'scripts', 'bundle.mjs')], { stdio: 'inherit' });
  if (bundle.status !== 0) process.exit(bundle.status ?? 1);
}
