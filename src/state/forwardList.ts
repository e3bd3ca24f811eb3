// The port-forwards this run started (the `f` view): what each forwards and where it listens,
// a cursor, and stopping one or all (every forward ends with the program).
import type { PortForwardHandle } from '../source/types.js';

export interface ActiveForward {
  id: number;
  namespace: string;
  pod: string;
  container: string;
  port: number;
  handle: PortForwardHandle;
  /** The last error a connection through it met, if any. */
  lastError?: string;
}

export class ForwardList {
  private items: ActiveForward[] = [];
  private nextId = 1;
  cursor = 0;

  get all(): readonly ActiveForward[] {
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }

  add(entry: Omit<ActiveForward, 'id'>): ActiveForward {
    const added = { ...entry, id: this.nextId++ };
    this.items.push(added);
    this.cursor = this.items.length - 1;
    return added;
  }

  selected(): ActiveForward | undefined {
    return this.items[this.cursor];
  }

  move(delta: number): void {
    this.cursor = Math.max(0, Math.min(this.cursor + delta, this.items.length - 1));
  }

  /** Stops the forward and drops it from the list. */
  async stop(id: number): Promise<ActiveForward | undefined> {
    const index = this.items.findIndex((f) => f.id === id);
    if (index < 0) return undefined;
    const [gone] = this.items.splice(index, 1);
    this.cursor = Math.max(0, Math.min(this.cursor, this.items.length - 1));
    await gone!.handle.stop();
    return gone;
  }

  async stopAll(): Promise<void> {
    const all = this.items.splice(0);
    this.cursor = 0;
    await Promise.all(all.map((f) => f.handle.stop()));
  }

  /** Is this local port taken by one of ours already? */
  usesLocalPort(port: number): boolean {
    return this.items.some((f) => f.handle.localPort === port);
  }
}

/** `127.0.0.1:8080 → shop/web:8080 (nginx)`: one forward in words. */
export function forwardLabel(f: Pick<ActiveForward, 'namespace' | 'pod' | 'container' | 'port' | 'handle'>): string {
  return `${f.handle.localAddress}:${f.handle.localPort} → ${f.namespace}/${f.pod}:${f.port} (${f.container})`;
}
