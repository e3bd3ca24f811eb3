// One exec'd process: a shell (interactive with a terminal, a script from stdin without one,
// or `sh -c SCRIPT`) or a single command, answering through ProcessOutput. With a tty the
// shell echoes and edits the line (backspace, ctrl-c, ctrl-d) and writes `\r\n`; stderr joins
// stdout as on a terminal. A shell the image has, run without arguments, starts a nested shell
// in the same session (k9s's `sh -c "clear; (bash || ash || sh)"`): it reads the following
// input with its own prompt, variables and directory until its `exit`, and the outer shell
// then goes on with the inner one's exit status.
import type { ExecRequest, ExecSession, ProcessOutput } from '../types.js';
import type { ContainerInside, InsideDeps } from '../container.js';
import { promptFor } from '../image.js';
import { joinPath, splitPath, FsError } from '../fs/tree.js';
import { COMMANDS, IMAGE_TOOLS, type IO, type ShellContext } from './commands.js';
import { expandCommand, parseLineRaw, ParseError, type RawPipeline, type SimpleCommand } from './parse.js';
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

/** An outer shell waiting for the nested one it started: what it had, and how it goes on. */
interface OuterShell {
  readonly shell: 'sh' | 'bash';
  readonly name: string;
  readonly reads: boolean;
  readonly status: number;
  readonly lineNo: number;
  readonly cwd: string[];
  readonly vars: Map<string, string>;
  readonly busy: Promise<void>;
  readonly resume: (code: number) => void;
}

