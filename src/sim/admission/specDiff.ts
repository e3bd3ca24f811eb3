// The diff the apiserver appends to "pod updates may not change fields other than …": upstream
// prints go-cmp's cmp.Diff(oldPod.Spec, mungedPodSpec) over the internal Go structs. This renders
// the same shape over the JSON objects: a `core.PodSpec{` header, one tab of indent per level,
// "- "/"+ " lines for what changed, "... // N identical fields" for runs that did not.
// Differences, by necessity: field names are the JSON names with the first letter raised (Go's
// own names differ in a few initialisms, which are mapped below); fields absent from the JSON
// are absent here (Go prints zero values such as `InitContainers: nil`); nested types are not
// named except the container lists; cmp.Diff itself randomly swaps spaces for U+00A0 so that no
// one depends on its exact bytes, which is why clients never parse it.
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const GO_NAMES: Record<string, string> = {
  dnsPolicy: 'DNSPolicy',
  dnsConfig: 'DNSConfig',
  hostPID: 'HostPID',
  hostIPC: 'HostIPC',
  os: 'OS',
  tty: 'TTY',
  hostIP: 'HostIP',
};

const LIST_TYPES: Record<string, string> = {
  containers: '[]core.Container',
  initContainers: '[]core.Container',
  ephemeralContainers: '[]core.EphemeralContainer',
  volumes: '[]core.Volume',
  tolerations: '[]core.Toleration',
};

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function goName(key: string): string {
  return GO_NAMES[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

function same(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!same(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** A value as a Go composite literal, on one line. */
function literal(v: Json | undefined, other?: Json): string {
  if (v === undefined || v === null) {
    if (typeof other === 'string') return '""';
    if (typeof other === 'boolean') return 'false';
    return 'nil';
  }
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `{${v.map((x) => literal(x)).join(', ')}}`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${goName(k)}: ${literal(x)}`)
    .join(', ')}}`;
}

function identical(n: number, what: 'fields' | 'elements'): string {
  return `... // ${n} identical ${n === 1 ? what.slice(0, -1) : what}`;
}

class Lines {
  readonly out: string[] = [];
  same(depth: number, text: string): void {
    this.out.push(`  ${'\t'.repeat(depth)}${text}`);
  }
  removed(depth: number, text: string): void {
    this.out.push(`- ${'\t'.repeat(depth)}${text}`);
  }
  added(depth: number, text: string): void {
    this.out.push(`+ ${'\t'.repeat(depth)}${text}`);
  }
}

function fields(lines: Lines, depth: number, a: JsonObject, b: JsonObject): void {
  const keys = [...Object.keys(a)];
  for (const k of Object.keys(b)) if (!(k in a)) keys.push(k);
  let run = 0;
  const flush = (): void => {
    if (run > 0) lines.same(depth, identical(run, 'fields'));
    run = 0;
  };
  for (const key of keys) {
    if (same(a[key], b[key])) {
      run++;
      continue;
    }
    flush();
    member(lines, depth, `${goName(key)}: `, a[key], b[key], LIST_TYPES[key] ?? '');
  }
  flush();
}

function elements(lines: Lines, depth: number, a: Json[], b: Json[]): void {
  let run = 0;
  const flush = (): void => {
    if (run > 0) lines.same(depth, identical(run, 'elements'));
    run = 0;
  };
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (same(a[i], b[i])) {
      run++;
      continue;
    }
    flush();
    member(lines, depth, '', a[i], b[i], '');
  }
  flush();
}

/** One changed member: descend where both sides are objects (or equal-length lists), else -/+ lines. */
function member(lines: Lines, depth: number, label: string, a: Json | undefined, b: Json | undefined, typeName: string): void {
  if (isObject(a) && isObject(b)) {
    lines.same(depth, `${label}${typeName}{`);
    fields(lines, depth + 1, a, b);
    lines.same(depth, '},');
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    lines.same(depth, `${label}${typeName}{`);
    elements(lines, depth + 1, a, b);
    lines.same(depth, '},');
    return;
  }
  if (a !== undefined) lines.removed(depth, `${label}${literal(a, b)},`);
  else lines.removed(depth, `${label}${literal(undefined, b)},`);
  if (b !== undefined) lines.added(depth, `${label}${literal(b, a)},`);
  else lines.added(depth, `${label}${literal(undefined, a)},`);
}

/** cmp.Diff(old, new)-shaped text of two specs (empty when they are the same); `typeName` heads it. */
export function specDiff(oldSpec: unknown, newSpec: unknown, typeName = 'core.PodSpec'): string {
  const a = (oldSpec ?? {}) as JsonObject;
  const b = (newSpec ?? {}) as JsonObject;
  if (same(a, b)) return '';
  const lines = new Lines();
  lines.same(0, `${typeName}{`);
  fields(lines, 1, a, b);
  lines.same(0, '}');
  return `${lines.out.join('\n')}\n`;
}

export { same as jsonEqual };
