// One exec'd process: a shell (interactive with a terminal, a script from stdin without one,
// or `sh -c SCRIPT`) or a single command, answering through ProcessOutput. With a tty the
// shell echoes and edits the line (backspace, ctrl-c, ctrl-d) and writes `\r\n`; stderr joins
// stdout as on a terminal.
import type { ExecRequest, ExecSession, ProcessOutput } from '../types.js';
import type { ContainerInside, InsideDeps } from '../container.js';
import { promptFor } from '../image.js';
import { joinPath, splitPath, FsError } from '../fs/tree.js';
import { COMMANDS, IMAGE_TOOLS, type IO, type ShellContext } from './commands.js';
import { parseLine, ParseError, type SimpleCommand } from './parse.js';
import type { ProcessRow, Signal } from '../processes.js';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

export interface SessionHost {
  /** PIDs and signals for this process. */
  register(session: ShellSession): number;
  unregister(session: ShellSession): void;
  processes(self: ContainerInside): ProcessRow[];
  signal(self: ContainerInside, pid: number, sig: Signal): boolean;
}

class Killed extends Error {}

export class ShellSession implements ExecSession {
  readonly exited: Promise<number>;
  readonly pid: number;
  readonly command: string;
  private settle!: (code: number) => void;
  private done = false;
  private input = '';
  private stdinBuf: Buffer[] = [];
  private stdinEnded = false;
  private stdinWaiters: (() => void)[] = [];
  private busy: Promise<void> = Promise.resolve();
  private status = 0;
  private exitCode: number | undefined;
  private readonly ctx: ShellContext;
  private readonly shell: string | undefined;
  private sleeping: { timer: number; reject: (e: Error) => void } | undefined;
  private lineNo = 0;

  constructor(
    private readonly deps: InsideDeps,
    private readonly c: ContainerInside,
    private readonly req: ExecRequest,
    private readonly out: ProcessOutput,
    private readonly host: SessionHost,
  ) {
    this.exited = new Promise((resolve) => (this.settle = resolve));
    this.command = req.command.join(' ');
    const argv0 = req.command[0] ?? 'sh';
    const base = argv0.slice(argv0.lastIndexOf('/') + 1);
    this.shell = SHELLS.has(base) ? (base === 'sh' || base === 'ash' || base === 'dash' ? 'sh' : 'bash') : undefined;
    const vars = new Map(c.env);
    if (req.tty) vars.set('TERM', 'xterm');
    const wd = c.spec.workingDir ? splitPath(c.spec.workingDir) : [];
    vars.set('PWD', joinPath(wd));
    this.ctx = {
      deps,
      c,
      cwd: wd,
      vars,
      pid: 0,
      sleep: (ms) => this.sleepFor(ms),
      exitWith: (code) => (this.exitCode = code),
      signal: (pid, sig) => host.signal(c, pid, sig),
      processes: () => host.processes(c),
    };
    this.pid = host.register(this);
    (this.ctx as { pid: number }).pid = this.pid;
    this.begin(argv0, base);
  }

  // ---- output --------------------------------------------------------------------------

  private prompt(): void {
    const user = this.c.uid === 0 ? 'root' : String(this.c.uid);
    const cwd = joinPath(this.ctx.cwd);
    this.emit(promptFor(this.c.image, this.shell ?? 'sh', user, this.c.hostname, cwd === (this.ctx.vars.get('HOME') ?? '') && this.shell === 'bash' ? '~' : cwd, this.c.uid));
  }

  private finish(code: number): void {
    if (this.done) return;
    this.done = true;
    if (this.sleeping) {
      this.deps.clock.clearTimer(this.sleeping.timer);
      this.sleeping.reject(new Killed());
      this.sleeping = undefined;
    }
    for (const w of this.stdinWaiters.splice(0)) w();
    this.host.unregister(this);
    this.settle(code);
  }

  private notFoundText(name: string): string {
    if (this.shell === 'bash') return `bash: ${name}: command not found\n`;
    if (this.c.image.family === 'busybox' || this.c.image.family === 'alpine' || this.c.image.family === 'curl') return `sh: ${name}: not found\n`;
    return `sh: ${this.lineNo}: ${name}: not found\n`;
  }

  // ---- start ----------------------------------------------------------------------------

  private begin(argv0: string, base: string): void {
    const args = this.req.command.slice(1);
    if (this.shell) {
      if (!this.c.image.shells.has(this.shell === 'bash' ? 'bash' : 'sh')) return this.runtimeNotFound(argv0);
      const dashC = args.findIndex((a) => /^-\w*c$/.test(a));
      if (dashC >= 0) {
        const script = args[dashC + 1] ?? '';
        this.queue(async () => {
          for (const line of script.split('\n')) {
            if (this.exitCode !== undefined) break;
            await this.runLine(line);
          }
          this.finish(this.exitCode ?? this.status);
        });
        return;
      }
      if (this.req.tty) this.prompt();
      else if (!this.req.stdin) this.queue(async () => this.finish(0));
      return;
    }
    if (!COMMANDS[base] || (IMAGE_TOOLS.has(base) && !this.c.image.tools.has(base))) return this.runtimeNotFound(argv0);
    this.queue(async () => {
      if (this.req.stdin && (base === 'tar' || base === 'cat')) await this.allStdin();
      const code = await this.runCommand({ words: [base, ...args], redirects: [] }, this.req.stdin ? Buffer.concat(this.stdinBuf) : undefined, (d) => this.emit(d), (d) => this.emit(d, true));
      this.finish(code);
    });
  }

