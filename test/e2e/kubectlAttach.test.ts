// `kubectl attach` against sim serve: the container's output from the moment it attached (the
// simulator's main process is its log program), and kubectl ends when the container does.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeStartedHarnesses, Harness, kubectlAvailable, waitFor } from './helpers/serverHarness.js';

const SCENARIO = `apiVersion: v1
kind: Pod
metadata:
  name: ticker
  annotations:
    sim.podscope.dev/run: 300s
    sim.podscope.dev/logs: |
      every 10s: tick {n}
spec:
  restartPolicy: Never
  containers: [{name: app, image: "busybox:1.36", command: ["sleep", "3600"]}]
`;

const SDK = '/usr/lib/google-cloud-sdk/bin';
// 1.33 attaches over WebSocket v5, 1.29 over SPDY.
const BINARIES = ['kubectl.1.33', 'kubectl.1.29'].map((b) => join(SDK, b)).filter((b) => existsSync(b));
if (BINARIES.length === 0) BINARIES.push('kubectl');
const scratch = mkdtempSync(join(tmpdir(), 'podscope-attach-e2e-'));
afterEach(closeStartedHarnesses);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.runIf(kubectlAvailable())('kubectl attach', () => {
  it.each(BINARIES)('%s prints the lines written after it attached and ends, exit 0, when the container exits', async (binary) => {
    const path = join(scratch, 'ticker.yaml');
    writeFileSync(path, SCENARIO);
    const h = await Harness.start({ scenario: path, settleMs: 60_000 });
    const k = h.stream(['attach', 'ticker', '-c', 'app'], binary);
    // Simulated time moves a second at a time until kubectl has shown a line.
    await waitFor('kubectl to print a tick', () => {
      h.clock.advance(1000);
      return k.lines.some((l) => l.startsWith('tick'));
    });
    h.clock.advance(400_000);
    await waitFor('kubectl to end', () => k.exited);
    expect(k.exitCode).toBe(0);
    const ticks = k.lines;
    const first = Number(/^tick (\d+)$/.exec(ticks[0]!)?.[1]);
    // Attached about a minute into the run: the first ticks are not replayed.
    expect(first).toBeGreaterThan(4);
    expect(ticks).toEqual(ticks.map((_, i) => `tick ${first + i}`));
    // kubectl's own hint, printed whenever it attaches.
    expect(k.stderr).toBe("If you don't see a command prompt, try pressing enter.\n");
  });
});
