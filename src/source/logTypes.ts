// Reading a container's log through a ClusterSource: what to read (the kubelet's
// PodLogOptions), and how the lines come back. Both sources hand lines over in batches,
// each line with the kubelet's own RFC 3339 nano timestamp when one was asked for, so a
// viewer can toggle timestamps and a live follow can resume from the last line it saw.

export interface LogRequest {
  /** The container; required (callers choose it: see defaultContainerName). */
  container: string;
  /** The last terminated instance instead of the current one. */
  previous?: boolean;
  /** Keep the stream open for new lines until the instance ends. */
  follow?: boolean;
  /** Ask the kubelet for its timestamps (each line's `time`). */
  timestamps?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339; at most one of sinceSeconds and sinceTime. */
  sinceTime?: string;
  limitBytes?: number;
}

export interface SourceLogLine {
  /** The kubelet's RFC 3339 nano timestamp, when the request asked for timestamps. */
  time?: string;
  text: string;
  /** The stream ended mid-line (OOM kill, limitBytes): no line break follows. */
  partial?: boolean;
}

/** Why a log stream ended: normally (the read is done, or the followed instance ended), or not. */
export type LogEnd =
  | { kind: 'done' }
  /** `reason`: the server's Status reason (BadRequest, NotFound, …) when the server refused. */
  | { kind: 'error'; message: string; reason?: string };

export interface LogHandlers {
  /** New lines, oldest first; never empty. */
  lines(batch: readonly SourceLogLine[]): void;
  /** Called once; no lines follow it. Not called after stop(). */
  end(how: LogEnd): void;
  /** A live follow lost its connection and is retrying (message), or is streaming again (undefined). */
  status?(message: string | undefined): void;
}

/** A running read; stop() ends it (no end() call follows). Same shape as types.ts' Subscription. */
export interface LogSubscription {
  stop(): void;
}

export interface LogReader {
  /** Reads (and with `follow`, streams) one container instance's log. */
  logs(namespace: string, pod: string, request: LogRequest, handlers: LogHandlers): LogSubscription;
}
