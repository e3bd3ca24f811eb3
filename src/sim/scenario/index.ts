// Scenario files: parse and check (parse.ts), load into a simulator (apply.ts), find by name (resolve.ts).
export { applyScenario, SYSTEM_NAMESPACES } from './apply.js';
export { ScenarioError } from './errors.js';
export { loadScenario, parseScenario, type Scenario } from './parse.js';
export { bundledScenarioNames, fixturesDir, resolveScenarioPath } from './resolve.js';
