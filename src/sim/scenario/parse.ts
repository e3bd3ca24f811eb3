// Scenario files: multi-document YAML of Kubernetes objects (a `kind: List` is unpacked), checked
// as a whole before anything is created — YAML syntax, kinds, names, string-typed fields, the
// sim.podscope.dev/* annotations, and a dry run of the apiserver's admission — so a mistake
// surfaces as `<file>:<line>:<col>: <what>` instead of a half-loaded cluster.
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, LineCounter, parseAllDocuments, Scalar, type Node } from 'yaml';
import { ApiError } from '../../kube/apiError.js';
import type { Kind, KindMap, KubeObject } from '../../kube/types.js';
import { createAdmission } from '../admission/index.js';
import { goValue } from '../admission/fieldErrors.js';
import { nameErrors } from '../admission/names.js';
import { shapeError } from '../admission/shapes.js';
import { ManualClock } from '../clock.js';
import { Random } from '../random.js';
import { KINDS } from '../../kube/catalog/index.js';
import { apiVersionOf, CLUSTER_SCOPED, Store } from '../store.js';
import { SIM_PREFIX, simAnnotationError } from './annotations.js';
import { NODE_STATE_ANNOTATION, nodeStateErrors, START_AFTER_ANNOTATION, STOP_AFTER_ANNOTATION } from '../nodeState.js';

const NODE_ANNOTATIONS: readonly string[] = [NODE_STATE_ANNOTATION, STOP_AFTER_ANNOTATION, START_AFTER_ANNOTATION];
import { ScenarioError } from './errors.js';
import { locate, parseFieldPath, type PathSegment } from './positions.js';

export interface Scenario {
  /** The file it came from, as given to the parser (used in error messages). */
  file: string;
  /** The objects in file order, `List` items flattened. */
  objects: KubeObject[];
}

type Json = Record<string, unknown>;

/** Where the pod template sits in each kind that has one ([] for a Pod itself). */
const POD_TEMPLATE_PATH: Partial<Record<Kind, PathSegment[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function getAt(obj: unknown, path: readonly PathSegment[]): unknown {
  let cur = obj;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else if (isRecord(cur)) cur = cur[String(seg)];
    else return undefined;
  }
  return cur;
}

