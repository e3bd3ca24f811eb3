// Credentials never reach a terminal or a log: every error becomes text through here, and
// anything that looks like a bearer token, a password or a key is replaced. The patterns
// cover what Node, fetch and client-node put in their messages (header values, URLs with
// userinfo, JSON or YAML fields); exact secrets known to the caller are removed as well.

const REDACTED = '[REDACTED]';

const PATTERNS: RegExp[] = [
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi,
  /\b((?:access[-_]?|refresh[-_]?|id[-_]?)?token|password|client[-_]?secret|client[-_]?key[-_]?data)(["']?\s*[:=]\s*["']?)[^\s"',}\]]+/gi,
  /(\/\/[^/\s:@]+:)[^/\s@]+@/g,
];

/** The text with credentials replaced; `known` are exact secrets (shorter than 6 characters are ignored). */
export function scrubSecrets(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of known) {
    const s = secret.trim();
    if (s.length >= 6) out = out.split(s).join(REDACTED);
  }
  out = out.replace(PATTERNS[0]!, (_m, scheme: string) => `${scheme} ${REDACTED}`);
  out = out.replace(PATTERNS[1]!, (_m, key: string, sep: string) => `${key}${sep}${REDACTED}`);
  out = out.replace(PATTERNS[2]!, (_m, user: string) => `${user}${REDACTED}@`);
  return out;
}
