// Reading and decoding request bodies (JSON, or YAML for server-side apply), bounded in size.
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { badRequest, requestEntityTooLarge } from '../../kube/apiError.js';

/** The apiserver's limit on a request body (3 MiB), which is also the largest object it stores. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
const MAX_NESTING = 10_000;

/** The body's bytes as sent (protobuf bodies are binary), under the same size limit. */
export async function readBodyBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw requestEntityTooLarge(MAX_BODY_BYTES);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBodyBytes(req)).toString('utf8');
}

/** Parses a JSON body; `expected` names the type in the error as the apiserver's decoder does. */
export function parseJsonBody(text: string, expected: string): unknown {
  if (text.trim() === '') throw badRequest(`the object provided is unrecognized (must be of type ${expected}): couldn't get version/kind; json parse error: unexpected end of JSON input`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw badRequest(
      `the object provided is unrecognized (must be of type ${expected}): couldn't get version/kind; json parse error: ${(err as Error).message}`,
    );
  }
  refuseProtoKeys(value, '');
  return value;
}

/**
 * `__proto__` is no Kubernetes field or key (keys start with an alphanumeric), and the one key
 * that, copied carelessly, rewrites Object.prototype for the whole process: refused as the
 * apiserver's strict decoding refuses an unknown field.
 */
function refuseProtoKeys(root: unknown, rootPath: string): void {
  // Iterative: a body may nest deeper than the call stack goes.
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: rootPath, depth: 1 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    // encoding/json's limit on nesting, as the apiserver's decoder enforces it.
    if (depth > MAX_NESTING) throw badRequest('json: exceeded max depth');
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, path, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key === '__proto__') throw badRequest(`strict decoding error: unknown field "${at}"`);
      stack.push({ value: (value as Record<string, unknown>)[key], path: at, depth: depth + 1 });
    }
  }
}

export function parseYamlBody(text: string): unknown {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (err) {
    throw badRequest(`error decoding YAML: ${(err as Error).message}`);
  }
  refuseProtoKeys(value, '');
  return value;
}
