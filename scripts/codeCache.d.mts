// Types of scripts/codeCache.mjs for the tests (the build scripts are plain ES modules).
export interface ScriptedChunk {
  script: string;
  specs: string[];
  names: string[];
}
export function scriptChunk(text: string, name: string): ScriptedChunk;
export function resolveId(from: string, spec: string): string;
export function changingExports(text: string): string[];
export function startPathChunks(bundleDir: string, roots: string[]): string[];
export function loaderModule(table: Record<string, string[]>): string;
export function chunkWrapper(id: string, names: string[], loaderSpec: string): string;
export function codeCacheStartPath(bundleDir: string, roots: string[], warmEntry?: string): string[];