  /** The runtime could not start argv[0] (containerd's text; kubectl then reports exit code 126). */
  private runtimeNotFound(argv0: string): void {
    this.emit(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv0}": executable file not found in $PATH: unknown\n`, true);
    queueMicrotask(() => this.finish(126));
  }

  private queue(fn: () => Promise<void>): void {
    this.busy = this.busy
      .then(() => (this.done ? undefined : fn()))
      .catch((err: unknown) => {
        if (err instanceof Killed) return;
        this.emit(`sh: internal error: ${(err as Error).message}\n`, true);
        this.finish(2);
      });
  }

  private allStdin(): Promise<void> {
    if (this.stdinEnded || this.done) return Promise.resolve();
    return new Promise((resolve) => this.stdinWaiters.push(resolve));
  }

  private sleepFor(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.done) return reject(new Killed());
      const timer = this.deps.clock.after(ms, () => {
        this.sleeping = undefined;
        resolve();
      });
      this.sleeping = { timer: timer as number, reject };
    });
  }

  // ---- ExecSession ------------------------------------------------------------------------

  private stdin(data: string): void {
    if (!this.shell || this.exitCode !== undefined) {
      this.stdinBuf.push(Buffer.from(data, 'latin1'));
      return;
    }
    if (!this.req.tty) {
      this.input += data;
      let nl: number;
      while ((nl = this.input.indexOf('\n')) >= 0) {
        const line = this.input.slice(0, nl);
        this.input = this.input.slice(nl + 1);
        this.queue(() => this.runLine(line));
      }
      return;
    }
    for (let i = 0; i < data.length; i++) {
      const ch = data[i]!;
      if (ch === '\r' || ch === '\n') {
        const line = this.input;
        this.input = '';
        this.emit('\n');
        this.queue(async () => {
          await this.runLine(line);
          if (this.exitCode !== undefined) this.finish(this.exitCode);
          else this.prompt();
        });
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.input.length > 0) {
          this.input = this.input.slice(0, -1);
          this.out.stdout('\b \b');
        }
      } else if (ch === '\x03') {
        this.input = '';
        this.out.stdout('^C\r\n');
        if (this.sleeping) {
          this.deps.clock.clearTimer(this.sleeping.timer);
          const s = this.sleeping;
          this.sleeping = undefined;
          s.reject(new Killed());
          this.queue(async () => this.prompt());
        } else this.prompt();
      } else if (ch === '\x04') {
        if (this.input === '') {
          this.emit('exit\n');
          this.queue(async () => this.finish(this.status));
        }
      } else if (ch === '\x1b') {
        // An escape sequence (arrow keys): history and cursor movement are not simulated.
        const m = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])?/.exec(data.slice(i));
        i += (m?.[0].length ?? 1) - 1;
      } else if (ch >= ' ') {
        this.input += ch;
        this.out.stdout(ch);
      }
    }
  }

  write(data: Uint8Array | string): void {
    this.stdin(typeof data === 'string' ? data : Buffer.from(data).toString('latin1'));
  }

  private emit(data: string | Buffer, err = false): void {
    if (this.done) return;
    if (this.req.tty) this.out.stdout((typeof data === 'string' ? data : data.toString('utf8')).replace(/\r?\n/g, '\r\n'));
    else if (err) this.out.stderr(data);
    else this.out.stdout(data);
  }

  endInput(): void {
    this.stdinEnded = true;
    for (const w of this.stdinWaiters.splice(0)) w();
    if (this.shell && !this.req.tty && this.exitCode === undefined) {
      const rest = this.input;
      this.input = '';
      this.queue(async () => {
        if (rest !== '') await this.runLine(rest);
        this.finish(this.exitCode ?? this.status);
      });
    }
  }

  resize(_cols: number, _rows: number): void {}

  kill(): void {
    this.finish(137);
  }

  /** A signal from `kill` in another process. */
  signal(sig: Signal): void {
    const n = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, TERM: 15 }[sig];
    // An interactive shell ignores TERM and INT (as sh and bash do); everything else ends it.
    if (this.shell && this.req.tty && (sig === 'TERM' || sig === 'INT' || sig === 'QUIT')) return;
    this.finish(128 + n);
  }

  /** The container stopped under it. */
  containerGone(): void {
    this.finish(137);
  }

  // ---- running a line --------------------------------------------------------------------

  private async runLine(line: string): Promise<void> {
    this.lineNo++;
    if (line.trim() === '') return;
    let pipelines;
    try {
      pipelines = parseLine(line, (name) => (name === '?' ? String(this.status) : name === '$' ? String(this.pid) : name === '#' ? '0' : (this.ctx.vars.get(name) ?? '')));
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      this.emit(`${this.shell === 'bash' ? 'bash' : 'sh'}: ${err.message}\n`, true);
      this.status = 2;
      return;
    }
    for (const p of pipelines) {
      if (this.exitCode !== undefined || this.done) return;
      if (p.join === '&&' && this.status !== 0) continue;
      if (p.join === '||' && this.status === 0) continue;
      let stdin: Buffer | undefined;
      for (let i = 0; i < p.commands.length; i++) {
        const last = i === p.commands.length - 1;
        const chunks: Buffer[] = [];
        const out = last ? (d: string | Buffer) => this.emit(d, false) : (d: string | Buffer) => chunks.push(Buffer.from(d));
        this.status = await this.runCommand(p.commands[i]!, stdin, out, (d) => this.emit(d, true));
        stdin = Buffer.concat(chunks);
      }
    }
  }

  private redirectError(target: string, text: string): string {
    if (this.shell === 'bash') return `bash: ${target}: ${text}\n`;
    if (this.c.image.family === 'busybox' || this.c.image.family === 'alpine' || this.c.image.family === 'curl') return `sh: can't create ${target}: ${text}\n`;
    return `sh: ${this.lineNo}: cannot create ${target}: ${text}\n`;
  }

  private async runCommand(cmd: SimpleCommand, stdin: Buffer | undefined, out: (d: string | Buffer) => void, err: (d: string) => void): Promise<number> {
    let words = cmd.words;
    while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) {
      const eq = words[0]!.indexOf('=');
      if (words.length === 1) this.ctx.vars.set(words[0]!.slice(0, eq), words[0]!.slice(eq + 1));
      words = words.slice(1);
    }
    let stdout = out;
    let stderr = err;
    let fileOut: { names: string[]; append: boolean; target: string; chunks: Buffer[] } | undefined;
    for (const r of cmd.redirects) {
      const names = splitPath(r.target, joinPath(this.ctx.cwd));
      if (r.op === '>&') {
        if (r.fd === 2 && r.target === '1') stderr = (d) => stdout(d);
        else if (r.fd === 1 && r.target === '2') stdout = (d) => stderr(typeof d === 'string' ? d : d.toString('utf8'));
        continue;
      }
      if (r.target === '/dev/null') {
        if (r.fd === 1) stdout = () => {};
        else if (r.fd === 2) stderr = () => {};
        else stdin = Buffer.alloc(0);
        continue;
      }
      if (r.op === '<') {
        try {
          stdin = this.c.fs.readFile(names);
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          err(this.shell === 'bash' ? `bash: ${r.target}: ${e.text}\n` : `sh: can't open ${r.target}: ${e.text}\n`);
          return 1;
        }
        continue;
      }
      try {
        // The shell opens (and truncates) the file before the command runs.
        this.c.fs.writeFile(names, Buffer.alloc(0), r.op === '>>');
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        err(this.redirectError(r.target, e.text));
        return this.shell === 'bash' ? 1 : 2;
      }
      const sink = { names, append: true, target: r.target, chunks: [] as Buffer[] };
      if (r.fd === 1) {
        fileOut = sink;
        stdout = (d) => sink.chunks.push(Buffer.from(d));
      } else stderr = (d) => sink.chunks.push(Buffer.from(d));
      if (r.fd === 2) fileOut ??= undefined;
      if (r.fd === 2) this.pendingSinks.push(sink);
    }
    let code = 0;
    if (words.length > 0) code = await this.invoke(words, { stdin, out: stdout, err: stderr });
    for (const sink of fileOut ? [fileOut, ...this.pendingSinks.splice(0)] : this.pendingSinks.splice(0)) {
      try {
        this.c.fs.writeFile(sink.names, Buffer.concat(sink.chunks), true);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        err(`${this.shell === 'bash' ? 'bash' : 'sh'}: write error: ${e.text}\n`);
        code = 1;
      }
    }
    return code;
  }

  private readonly pendingSinks: { names: string[]; chunks: Buffer[] }[] = [];

  private async invoke(words: string[], io: IO): Promise<number> {
    const name = words[0]!;
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (base === 'exit') {
      const code = words[1] !== undefined ? Number(words[1]) & 255 : this.status;
      this.exitCode = Number.isNaN(code) ? 2 : code;
      return this.exitCode;
    }
    if (base === 'export') {
      for (const w of words.slice(1)) {
        const eq = w.indexOf('=');
        if (eq > 0) this.ctx.vars.set(w.slice(0, eq), w.slice(eq + 1));
      }
      return 0;
    }
    if (SHELLS.has(base)) {
      io.err(`${base}: nested shells are not simulated\n`);
      return 2;
    }
    const command = COMMANDS[base];
    if (!command || (IMAGE_TOOLS.has(base) && !this.c.image.tools.has(base))) {
      io.err(this.notFoundText(name));
      return 127;
    }
    return command(this.ctx, words.slice(1), io);
  }
}
