// Content negotiation for reads: plain JSON, or a meta.k8s.io Table when Accept asks for
// one (`application/json;as=Table;v=v1;g=meta.k8s.io`). Anything else is 406.
import { ApiError } from '../../kube/apiError.js';
import type { IncludeObject } from '../../kube/table.js';

export type Representation = { type: 'json' } | { type: 'table'; version: 'v1' | 'v1beta1' };

interface MediaRange {
  type: string;
  params: Map<string, string>;
  q: number;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [typePart, ...paramParts] = part.split(';');
    const type = typePart!.trim().toLowerCase();
    if (!type) continue;
    const params = new Map<string, string>();
    for (const p of paramParts) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"|"$/g, ''));
    }
    const q = params.has('q') ? Number(params.get('q')) : 1;
    params.delete('q');
    ranges.push({ type, params, q: Number.isFinite(q) ? q : 0 });
  }
  // Stable: equal q keeps the client's order.
  return ranges.map((r, i) => ({ r, i })).sort((a, b) => b.r.q - a.r.q || a.i - b.i).map((x) => x.r);
}

function acceptsJson(type: string): boolean {
  return type === 'application/json' || type === 'application/*' || type === '*/*';
}

/** The representation the client prefers among the ones served; 406 when there is none. */
export function negotiate(accept: string | undefined, allowTable: boolean): Representation {
  if (!accept || !accept.trim()) return { type: 'json' };
  for (const range of parseAccept(accept)) {
    if (range.q <= 0 || !acceptsJson(range.type)) continue;
    const as = range.params.get('as');
    if (as === undefined) return { type: 'json' };
    if (as === 'Table' && allowTable && range.params.get('g') === 'meta.k8s.io') {
      const v = range.params.get('v');
      if (v === 'v1' || v === 'v1beta1') return { type: 'table', version: v };
    }
  }
  throw new ApiError(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io');
}

export function parseIncludeObject(value: string | null): IncludeObject {
  if (value === null || value === '' || value === 'Metadata') return 'Metadata';
  if (value === 'None' || value === 'Object') return value;
  throw new ApiError(400, 'BadRequest', `includeObject: Unsupported value: "${value}": supported values: "Metadata", "None", "Object"`);
}
