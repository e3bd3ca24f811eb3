export { diagnose, RULES } from './diagnose.js';
export { diagnosisLines } from './render.js';
export type { Cause, Diagnosis, DiagnosisInput, Evidence, Finding, ObjectLookup } from './types.js';