/** How a shell named `base` behaves: bash, or a POSIX sh (busybox ash, dash). */
const flavourOf = (base: string): 'sh' | 'bash' => (base === 'bash' ? 'bash' : 'sh');

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
  private shell: 'sh' | 'bash' | undefined;
  /** The running shell's argv[0] (its messages start with it). */
  private name = 'sh';
  /** The running shell reads its commands from stdin (else it runs `-c SCRIPT`, and stdin waits for a command or a nested shell). */
  private reads = true;
  /** A line read from stdin (no terminal) is running. */
  private pumping = false;
  /** Shells waiting for the nested one running now, innermost last. */
  private readonly outer: OuterShell[] = [];
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
    this.shell = SHELLS.has(base) ? flavourOf(base) : undefined;
    this.name = this.shell ? base : 'sh';
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
    if (this.shell === 'bash') return `${this.name}: ${name}: command not found\n`;
    if (this.busyboxImage()) return `${this.name}: ${name}: not found\n`;
    return `${this.name}: ${this.lineNo}: ${name}: not found\n`;
  }

  private busyboxImage(): boolean {
    return this.c.image.userland === 'busybox';
  }

  /** The running shell ended with `code`: the session ends, or the shell that started it goes on. */
  private shellExit(code: number): void {
    const up = this.outer.pop();
    if (!up) return this.finish(code);
    this.shell = up.shell;
    this.name = up.name;
    this.reads = up.reads;
    this.status = up.status;
    this.lineNo = up.lineNo;
    this.exitCode = undefined;
    this.ctx.cwd = up.cwd;
    this.ctx.vars = up.vars;
    this.busy = up.busy;
    // The outer shell's line that started the nested one is still running.
    this.pumping = up.reads;
    up.resume(code);
  }

  /** `sh`/`ash`/`bash` run with no arguments: a nested shell reads the following input until its `exit`. */
  private nestedShell(base: string): Promise<number> {
    // stdin is closed (or was never attached): the shell reads end of file at once.
    if (!this.req.stdin || (this.stdinEnded && this.stdinBuf.length === 0 && this.input === '')) return Promise.resolve(0);
    return new Promise((resume) => {
      this.outer.push({ shell: this.shell ?? 'sh', name: this.name, reads: this.reads, status: this.status, lineNo: this.lineNo, cwd: this.ctx.cwd, vars: this.ctx.vars, busy: this.busy, resume });
      this.shell = flavourOf(base);
      this.name = base;
      this.reads = true;
      this.status = 0;
      this.lineNo = 0;
      this.ctx.cwd = [...this.ctx.cwd];
      this.ctx.vars = new Map(this.ctx.vars);
      this.busy = Promise.resolve();
      this.pumping = false;
      if (this.req.tty) this.prompt();
      // What was typed while the outer shell ran its script is read by the nested one.
      const ahead = Buffer.concat(this.stdinBuf.splice(0)).toString('latin1');
      if (ahead !== '') this.stdin(ahead);
      else if (!this.req.tty) this.pump();
    });
  }

  // ---- start ----------------------------------------------------------------------------

  private begin(argv0: string, base: string): void {
    const args = this.req.command.slice(1);
    if (this.shell) {
      if (!this.c.image.shells.has(base)) return this.runtimeNotFound(argv0);
      const dashC = args.findIndex((a) => /^-\w*c$/.test(a));
      if (dashC >= 0) {
        this.reads = false;
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
    // The terminal's ctrl-c interrupts a command run without a shell, or `sh -c` (SIGINT: 130).
    if ((!this.shell || !this.reads) && this.req.tty && data.includes('\x03')) {
      this.emit('^C\n');
      this.finish(130);
      return;
    }
    if (!this.shell || !this.reads || this.exitCode !== undefined) {
      this.stdinBuf.push(Buffer.from(data, 'latin1'));
      return;
    }
    if (!this.req.tty) {
      this.input += data;
      this.pump();
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
          if (this.exitCode !== undefined) this.shellExit(this.exitCode);
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
          this.queue(async () => this.shellExit(this.status));
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
    if (this.shell && this.reads && !this.req.tty) this.pump();
  }

  /**
   * A script on stdin (no terminal): the next line runs once the one before it has, so a nested
   * shell started by a line reads the lines after it. End of input ends the shell reading it.
   */
  private pump(): void {
    if (this.pumping || this.done || this.exitCode !== undefined) return;
    const nl = this.input.indexOf('\n');
    if (nl < 0 && !this.stdinEnded) return;
    const line = nl < 0 ? this.input : this.input.slice(0, nl);
    this.input = nl < 0 ? '' : this.input.slice(nl + 1);
    const last = nl < 0;
    this.pumping = true;
    this.queue(async () => {
      if (line !== '') await this.runLine(line);
      if (this.exitCode !== undefined || last) return this.shellExit(this.exitCode ?? this.status);
      this.pumping = false;
      this.pump();
    });
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
    const pipelines = this.parse(line, (d) => this.emit(d, true));
    if (pipelines) await this.runList(pipelines, undefined, (d) => this.emit(d, false), (d) => this.emit(d, true));
  }

  /** The line's pipelines as written; undefined (status 2, the shell's message) when it does not parse. */
  private parse(line: string, err: (d: string) => void): RawPipeline[] | undefined {
    if (line.trim() === '') return undefined;
    try {
      return parseLineRaw(line);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      err(`${this.name}: ${e.message}\n`);
      this.status = 2;
      return undefined;
    }
  }

  /** A parameter's value now: `$?` the last status, `$$` the shell's pid, `$#` 0, else the variable (unset: empty). */
  private parameter(name: string): string {
    return name === '?' ? String(this.status) : name === '$' ? String(this.pid) : name === '#' ? '0' : (this.ctx.vars.get(name) ?? '');
  }

  private async runList(pipelines: RawPipeline[], input: Buffer | undefined, out: (d: string | Buffer) => void, err: (d: string) => void): Promise<void> {
    for (const p of pipelines) {
      if (this.exitCode !== undefined || this.done) return;
      if (p.join === '&&' && this.status !== 0) continue;
      if (p.join === '||' && this.status === 0) continue;
      // Expanded as the pipeline starts: its commands all see the status and variables from before it.
      const commands = p.commands.map((c) => expandCommand(c, (name) => this.parameter(name)));
      let stdin = input;
      for (let i = 0; i < commands.length; i++) {
        const last = i === commands.length - 1;
        const chunks: Buffer[] = [];
        const to = last ? out : (d: string | Buffer) => chunks.push(Buffer.from(d));
        this.status = await this.runCommand(commands[i]!, stdin, to, err);
        stdin = Buffer.concat(chunks);
      }
    }
  }

  /** `sh -c SCRIPT` inside a shell: a child shell runs the script; its cd, variables and `exit` stay inside. */
  private async nestedScript(base: string, script: string, io: IO): Promise<number> {
    const saved = { shell: this.shell, name: this.name, status: this.status, lineNo: this.lineNo };
    this.shell = flavourOf(base);
    this.name = base;
    this.lineNo = 0;
    this.status = 0;
    try {
      const lines = script.split('\n');
      return await this.runSubshell([], io, async () => {
        for (const line of lines) {
          if (this.exitCode !== undefined || this.done) break;
          this.lineNo++;
          const pipelines = this.parse(line, io.err);
          if (pipelines) await this.runList(pipelines, io.stdin, io.out, io.err);
        }
      });
    } finally {
      this.shell = saved.shell;
      this.name = saved.name;
      this.status = saved.status;
      this.lineNo = saved.lineNo;
    }
  }

  /** `( LIST )`: a copy of the shell runs the list; its cd, variables and `exit` stay inside. */
  private async runSubshell(list: RawPipeline[], io: IO, body = (): Promise<void> => this.runList(list, io.stdin, io.out, io.err)): Promise<number> {
    const cwd = this.ctx.cwd;
    const vars = this.ctx.vars;
    this.ctx.cwd = [...cwd];
    this.ctx.vars = new Map(vars);
    try {
      await body();
      return this.exitCode ?? this.status;
    } finally {
      this.exitCode = undefined;
      this.ctx.cwd = cwd;
      this.ctx.vars = vars;
    }
  }

  private redirectError(target: string, text: string): string {
    if (this.shell === 'bash') return `${this.name}: ${target}: ${text}\n`;
    if (this.busyboxImage()) return `${this.name}: can't create ${target}: ${text}\n`;
    return `${this.name}: ${this.lineNo}: cannot create ${target}: ${text}\n`;
  }

  private async runCommand(cmd: SimpleCommand, stdin: Buffer | undefined, out: (d: string | Buffer) => void, err: (d: string) => void): Promise<number> {
    const assigned = cmd.words.slice(0, cmd.assignments ?? 0);
    const words = cmd.words.slice(assigned.length);
    // Assignments alone set the shell's variables; before a command they are its own (not modelled: dropped).
    if (words.length === 0 && !cmd.subshell) {
      for (const a of assigned) this.ctx.vars.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
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
      if (r.fd === 2) this.pendingSinks.push(sink);
    }
    let code = 0;
    if (words.length > 0) code = await this.invoke(words, { stdin, out: stdout, err: stderr });
    else if (cmd.subshell) code = await this.runSubshell(cmd.subshell, { stdin, out: stdout, err: stderr });
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
    if (SHELLS.has(base) && this.c.image.shells.has(base)) {
      if (words.length === 1) return this.nestedShell(base);
      const dashC = words.findIndex((a, i) => i > 0 && /^-\w*c$/.test(a));
      if (dashC < 0) {
        io.err(`${base}: only \`${base}\` and \`${base} -c SCRIPT\` are simulated\n`);
        return 2;
      }
      return this.nestedScript(base, words[dashC + 1] ?? '', io);
    }
    const command = COMMANDS[base];
    if (!command || (IMAGE_TOOLS.has(base) && !this.c.image.tools.has(base))) {
      io.err(this.notFoundText(name));
      return 127;
    }
    return command(this.ctx, words.slice(1), io);
  }
}
