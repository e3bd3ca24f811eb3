// What describe's Events section says while an object's event list is on its way or could not
// be listed: never "<none>" before the LIST has answered.
import type { SubjectEvents } from '../../state/subjectEvents.js';

/** The pod view's events pane's first line, when its list is not (all) in. */
export function eventsPaneNotice(shown: SubjectEvents): string | undefined {
  if (shown.phase === 'loading') return '<listing events…>';
  if (shown.phase === 'error') return `<cannot list events: ${shown.error ?? 'unknown error'}>`;
  return undefined;
}

/**
 * describe's lines with the Events section told the truth: `<listing events…>` in place of
 * `<none>` while loading; after a failed LIST, the reason in place of `<none>` (or after the
 * events the watch brought since).
 */
export function withEventsNotice(lines: string[], shown: SubjectEvents): string[] {
  const notice = eventsPaneNotice(shown);
  if (notice === undefined) return lines;
  const at = lines.findLastIndex((line) => line.startsWith('Events:'));
  if (at >= 0 && lines[at]!.trimEnd().endsWith('<none>')) {
    const out = lines.slice();
    out[at] = lines[at]!.replace(/<none>\s*$/, notice);
    return out;
  }
  return [...lines, `  ${notice}`];
}
