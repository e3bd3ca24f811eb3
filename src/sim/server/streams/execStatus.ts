// The metav1.Status the kubelet (or the apiserver's stream translator) writes on the error
// stream when an exec or attach ends: Success, NonZeroExitCode with an ExitCode cause that
// kubectl turns into `command terminated with exit code N`, or the error that stopped it.
import { toApiError } from '../respond.js';

export interface StreamStatus {
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes: { reason: string; message: string }[] };
}

export function exitStatus(code: number): StreamStatus {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: command terminated with exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/**
 * What a failure to start (or run) the process looks like on the error stream. The apiserver's
 * stream translator reaches the kubelet only after the client's WebSocket is up, so a kubelet
 * refusal (500, e.g. `container not found ("app")`) arrives as its InternalError:
 * `Internal error occurred: unable to upgrade connection: …`.
 */
export function errorStatus(err: unknown): StreamStatus {
  const apiError = toApiError(err);
  const status = apiError.toStatus();
  if (apiError.code === 500 && !apiError.message.startsWith('Internal error occurred: ')) {
    const cause = apiError.message.startsWith('error dialing backend') ? apiError.message : `unable to upgrade connection: ${apiError.message}`;
    status.message = `Internal error occurred: ${cause}`;
    status.reason = 'InternalError';
  }
  const out: StreamStatus = { metadata: {}, status: 'Failure', message: status.message ?? '' };
  if (status.reason) out.reason = status.reason;
  if (status.code !== undefined) out.code = status.code;
  return out;
}