function fieldName(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z][A-Za-z0-9]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${seg}]`;
  }
  return out;
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'a mapping' : `a ${typeof v}`;
}

/** One document or List item being checked, with what is needed to point into the source. */
class ObjectCheck {
  constructor(
    readonly file: string,
    readonly text: string,
    readonly lines: LineCounter,
    readonly root: Node | null,
    /** The object's path inside its document ([] or ['items', i]). */
    readonly base: PathSegment[],
    readonly obj: Json,
  ) {}

  fail(path: readonly PathSegment[], detail: string, field?: string, at: 'value' | 'key' = 'value'): never {
    const pos = locate(this.root, [...this.base, ...path], this.lines, at);
    throw new ScenarioError(this.file, pos.line, pos.column, detail, field);
  }

  /** Points at line `valueLine` (1-based) of a block scalar (`|`) value, else at the value. */
  failInValue(path: readonly PathSegment[], valueLine: number, detail: string, field: string): never {
    const full = [...this.base, ...path];
    let node: unknown = this.root;
    for (const seg of full) node = isMap(node) ? node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg))?.value : undefined;
    if (isScalar(node) && node.type === Scalar.BLOCK_LITERAL && node.range) {
      const header = this.lines.linePos(node.range[0]);
      const line = header.line + valueLine;
      const indent = /^ */.exec(this.text.split('\n')[line - 1] ?? '')![0].length;
      throw new ScenarioError(this.file, line, indent + 1, detail, field);
    }
    this.fail(path, detail, field);
  }

  failField(path: readonly PathSegment[], message: string, field = fieldName(path)): never {
    this.fail(path, `${field}: ${message}`, field);
  }
}

function checkKind(c: ObjectCheck): Kind {
  const { kind, apiVersion } = c.obj;
  if (typeof kind !== 'string' || kind === '') c.failField(['kind'], 'Required value: every object needs a kind (Pod, Deployment, …)');
  if (typeof apiVersion !== 'string' || apiVersion === '') c.failField(['apiVersion'], 'Required value: every object needs an apiVersion (v1, apps/v1, …)');
  const known = KINDS.find((k) => k === kind);
  if (!known) {
    c.fail(['kind'], `no matches for kind "${kind}" in version "${apiVersion}" (the simulator knows ${KINDS.join(', ')})`, 'kind');
  }
  if (apiVersionOf(known) !== apiVersion) {
    c.fail(['apiVersion'], `no matches for kind "${kind}" in version "${apiVersion}" (${kind} is ${apiVersionOf(known)})`, 'apiVersion');
  }
  return known;
}

function checkMetadata(c: ObjectCheck, kind: Kind): void {
  const meta = c.obj.metadata;
  if (meta === undefined) c.failField(['metadata'], 'Required value: name or generateName is required');
  if (!isRecord(meta)) c.failField(['metadata'], `must be a mapping, not ${describeType(meta)}`);
  const { name, generateName, namespace } = meta;
  if (name !== undefined && typeof name !== 'string') c.failField(['metadata', 'name'], `must be a string, not ${describeType(name)}`);
  if (!name && !generateName) c.failField(['metadata', 'name'], 'Required value: name or generateName is required');
  if (namespace !== undefined && !CLUSTER_SCOPED.has(kind)) {
    if (typeof namespace !== 'string') c.failField(['metadata', 'namespace'], `must be a string, not ${describeType(namespace)}`);
    const err = nameErrors('metadata.namespace', namespace, 'label')[0];
    if (err) c.failField(['metadata', 'namespace'], err.message);
  }
}

/** Labels, annotations and env values are strings in the API: `1` or `true` unquoted is a common slip. */
function checkStringMap(c: ObjectCheck, path: PathSegment[]): void {
  const map = getAt(c.obj, path);
  if (map === undefined || map === null) return;
  if (!isRecord(map)) c.failField(path, `must be a mapping, not ${describeType(map)}`);
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== 'string') {
      c.failField([...path, key], `must be a string, not ${describeType(value)}: put the value in quotes`, `${fieldName(path)}[${key}]`);
    }
  }
}

function containersOf(spec: unknown): { list: 'containers' | 'initContainers'; index: number; c: Json }[] {
  const out: { list: 'containers' | 'initContainers'; index: number; c: Json }[] = [];
  for (const list of ['initContainers', 'containers'] as const) {
    const items = isRecord(spec) ? spec[list] : undefined;
    if (!Array.isArray(items)) continue;
    items.forEach((c, index) => {
      if (isRecord(c)) out.push({ list, index, c });
    });
  }
  return out;
}

/** Resource quantities may be written as YAML numbers (`cpu: 2`); the API stores them as strings. */
function normalizeQuantities(resources: unknown): void {
  if (!isRecord(resources)) return;
  for (const listName of ['limits', 'requests']) {
    const list = resources[listName];
    if (!isRecord(list)) continue;
    for (const [k, v] of Object.entries(list)) if (typeof v === 'number') list[k] = String(v);
  }
}

function checkPodTemplate(c: ObjectCheck, templatePath: PathSegment[]): void {
  checkStringMap(c, [...templatePath, 'metadata', 'labels']);
  checkStringMap(c, [...templatePath, 'metadata', 'annotations']);
  const specPath = [...templatePath, 'spec'];
  const spec = getAt(c.obj, specPath);
  const containers = containersOf(spec);
  for (const { list, index, c: container } of containers) {
    normalizeQuantities(container.resources);
    const env = container.env;
    if (!Array.isArray(env)) continue;
    env.forEach((e, i) => {
      if (isRecord(e) && e.value !== undefined && typeof e.value !== 'string') {
        c.failField([...specPath, list, index, 'env', i, 'value'], `must be a string, not ${describeType(e.value)}: put the value in quotes`);
      }
    });
  }
  const names = containers.map((x) => x.c.name).filter((n): n is string => typeof n === 'string');
  const annotations = getAt(c.obj, [...templatePath, 'metadata', 'annotations']);
  if (!isRecord(annotations)) return;
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(SIM_PREFIX)) continue;
    const problem = simAnnotationError(key, value as string, names);
    if (!problem) continue;
    const path = [...templatePath, 'metadata', 'annotations', key];
    if (problem.valueLine !== undefined) c.failInValue(path, problem.valueLine, problem.message, fieldName(path));
    c.fail(path, problem.message, fieldName(path), problem.on);
  }
}

/** sim annotations act on pods; on a workload's own metadata they would silently do nothing. */
function checkMisplacedSimAnnotations(c: ObjectCheck, kind: Kind): void {
  if (kind === 'Node') {
    checkNodeAnnotations(c);
    return;
  }
  const templatePath = POD_TEMPLATE_PATH[kind];
  if (templatePath && templatePath.length === 0) return;
  const annotations = getAt(c.obj, ['metadata', 'annotations']);
  if (!isRecord(annotations)) return;
  const key = Object.keys(annotations).find((k) => k.startsWith(SIM_PREFIX));
  if (key === undefined) return;
  const where = templatePath ? `put it on ${fieldName([...templatePath, 'metadata', 'annotations'])}` : 'only Pods and pod templates use them';
  c.fail(['metadata', 'annotations', key], `annotation ${key} has no effect on a ${kind}: ${where}`, fieldName(['metadata', 'annotations', key]), 'key');
}

/** A Node takes only the node-state annotations, with valid values; a pod annotation there would do nothing. */
function checkNodeAnnotations(c: ObjectCheck): void {
  const annotations = getAt(c.obj, ['metadata', 'annotations']);
  if (!isRecord(annotations)) return;
  for (const key of Object.keys(annotations)) {
    if (!key.startsWith(SIM_PREFIX) || NODE_ANNOTATIONS.includes(key)) continue;
    c.fail(['metadata', 'annotations', key], `annotation ${key} has no effect on a Node: a Node takes ${NODE_ANNOTATIONS.join(', ')}`, fieldName(['metadata', 'annotations', key]), 'key');
  }
  const bad = nodeStateErrors({ metadata: { annotations: annotations as Record<string, string> } })[0];
  if (bad) {
    const key = bad.field.slice('metadata.annotations['.length, -1);
    const detail = bad.supported ? `supported values: ${bad.supported.map((v) => `"${v}"`).join(', ')}` : bad.detail;
    c.fail(['metadata', 'annotations', key], `annotation ${key}: ${JSON.stringify(bad.value)}: ${detail}`, fieldName(['metadata', 'annotations', key]));
  }
}

/** Field types as the apiserver decodes them: `replicas: three` is refused here, at its line. */
function checkShape(c: ObjectCheck, kind: Kind): void {
  const bad = shapeError(kind, c.obj);
  if (bad) c.fail(bad.path, `${bad.field}: Invalid value: ${goValue(bad.value)}: ${bad.message}`, bad.field);
}

/** Runs the apiserver's admission on a copy, so invalid objects fail here with a line number. */
function dryAdmit(c: ObjectCheck, kind: Kind, admission: ReturnType<typeof createAdmission>, scratch: Store): void {
  const copy = structuredClone(c.obj) as KindMap[Kind];
  const meta = { ...copy.metadata };
  if (!CLUSTER_SCOPED.has(kind)) meta.namespace ||= 'default';
  if (!meta.name) meta.name = `${meta.generateName ?? ''}xxxxx`;
  try {
    admission.admit(kind, { ...copy, metadata: meta }, { now: 0, random: new Random(1), store: scratch });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const causes = err.details?.causes ?? [];
    const first = causes[0];
    if (!first?.field) c.fail(err.code === 403 && kind === 'Pod' ? ['spec', 'priorityClassName'] : [], err.message);
    const more = causes.length > 1 ? ` (and ${causes.length - 1} more: ${causes.slice(1).map((x) => x.field).join(', ')})` : '';
    c.fail(parseFieldPath(first.field), `${first.field}: ${first.message}${more}`, first.field);
  }
}

function objectKey(kind: Kind, obj: Json): string | undefined {
  const meta = obj.metadata as Json;
  if (typeof meta.name !== 'string' || !meta.name) return undefined;
  const ns = CLUSTER_SCOPED.has(kind) ? '' : typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : 'default';
  return `${kind}/${ns}/${meta.name}`;
}

export function parseScenario(text: string, file: string): Scenario {
  const lines = new LineCounter();
  // YAML 1.1, as kubectl's sigs.k8s.io/yaml reads it: `defaultMode: 0644` is octal, `on`/`yes` are booleans.
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: '1.1' });
  const admission = createAdmission();
  const scratch = new Store(new ManualClock(), new Random(1));
  const seen = new Map<string, number>();
  const objects: KubeObject[] = [];

  for (const doc of Array.isArray(docs) ? docs : []) {
    const syntax = doc.errors[0];
    if (syntax) {
      const pos = lines.linePos(syntax.pos[0]);
      throw new ScenarioError(file, pos.line, pos.col, `YAML syntax error: ${syntax.message}`);
    }
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (err) {
      // An alias whose anchor is not set before it: point at the alias.
      const alias = /: (\S+)$/.exec((err as Error).message)?.[1];
      const at = alias ? text.indexOf(`*${alias}`) : -1;
      const pos = lines.linePos(Math.max(at, doc.range[0]));
      throw new ScenarioError(file, pos.line, pos.col, `YAML error: ${(err as Error).message}`);
    }
    if (value === null || value === undefined) continue;
    const root = doc.contents as Node | null;
    const top: ObjectCheck = new ObjectCheck(file, text, lines, root, [], isRecord(value) ? value : {});
    if (!isRecord(value)) top.fail([], `a document must be a Kubernetes object (a mapping), not ${describeType(value)}`);

    let entries: ObjectCheck[] = [top];
    if (value.kind === 'List') {
      if (value.apiVersion !== 'v1') top.failField(['apiVersion'], `a List is apiVersion v1, not ${JSON.stringify(value.apiVersion)}`);
      const items = value.items ?? [];
      if (!Array.isArray(items)) top.failField(['items'], `must be a list, not ${describeType(items)}`);
      entries = items.map((item, i) => {
        const check: ObjectCheck = new ObjectCheck(file, text, lines, root, ['items', i], isRecord(item) ? item : {});
        if (!isRecord(item)) check.fail([], `a List item must be a Kubernetes object (a mapping), not ${describeType(item)}`);
        return check;
      });
    }

    for (const c of entries) {
      const kind = checkKind(c);
      checkMetadata(c, kind);
      checkStringMap(c, ['metadata', 'labels']);
      checkStringMap(c, ['metadata', 'annotations']);
      checkMisplacedSimAnnotations(c, kind);
      const templatePath = POD_TEMPLATE_PATH[kind];
      if (templatePath) checkPodTemplate(c, templatePath);
      checkShape(c, kind);
      dryAdmit(c, kind, admission, scratch);
      const key = objectKey(kind, c.obj);
      if (key) {
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          c.fail(['metadata', 'name'], `${kind} "${String((c.obj.metadata as Json).name)}" is defined twice (first at line ${earlier})`, 'metadata.name');
        }
        seen.set(key, locate(root, [...c.base, 'metadata', 'name'], lines).line);
      }
      objects.push(c.obj as KubeObject);
    }
  }
  return { file, objects };
}

export async function loadScenario(path: string): Promise<Scenario> {
  const text = await readFile(path, 'utf8');
  return parseScenario(text, path);
}
