// `podscope sim serve` with a writer inside it, for the churn bench: the same server code the
// binary runs (runSimServe from src/cli/serveCommand.ts, compiled to dist/, same flags, same
// kubeconfig), started as a child process with an IPC channel. On the parent's word it stamps
// pods through the engine's API in this process — SimApi.update, what a PUT does after
// decoding: validation, a new resourceVersion, the store's watch fan-out — so each write is an
// ordinary MODIFIED event on every pods watch over HTTP, without one HTTP request per write
// (the server takes ~1,200 merge patches a second at 10k pods on this machine; the TUI's
// watch, not the writer's requests, is what the bench measures).
//
// node dist/test/bench/churnServe.js sim serve [flags]   (the parent: churnStamper.ts)
import type { Pod } from '../../src/kube/types.js';
import { CHURN_SEQ_ANNOTATION } from '../../src/cli/deltaLog.js';
import { runSimServe } from '../../src/cli/serveCommand.js';
import type { Simulator } from '../../src/sim/engine.js';
import type { StampReply, StampRequest } from './churnStamper.js';

const now = (): number => performance.timeOrigin + performance.now();

let sim: Simulator | undefined;
const stop = new AbortController();
// The parent went away (or closed the channel): stop as SIGINT would, never outlive it.
process.on('disconnect', () => stop.abort());

process.on('message', (message: StampRequest) => {
  if (message.op !== 'stamp') return;
  if (!sim) {
    reply({ op: 'stamped', id: message.id, error: 'the server is not ready' });
    return;
  }
  void stamp(sim, message).then(reply, (err: unknown) => reply({ op: 'stamped', id: message.id, error: String(err) }));
});

function reply(r: StampReply): void {
  process.send?.(r);
}

/**
 * Writes at `perSecond` for `ms`, as many as are due every 2 ms (a write is synchronous, so
 * none is ever skipped: a busy event loop shows as writes sent late, in a burst, and the rate
 * reached says so). Each write sets the stamp annotation of the next target to its sequence
 * number on the pod as stored now.
 */
async function stamp(sim: Simulator, r: Extract<StampRequest, { op: 'stamp' }>): Promise<StampReply> {
  const seqs: number[] = [];
  const sentMs: number[] = [];
  const ackMs: number[] = [];
  const failed: [number, string][] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let due = 0;
  await new Promise<void>((done) => {
    const tick = setInterval(() => {
      const elapsed = performance.now() - t0;
      const want = Math.floor((Math.min(elapsed, r.ms) / 1000) * r.perSecond);
      for (; due < want; due++) {
        const seq = r.firstSeq + due;
        const target = r.targets[seq % r.targets.length]!;
        const sent = now();
        try {
          const current = sim.api.get('Pod', target.namespace, target.name);
          const meta = current.metadata!;
          sim.api.update('Pod', { ...current, metadata: { ...meta, annotations: { ...meta.annotations, [CHURN_SEQ_ANNOTATION]: String(seq) } } } as Pod);
          seqs.push(seq);
          sentMs.push(sent);
          ackMs.push(now());
        } catch (err) {
          failed.push([seq, err instanceof Error ? err.message : String(err)]);
        }
      }
      if (elapsed >= r.ms) {
        clearInterval(tick);
        done();
      }
    }, 2);
  });
  const cpu = process.cpuUsage(cpu0);
  return { op: 'stamped', id: r.id, seqs, sentMs, ackMs, failed, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - t0 };
}

const code = await runSimServe(
  process.argv.slice(3), // after `sim`: serve [flags]
  { stdout: process.stdout, stderr: process.stderr },
  {
    signal: stop.signal,
    onReady: (info) => {
      sim = info.sim;
    },
  },
);
process.exit(code);
