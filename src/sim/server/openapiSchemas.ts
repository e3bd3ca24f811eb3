// OpenAPI v3 component schemas for the served kinds, generated from the models
// @kubernetes/client-node ships (themselves generated from the upstream OpenAPI document):
// each model's attributeTypeMap (JSON name, type, format) from its .js file and the field
// descriptions and required fields from its .d.ts. Nothing is written by hand; nothing is
// read until a client asks for a group version's document (kubectl explain), and then the
// result is kept for the life of the process.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type Schema = Record<string, unknown>;

interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}

let modelsDir: string | undefined;
function modelsDirectory(): string {
  modelsDir ??= join(dirname(createRequire(import.meta.url).resolve('@kubernetes/client-node')), 'gen', 'models');
  return modelsDir;
}

/** client-node's model class of a served kind (core Events are CoreV1Event). */
export function modelOfKind(kind: string, version: string): string {
  const prefix = version.charAt(0).toUpperCase() + version.slice(1);
  return kind === 'Event' ? `Core${prefix}Event` : `${prefix}${kind}`;
}

/** A model's schema name: its group-version prefix lower-cased, a dot, its kind ("v1.Container", "corev1.Event"). */
export function schemaName(model: string): string {
  const m = /^([A-Za-z]*?V\d+(?:(?:alpha|beta)\d+)?)([A-Z].*)$/.exec(model);
  return m ? `${m[1]!.toLowerCase()}.${m[2]}` : model;
}

function readModel(model: string): { attributes: Attribute[]; docs: Map<string, string>; required: Set<string>; description?: string } | undefined {
  const base = join(modelsDirectory(), model);
  if (!existsSync(`${base}.js`) || !existsSync(`${base}.d.ts`)) return undefined;
  const js = readFileSync(`${base}.js`, 'utf8');
  const at = js.indexOf(`${model}.attributeTypeMap = [`);
  if (at < 0) return undefined;
  const start = js.indexOf('[', at);
  const end = js.indexOf('];', start);
  const attributes = JSON.parse(js.slice(start, end + 1)) as Attribute[];
  const dts = readFileSync(`${base}.d.ts`, 'utf8');
  const docs = new Map<string, string>();
  const required = new Set<string>();
  const field = /\/\*\*\n((?:\s*\*.*\n)*?)\s*\*\/\n\s*'([^']+)'(\?)?:/g;
  for (let m = field.exec(dts); m; m = field.exec(dts)) {
    docs.set(m[2]!, commentText(m[1]!));
    if (!m[3]) required.add(m[2]!);
  }
  const cls = new RegExp(`/\\*\\*\\n((?:\\s*\\*.*\\n)*?)\\s*\\*/\\nexport declare class ${model} `).exec(dts);
  return { attributes, docs, required, description: cls ? commentText(cls[1]!) : undefined };
}

function commentText(block: string): string {
  return block
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, ''))
    .join('\n')
    .trim()
    .replace(/\\(['"\\])/g, '$1');
}

/** The model an attribute type refers to, through arrays and maps. */
function elementModel(type: string): string | undefined {
  const inner = /^Array<(.+)>$/.exec(type)?.[1] ?? /^\{ \[key: string\]: (.+); \}$/.exec(type)?.[1];
  if (inner) return elementModel(inner);
  return /^[A-Z]/.test(type) && type !== 'Date' && type !== 'IntOrString' ? type : undefined;
}

const descriptions = new Map<string, string | undefined>();
function modelDescription(model: string | undefined): string | undefined {
  if (!model) return undefined;
  if (!descriptions.has(model)) descriptions.set(model, readModel(model)?.description);
  return descriptions.get(model);
}

const PRIMITIVES: Record<string, Schema> = {
  string: { type: 'string' },
  boolean: { type: 'boolean' },
  Date: { type: 'string', format: 'date-time' },
  any: { type: 'object' },
};

/** The schemas of `roots` and every model they reach, by schema name. */
export function schemasFor(roots: readonly string[]): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const queue = [...roots];
  const seen = new Set<string>();
  const ref = (model: string): Schema => {
    if (!seen.has(model)) {
      seen.add(model);
      queue.push(model);
    }
    return { $ref: `#/components/schemas/${schemaName(model)}` };
  };
  const typeOf = (type: string, format: string): Schema => {
    const array = /^Array<(.+)>$/.exec(type);
    if (array) return { type: 'array', items: typeOf(array[1]!, format) };
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    if (map) return { type: 'object', additionalProperties: typeOf(map[1]!, format) };
    if (type === 'number') return format === 'double' ? { type: 'number', format } : { type: 'integer', format: format || 'int64' };
    if (type === 'IntOrString') return { type: 'string', format: 'int-or-string' };
    const primitive = PRIMITIVES[type];
    if (primitive) return format && type === 'string' ? { ...primitive, format } : { ...primitive };
    return { allOf: [ref(type)] };
  };
  for (const r of roots) seen.add(r);
  while (queue.length > 0) {
    const model = queue.shift()!;
    const read = readModel(model);
    if (!read) continue;
    const properties: Record<string, Schema> = {};
    for (const a of read.attributes) {
      const schema = typeOf(a.type, a.format);
      // client-node keeps no description on a field that refers to a model; the model's own stands in.
      const description = read.docs.get(a.name) ?? modelDescription(elementModel(a.type));
      properties[a.baseName] = description ? { description, ...schema } : schema;
    }
    const schema: Schema = { type: 'object', properties };
    if (read.description) schema.description = read.description;
    const required = read.attributes.filter((a) => read.required.has(a.name)).map((a) => a.baseName);
    if (required.length > 0) schema.required = required;
    out[schemaName(model)] = schema;
  }
  return out;
}
