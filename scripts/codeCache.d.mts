// Types of scripts/codeCache.mjs for the tests (the build scripts are plain ES modules).
export interface ScriptedChunk {
  script: string;
  specs: string[];
  names: string[];
}
export function scriptChunk(text: string, name: string): ScriptedChunk;
export function wrapperModule(parts: ScriptedChunk, scriptFile: string, cacheFile: string): string;
export function codeCacheChunk(chunksDir: string, prefix: string, warmEntry?: string): { file: string; scriptFile: string; cacheFile: string };
