// The `sim serve --faults SPEC` language: comma-separated rules, each `name=value`.
//
//   seed=N                 seed of every random choice (default 1): the same spec and seed
//                          inject the same faults into the same sequence of requests
//   error=P%:CODE          answer P percent of API requests with CODE: 500, 429 (with
//                          Retry-After) or 503; may be given once per code
//   latency=D | D..D       delay every API request by D (or uniformly between the two)
//   hang=P%:D              hold P percent of API requests for D before serving them
//   cut-list=P%            close the connection halfway through P percent of list bodies
//   drop-watch=D           every D, drop every open watch connection (no clean end)
//   malformed-watch=D      every D, write a line that is not JSON into every open watch
//   expire-watch=D         every D, send every open watch a 410 Expired ERROR event and end it
//   restart=D              every D, act as a restarted server: close every connection and
//                          forget the watch history (a watch from an earlier version gets 410)
//
// Durations are Go-style: 500ms, 10s, 2m, 1h (or a sum such as 1m30s). /healthz, /livez and
// /readyz are never faulted, so probes keep telling whether the process is up.

export type FaultCode = 500 | 429 | 503;

export interface FaultSpec {
  seed: number;
  /** Share (0–1) of API requests answered with each code. */
  errors: { code: FaultCode; share: number }[];
  latencyMs?: { min: number; max: number };
  hang?: { share: number; ms: number };
  cutListShare?: number;
  dropWatchEveryMs?: number;
  malformedWatchEveryMs?: number;
  expireWatchEveryMs?: number;
  restartEveryMs?: number;
}

export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go-style duration (`1m30s`, `250ms`), at least 1 ms. */
export function parseFaultDuration(text: string, rule: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    total += Number(m[1]) * UNITS[m[2]!]!;
    matched = re.lastIndex;
  }
  if (text === '' || matched !== text.length) throw new FaultSpecError(`${rule}: "${text}" is not a duration (use 500ms, 10s, 2m, 1h)`);
  if (total < 1) throw new FaultSpecError(`${rule}: the duration must be at least 1ms, got "${text}"`);
  return Math.round(total);
}

function parseShare(text: string, rule: string): number {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (!m) throw new FaultSpecError(`${rule}: "${text}" is not a percentage (use 5% or 0.5%)`);
  const pct = Number(m[1]);
  if (pct > 100) throw new FaultSpecError(`${rule}: a share cannot exceed 100%, got ${text}`);
  return pct / 100;
}

function split2(value: string, rule: string, shape: string): [string, string] {
  const at = value.indexOf(':');
  if (at < 0) throw new FaultSpecError(`${rule}: expected ${shape}, got "${value}"`);
  return [value.slice(0, at), value.slice(at + 1)];
}

const RULES = ['seed', 'error', 'latency', 'hang', 'cut-list', 'drop-watch', 'malformed-watch', 'expire-watch', 'restart'];

export function parseFaultSpec(text: string): FaultSpec {
  const spec: FaultSpec = { seed: 1, errors: [] };
  const seen = new Set<string>();
  const parts = text.split(',').map((p) => p.trim());
  if (parts.every((p) => p === '')) throw new FaultSpecError('the fault spec is empty (example: error=5%:503,drop-watch=30s)');
  for (const part of parts) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new FaultSpecError(`"${part}" is not name=value (rules: ${RULES.join(', ')})`);
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!RULES.includes(name)) throw new FaultSpecError(`unknown fault "${name}" (rules: ${RULES.join(', ')})`);
    const key = name === 'error' ? `error:${value.split(':')[1] ?? ''}` : name;
    if (seen.has(key)) throw new FaultSpecError(`${name} is given twice${name === 'error' ? ` for code ${value.split(':')[1]}` : ''}`);
    seen.add(key);
    switch (name) {
      case 'seed':
        if (!/^\d{1,9}$/.test(value)) throw new FaultSpecError(`seed: "${value}" is not a non-negative integer`);
        spec.seed = Number(value);
        break;
      case 'error': {
        const [share, code] = split2(value, name, 'P%:CODE (for example 5%:503)');
        if (code !== '500' && code !== '429' && code !== '503') throw new FaultSpecError(`error: the code must be 500, 429 or 503, got "${code}"`);
        spec.errors.push({ code: Number(code) as FaultCode, share: parseShare(share, name) });
        break;
      }
      case 'latency': {
        const [lo, hi] = value.includes('..') ? value.split('..', 2) : [value, value];
        const min = parseFaultDuration(lo!, name);
        const max = parseFaultDuration(hi!, name);
        if (max < min) throw new FaultSpecError(`latency: the range ${value} ends before it starts`);
        spec.latencyMs = { min, max };
        break;
      }
      case 'hang': {
        const [share, d] = split2(value, name, 'P%:DURATION (for example 2%:10s)');
        spec.hang = { share: parseShare(share, name), ms: parseFaultDuration(d, name) };
        break;
      }
      case 'cut-list':
        spec.cutListShare = parseShare(value, name);
        break;
      case 'drop-watch':
        spec.dropWatchEveryMs = parseFaultDuration(value, name);
        break;
      case 'malformed-watch':
        spec.malformedWatchEveryMs = parseFaultDuration(value, name);
        break;
      case 'expire-watch':
        spec.expireWatchEveryMs = parseFaultDuration(value, name);
        break;
      case 'restart':
        spec.restartEveryMs = parseFaultDuration(value, name);
        break;
    }
  }
  const errorShare = spec.errors.reduce((n, e) => n + e.share, 0);
  if (errorShare > 1) throw new FaultSpecError(`error: the shares add up to more than 100% (${Math.round(errorShare * 100)}%)`);
  return spec;
}
