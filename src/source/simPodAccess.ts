// Shell, attach and port-forward on the in-process simulator: straight to the containers' inside
// (InsideWorld), no API server in between. The shell is `sh` with a terminal; a forward's
// connections are opened with InsideWorld.connect, a refused one reported as the kubelet words it.
import type { Pod } from '../kube/types.js';
import type { InsideWorld } from '../sim/inside/types.js';
import { forwardErrorText } from '../sim/server/streams/forwardError.js';
import { listenForward, OpenForwards, splice } from './localForward.js';
import { readonlyRefusal } from './readonly.js';
import type { ForwardRequest, PortForwardHandle, ShellRoute, ShellSession, ShellTarget, TerminalSize } from './streamTypes.js';

const text = (d: Uint8Array | string): string => (typeof d === 'string' ? d : Buffer.from(d).toString('utf8'));

export class SimPodAccess {
  private readonly forwards = new OpenForwards();

  constructor(
    private readonly inside: () => InsideWorld | undefined,
    private readonly pod: (namespace: string, name: string) => Pod | undefined,
    private readonly readonly: boolean,
  ) {}

  shellRoute(): ShellRoute {
    if (this.readonly) throw new Error(readonlyRefusal('exec into', 'pods'));
    if (!this.inside()) throw new Error('this simulator models no container insides: no shell to open');
    return { kind: 'inProcess' };
  }

  openShell(target: ShellTarget, output: (data: string) => void, size: TerminalSize): ShellSession {
    if (this.readonly) throw new Error(readonlyRefusal('exec into', 'pods'));
    const inside = this.inside();
    if (!inside) throw new Error('this simulator models no container insides: no shell to open');
    const session = inside.exec({ ...target, command: ['sh'], tty: true, stdin: true }, { stdout: (d) => output(text(d)), stderr: (d) => output(text(d)) });
    session.resize(size.cols, size.rows);
    return {
      write: (d) => session.write(d),
      resize: (s) => session.resize(s.cols, s.rows),
      kill: () => session.kill(),
      exited: session.exited,
    };
  }

  attachRoute(): ShellRoute {
    if (this.readonly) throw new Error(readonlyRefusal('attach to', 'pods'));
    if (!this.inside()) throw new Error('this simulator models no container insides: no process to attach to');
    return { kind: 'inProcess' };
  }

  /** Joins the container's main process with the container's own stdin and tty, as the kubelet does. */
  openAttach(target: ShellTarget, output: (data: string) => void, size: TerminalSize): ShellSession {
    if (this.readonly) throw new Error(readonlyRefusal('attach to', 'pods'));
    const inside = this.inside();
    if (!inside) throw new Error('this simulator models no container insides: no process to attach to');
    const spec = this.pod(target.namespace, target.pod)?.spec?.containers?.find((c) => c.name === target.container);
    const tty = spec?.tty === true;
    const session = inside.attach({ ...target, tty, stdin: spec?.stdin === true }, { stdout: (d) => output(text(d)), stderr: (d) => output(text(d)) });
    if (tty) session.resize(size.cols, size.rows);
    return {
      write: (d) => session.write(d),
      resize: (s) => session.resize(s.cols, s.rows),
      kill: () => session.kill(),
      exited: session.exited,
    };
  }

  async forwardPort(request: ForwardRequest): Promise<PortForwardHandle> {
    if (this.readonly) throw new Error(readonlyRefusal('port-forward to', 'pods'));
    const inside = this.inside();
    if (!inside) throw new Error('this simulator models no container insides: nothing to forward to');
    const { namespace, pod, port } = request;
    if (!this.pod(namespace, pod)) throw new Error(`pods "${pod}" not found`);
    const handle = await listenForward(request.localPort, (socket) => {
      let remote: ReturnType<InsideWorld['connect']>;
      try {
        remote = inside.connect(namespace, pod, port);
      } catch (err) {
        const current = this.pod(namespace, pod);
        request.onError?.(`an error occurred forwarding ${handle.localPort} -> ${port}: ${current ? forwardErrorText(current, port, err) : `pods "${pod}" not found`}`);
        socket.destroy();
        return;
      }
      splice(socket, remote);
    });
    return this.forwards.track(handle);
  }

  /** Every forward ends with the source. */
  close(): void {
    this.forwards.stopAll();
  }
}
