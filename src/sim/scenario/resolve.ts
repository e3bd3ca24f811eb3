// Scenario names (`default`, `crashloop`, …) → the bundled fixtures/<name>.yaml. The fixtures
// folder is found from this module's own location, so it works from src/ (tests, tsx) and
// from dist/src/ (the published package ships fixtures/ beside dist/).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's fixtures/ folder: the nearest ancestor with package.json and fixtures/. */
export function fixturesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'fixtures');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the bundled fixtures/ folder above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The names of the bundled scenarios, sorted. */
export function bundledScenarioNames(): string[] {
  return readdirSync(fixturesDir())
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** An existing file path is returned as is; a bundled name maps to its fixture; else an error listing the names. */
export function resolveScenarioPath(nameOrPath: string): string {
  if (isFile(nameOrPath)) return nameOrPath;
  const bare = nameOrPath.endsWith('.yaml') ? nameOrPath.slice(0, -'.yaml'.length) : nameOrPath;
  if (/^[a-z0-9][a-z0-9-]*$/.test(bare)) {
    const bundled = join(fixturesDir(), `${bare}.yaml`);
    if (isFile(bundled)) return bundled;
  }
  throw new Error(`unknown scenario "${nameOrPath}": no such file, and not a bundled scenario (${bundledScenarioNames().join(', ')})`);
}
