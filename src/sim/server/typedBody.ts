// The body of a request for a type that is not a stored kind (an Eviction, a review): JSON, or
// protobuf as kubectl's typed clients send it; any other media type is the apiserver's 415.
import type { IncomingMessage } from 'node:http';
import { ApiError, badRequest } from '../../kube/apiError.js';
import { parseJsonBody, readBody, readBodyBytes } from './body.js';
import { decodeEnvelope, PROTOBUF_TYPE, ProtobufError } from './protobuf/decode.js';
import type { MessageName } from './protobuf/schema.js';

export async function readTypedBody(req: IncomingMessage, kind: string, message: MessageName): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  let body: unknown;
  if (type === PROTOBUF_TYPE) {
    try {
      body = decodeEnvelope(message, await readBodyBytes(req));
    } catch (err) {
      if (err instanceof ProtobufError) throw badRequest(`the object provided is unrecognized (must be of type ${kind}): ${err.message}`);
      throw err;
    }
  } else if (type === '' || type === 'application/json') {
    body = parseJsonBody(await readBody(req), kind);
  } else {
    throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, ${PROTOBUF_TYPE}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(body) ? 'array' : typeof body} into Go value of type struct`);
  }
  return body as Record<string, unknown>;
}
