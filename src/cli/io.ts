// Where commands write: process streams in the binary, buffers in tests.
export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  env: NodeJS.ProcessEnv;
  /** stdin and stdout are a terminal (the TUI needs one); unset: not a terminal. */
  terminal?: boolean;
}
