// The multi-line map and list fields of describe: labels, annotations, tolerations,
// topology spread constraints.
import type { Pod, Toleration } from '../types.js';
import { goSort } from './goSort.js';
import { LEVEL_0, type PrefixWriter } from './prefixWriter.js';

const MAX_ANNOTATION_LEN = 140;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const UTF8_ENCODER = new TextEncoder();
const UTF8_DECODER = new TextDecoder();

function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Go's s[:max] + "...", byte-based; a rune cut in half decodes as U+FFFD. */
function shorten(s: string, max: number): string {
  if (byteLength(s) <= max) return s;
  return UTF8_DECODER.decode(UTF8_ENCODER.encode(s).subarray(0, max)) + '...';
}

function sortedKeys(map: { [k: string]: string } | undefined): string[] {
  return Object.keys(map ?? {}).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** printLabelsMultiline: "Title:\tk=v" then "\tk=v" lines, or "<none>". */
export function writeLabels(w: PrefixWriter, title: string, labels: { [k: string]: string } | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortedKeys(labels);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

/** printAnnotationsMultiline: long or multi-line values go below their key, each line shortened. */
export function writeAnnotations(w: PrefixWriter, annotations: { [k: string]: string } | undefined, title = 'Annotations'): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortedKeys(annotations).filter((k) => k !== LAST_APPLIED);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    let value = annotations![key]!;
    if (value.endsWith('\n')) value = value.slice(0, -1);
    if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const line of value.split('\n')) w.write(LEVEL_0, `\t  ${shorten(line, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** printPodTolerationsMultiline: sorted by key, `key[=value][:Effect][ op=Exists][ for Ns]`. */
export function writeTolerations(w: PrefixWriter, tolerations: readonly Toleration[] | undefined, title = 'Tolerations'): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!tolerations || tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = goSort([...tolerations], (a, b) => (a.key ?? '') < (b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    let line = t.key ?? '';
    if (t.value) line += `=${t.value}`;
    if (t.effect) line += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) line += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) line += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${line}\n`);
  });
}

type LabelSelector = NonNullable<NonNullable<NonNullable<Pod['spec']>['topologySpreadConstraints']>[number]['labelSelector']>;

/** metav1.FormatLabelSelector: requirements sorted by key, "<none>" when empty. */
export function formatLabelSelector(sel: LabelSelector): string {
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    const text =
      e.operator === 'In'
        ? `${e.key} in (${values})`
        : e.operator === 'NotIn'
          ? `${e.key} notin (${values})`
          : e.operator === 'Exists'
            ? e.key
            : e.operator === 'DoesNotExist'
              ? `!${e.key}`
              : '';
    if (!text) return '<error>';
    reqs.push({ key: e.key, text });
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const s = reqs.map((r) => r.text).join(',');
  return s || '<none>';
}

export function writeTopologySpread(w: PrefixWriter, pod: Pod, space = ''): void {
  const tscs = pod.spec?.topologySpreadConstraints ?? [];
  if (tscs.length === 0) return;
  const sorted = goSort([...tscs], (a, b) => a.topologyKey < b.topologyKey);
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    let line = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector) line += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.write(LEVEL_0, `${line}\n`);
  });
}
