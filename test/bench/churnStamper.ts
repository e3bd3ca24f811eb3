// The churn bench's in-process writer, from the parent's side: asks the server process
// (churnServe.ts, `sim serve` with an IPC channel) to stamp pods through its engine's API at
// a rate, and gets back when each write was made. Its sequence numbers start at
// IN_PROCESS_SEQ_BASE so they never meet the HTTP writer's (churnWriter.ts) in the delta log.
import type { ChildProcess } from 'node:child_process';
import type { Target, WriteRecord } from './churnWriter.js';

/** The first sequence number of the in-process writer (the HTTP writer counts from 1). */
export const IN_PROCESS_SEQ_BASE = 1_000_000_000;

export type StampRequest = { op: 'stamp'; id: number; perSecond: number; ms: number; firstSeq: number; targets: Target[] };

export type StampReply =
  | { op: 'stamped'; id: number; error: string }
  | {
      op: 'stamped';
      id: number;
      error?: undefined;
      seqs: number[];
      /** Epoch ms just before and just after each write (the store's update is synchronous). */
      sentMs: number[];
      ackMs: number[];
      failed: [number, string][];
      /** The server process's CPU over the step, and the step's wall time. */
      cpuMs: number;
      wallMs: number;
    };

export interface StampRun {
  writes: WriteRecord[];
  /** The server process's CPU share over the step (1 = one core): what the writes and the engine cost it. */
  serverCpuShare: number;
}

export class ChurnStamper {
  private nextSeq = IN_PROCESS_SEQ_BASE;
  private nextId = 1;

  constructor(
    private readonly server: ChildProcess,
    private readonly targets: Target[],
  ) {
    if (!server.send) throw new Error('churn stamper: the server was started without an IPC channel');
    if (targets.length === 0) throw new Error('churn stamper: no pods to write to');
  }

  /** Stamps at `perSecond` for `ms` inside the server; resolves with every write once the step is over. */
  run(perSecond: number, ms: number): Promise<StampRun> {
    const id = this.nextId++;
    const firstSeq = this.nextSeq;
    this.nextSeq += Math.ceil((perSecond * ms) / 1000) + 1;
    return new Promise((resolve, reject) => {
      const onMessage = (m: StampReply): void => {
        if (m.op !== 'stamped' || m.id !== id) return;
        cleanup();
        if (m.error !== undefined) {
          reject(new Error(`churn stamper: ${m.error}`));
          return;
        }
        const writes: WriteRecord[] = m.seqs.map((seq, i) => ({ seq, sentMs: m.sentMs[i]!, ackMs: m.ackMs[i]! }));
        for (const [seq, why] of m.failed) writes.push({ seq, sentMs: NaN, failed: why });
        resolve({ writes, serverCpuShare: Math.round((m.cpuMs / m.wallMs) * 100) / 100 });
      };
      const onExit = (): void => {
        cleanup();
        reject(new Error('churn stamper: the server exited during a step'));
      };
      const cleanup = (): void => {
        this.server.off('message', onMessage);
        this.server.off('exit', onExit);
      };
      this.server.on('message', onMessage);
      this.server.on('exit', onExit);
      const request: StampRequest = { op: 'stamp', id, perSecond, ms, firstSeq, targets: this.targets };
      this.server.send!(request);
    });
  }
}
