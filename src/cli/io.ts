// Where commands write: process streams in the binary, buffers in tests.
export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  env: NodeJS.ProcessEnv;
  /** stdin and stdout are a terminal (the TUI needs one); unset: not a terminal. */
  terminal?: boolean;
}

/** The status of a program a closed pipe ended: 128 + SIGPIPE, what a shell shows for kubectl there. */
export const CLOSED_PIPE_EXIT = 141;

/** An output stream as far as a closed pipe matters. */
export interface ErrorEvents {
  on(event: 'error', listener: (err: Error) => void): unknown;
  listenerCount(event: 'error'): number;
}

/**
 * A reader that went away (`podscope events -A --follow | head -3`): the next write to stdout
 * fails with EPIPE, which Node reports as an 'error' event — with no listener, a stack trace.
 * kubectl dies of SIGPIPE there, silently; podscope exits as quietly, with the status a shell
 * shows for that. Any other error is left to the stream's other listeners (the TUI's terminal
 * guard), or thrown on when there are none, as without this listener.
 */
export function exitQuietlyWhenReaderGoes(stream: ErrorEvents, exit: (code: number) => void = (code) => process.exit(code)): void {
  stream.on('error', (err) => {
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') exit(CLOSED_PIPE_EXIT);
    else if (stream.listenerCount('error') === 1) throw err;
  });
}
