// Reading and decoding request bodies (JSON, or YAML for server-side apply), bounded in size.
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest } from '../../kube/apiError.js';

/** The apiserver's limit on a request body (3 MiB). */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'BadRequest', 'Request entity too large: limit is 3145728');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The body's bytes as sent (protobuf bodies are binary), under the same size limit. */
export async function readBodyBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'BadRequest', 'Request entity too large: limit is 3145728');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body; `expected` names the type in the error as the apiserver's decoder does. */
export function parseJsonBody(text: string, expected: string): unknown {
  if (text.trim() === '') throw badRequest(`the object provided is unrecognized (must be of type ${expected}): couldn't get version/kind; json parse error: unexpected end of JSON input`);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(
      `the object provided is unrecognized (must be of type ${expected}): couldn't get version/kind; json parse error: ${(err as Error).message}`,
    );
  }
}

export function parseYamlBody(text: string): unknown {
  try {
    return parseYaml(text);
  } catch (err) {
    throw badRequest(`error decoding YAML: ${(err as Error).message}`);
  }
}
