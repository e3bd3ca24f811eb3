// Writing JSON bodies and Status errors the way the apiserver answers.
import type { ServerResponse } from 'node:http';
import { ApiError } from '../../kube/apiError.js';
import type { Status } from '../../kube/types.js';
import { errorText } from '../../kube/errorText.js';

export const JSON_TYPE = 'application/json';

export function writeBody(res: ServerResponse, code: number, body: string | Buffer, contentType = JSON_TYPE): void {
  const data = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': data.length, 'Cache-Control': 'no-cache, private' });
  res.end(data);
}

export function writeJson(res: ServerResponse, code: number, value: unknown): void {
  writeBody(res, code, JSON.stringify(value));
}

export function writeStatus(res: ServerResponse, status: Status): void {
  writeJson(res, status.code ?? 500, status);
}

export function writeError(res: ServerResponse, err: unknown): void {
  writeStatus(res, toApiError(err).toStatus());
}

/** Anything thrown while serving becomes a Status; unknown errors are 500 InternalError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const message = errorText(err);
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`);
}

export function successStatus(details: Status['details']): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}

/** The apiserver's answer for a path no handler serves. */
export function pathNotFound(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {
    causes: [{ reason: 'UnexpectedServerResponse', message: '404 page not found' }],
  });
}

export function methodNotAllowed(): ApiError {
  return new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}
