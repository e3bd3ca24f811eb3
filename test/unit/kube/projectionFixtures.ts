// What the projection tests (pods, events) run their readers over: every bundled scenario, at
// instants from the first second (pods pending, images pulling) to long after (crash loops
// backed off, jobs done).
import { readdirSync } from 'node:fs';

export const FIXTURES = readdirSync(new URL('../../../fixtures/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length))
  .sort();

export const INSTANTS = [1_000, 5_000, 12_000, 60_000, 200_000];
