// pods/attach: joining a running container's main process. The simulator's main processes are
// their log programs (src/sim/logs), so an attach follows the instance's log from now on — no
// earlier output, as containerd keeps none for attach — and ends when the instance does. What
// the client types is dropped: containerd drops it for a container created without `stdin`,
// and the simulated main processes read no input even with it (README "Known limits").
import { containerLogsOf, type Follow } from '../logs/containerLogs.js';
import type { LogLine } from '../logs/instance.js';
import type { ContainerInside, InsideDeps } from './container.js';
import type { AttachRequest, ExecSession, ProcessOutput } from './types.js';

export class AttachSession implements ExecSession {
  readonly exited: Promise<number>;
  private settle!: (code: number) => void;
  private follow: Follow | undefined;
  private done = false;

  constructor(deps: InsideDeps, c: ContainerInside, private readonly req: AttachRequest, private readonly out: ProcessOutput) {
    this.exited = new Promise((resolve) => (this.settle = resolve));
    const logs = containerLogsOf(deps);
    const inst = logs.instance(c.namespace, c.podName, c.spec.name, c.containerID);
    if (!inst) {
      queueMicrotask(() => this.end());
      return;
    }
    this.follow = logs.follow(inst, { tailLines: 0 }, { lines: (lines) => this.lines(lines), end: () => this.end() });
    if (this.done) this.follow.stop();
  }

  private lines(lines: LogLine[]): void {
    if (this.done) return;
    for (const l of lines) {
      const text = l.partial ? l.text : `${l.text}${this.req.tty ? '\r\n' : '\n'}`;
      if (l.stream === 'stderr' && !this.req.tty) this.out.stderr(text);
      else this.out.stdout(text);
    }
  }

  private end(): void {
    if (this.done) return;
    this.done = true;
    this.follow?.stop();
    this.settle(0);
  }

  write(_data: Uint8Array | string): void {}

  endInput(): void {}

  resize(_cols: number, _rows: number): void {}

  kill(): void {
    this.end();
  }
}
