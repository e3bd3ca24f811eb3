// A test double of InsideWorld (src/sim/inside/types.ts) for the stream transports' tests: a few
// fixed commands and one HTTP answer on port 8080, enough to tell whether bytes, exit codes,
// stdin's end, resizes and refusals cross the wire intact. The simulator's real inside lives in
// src/sim/inside; this is not it.
import { Duplex } from 'node:stream';
import { ApiError } from '../../src/kube/apiError.js';
import { ConnectionRefused, type AttachRequest, type ExecRequest, type ExecSession, type InsideWorld, type ProcessOutput } from '../../src/sim/inside/types.js';

export interface DoubleLog {
  execs: ExecRequest[];
  attaches?: AttachRequest[];
  resizes: [number, number][];
  killed: number;
  connections: number;
}

/** A process double: settles `exited` once. */
function process(onInput: (text: string) => void, onEnd: () => void): { session: ExecSession; exit: (code: number) => void; killed: () => boolean } {
  let settle!: (code: number) => void;
  let done = false;
  let wasKilled = false;
  const exited = new Promise<number>((r) => (settle = r));
  const exit = (code: number): void => {
    if (done) return;
    done = true;
    settle(code);
  };
  const session: ExecSession = {
    write: (d) => !done && onInput(typeof d === 'string' ? d : Buffer.from(d).toString()),
    endInput: () => !done && onEnd(),
    resize: () => {},
    kill: () => {
      wasKilled = true;
      exit(137);
    },
    exited,
  };
  return { session, exit, killed: () => wasKilled };
}

export function insideDouble(log: DoubleLog = { execs: [], resizes: [], killed: 0, connections: 0 }): InsideWorld & { log: DoubleLog } {
  return {
    log,
    exec(req: ExecRequest, out: ProcessOutput): ExecSession {
      if (req.container === 'stopped') throw new ApiError(500, 'InternalError', 'Internal error occurred: error executing command in container: container is not running');
      log.execs.push(req);
      const [cmd, ...args] = req.command;
      if (cmd === 'sh' && args[0] === '-c' && /^exit \d+$/.test(args[1] ?? '')) {
        const p = process(() => {}, () => {});
        queueMicrotask(() => p.exit(Number(args[1]!.slice(5))));
        return p.session;
      }
      if (cmd === 'hostname') {
        const p = process(() => {}, () => {});
        queueMicrotask(() => {
          out.stdout(`${req.pod}\n`);
          p.exit(0);
        });
        return p.session;
      }
      if (cmd === 'cat') {
        // Echoes stdin to stdout, stderr gets a count; ends with stdin.
        let bytes = 0;
        const p = process(
          (t) => {
            bytes += Buffer.byteLength(t);
            out.stdout(t);
          },
          () => {
            out.stderr(`${bytes} bytes\n`);
            p.exit(0);
          },
        );
        if (!req.stdin) queueMicrotask(() => p.exit(0));
        return p.session;
      }
      if (cmd === 'sh') {
        // A line shell: `hostname`, `exit [N]`; echoes what is typed when there is a terminal.
        let line = '';
        const prompt = (): void => out.stdout('$ ');
        const p = process(
          (t) => {
            for (const ch of t) {
              if (req.tty) out.stdout(ch === '\r' ? '\r\n' : ch);
              if (ch !== '\r' && ch !== '\n') {
                line += ch;
                continue;
              }
              const word = line.trim();
              line = '';
              if (word === 'hostname') out.stdout(`${req.pod}\r\n`);
              else if (word.startsWith('exit')) return p.exit(Number(word.slice(4).trim() || '0'));
              else if (word !== '') out.stdout(`sh: ${word}: not found\r\n`);
              prompt();
            }
          },
          () => p.exit(0),
        );
        const original = p.session.resize;
        p.session.resize = (cols, rows) => {
          log.resizes.push([cols, rows]);
          original(cols, rows);
        };
        const kill = p.session.kill;
        p.session.kill = () => {
          log.killed++;
          kill();
        };
        queueMicrotask(prompt);
        return p.session;
      }
      const p = process(() => {}, () => {});
      queueMicrotask(() => {
        out.stderr(`sh: ${cmd}: not found\n`);
        p.exit(127);
      });
      return p.session;
    },
    attach(req: AttachRequest, out: ProcessOutput): ExecSession {
      // One line of the main process's output (stderr apart without a tty), then it ends.
      (log.attaches ??= []).push(req);
      const p = process(() => {}, () => {});
      queueMicrotask(() => {
        out.stdout(`main process of ${req.pod}/${req.container}\n`);
        out.stderr('a warning\n');
        p.exit(0);
      });
      return p.session;
    },
    connect(namespace: string, pod: string, port: number): Duplex {
      if (port !== 8080) throw new ConnectionRefused('127.0.0.1', port);
      log.connections++;
      let request = '';
      const conn: Duplex = new Duplex({
        read() {},
        write(chunk: Buffer, _enc, cb) {
          request += chunk.toString();
          if (request.includes('\r\n\r\n')) {
            const body = `hello from ${namespace}/${pod}\n`;
            conn.push(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
            conn.push(null);
          }
          cb();
        },
        final(cb) {
          cb();
        },
      });
      return conn;
    },
  };
}
