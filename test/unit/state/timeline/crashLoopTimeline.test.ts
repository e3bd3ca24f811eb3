// The crash-loop fixture (a container that exits 1 after 2 s) over 10 simulated minutes: its
// timeline is what the kubelet did, at the instants the manual-clock kubelet tests assert
// (test/unit/sim/kubeletCrashLoop.test.ts): a restart at once after the first exit, then
// back-offs of 10, 20, 40, 80, 160 s; CrashLoopBackOff written at the resync 10 s after an
// exit; BackOff events on the exit sync and every 10 s resync, until the recorder's spam
// filter (25 events per object, one more every 5 minutes) holds them back.
import { afterEach, expect, it } from 'vitest';
import { loadScenario, resolveScenarioPath } from '../../../../src/sim/scenario/index.js';
import { createTestSimulator } from '../../../ui/testSimulator.js';
import { recordSimulator } from './simRecording.js';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

const EXPECTED = [
    '00:00:00 +0s     Created',
    '00:00:00 +0s     Scheduled to sim-node-1',
    '00:00:00 +0s     PodReadyToStartContainers: False',
    '00:00:00 +0s     Initialized: True',
    '00:00:00 +0s     Ready, ContainersReady: False (ContainersNotReady)',
    '00:00:00 +0s     app: Waiting ContainerCreating',
    '00:00:01 +1s     app: Pulling Pulling image "busybox:1.36"',
    '00:00:01 +1s     PodReadyToStartContainers: False → True',
    '00:00:02 +2s     app: Pulled Successfully pulled image "busybox:1.36" in 1.975s (1.975s including waiting). Image size: 58343736 bytes.',
    '00:00:02 +2s     app: Created Created container app',
    '00:00:02 +2s     app: Started Started container app',
    '00:00:02 +2s     Ready, ContainersReady: False → True',
    '00:00:02 +2s     app: Waiting ContainerCreating → Running',
    '00:00:02 +2s     Phase Pending → Running',
    '00:00:04 +4s     app: Pulled Container image "busybox:1.36" already present on machine',
    '00:00:04 +4s     app: Created (×2) Created container app',
    '00:00:04 +4s     app: Started (×2) Started container app',
    '00:00:04 +4s     app: Running → Terminated Error (exit 1)',
    '00:00:04 +4s     app: Terminated Error (exit 1) → Running (restart 1, 0s after the exit)',
    '00:00:06 +6s     app: BackOff Back-off restarting failed container app in pod crashloop_default(UID)',
    '00:00:06 +6s     Ready, ContainersReady: True → False (ContainersNotReady)',
    '00:00:06 +6s     app: Running → Terminated Error (exit 1)',
    '00:00:16 +16s    app: Pulled (×2) Container image "busybox:1.36" already present on machine',
    '00:00:16 +16s    app: Created (×3) Created container app',
    '00:00:16 +16s    app: Started (×3) Started container app',
    '00:00:16 +16s    Ready, ContainersReady: False → True',
    '00:00:16 +16s    app: Terminated Error (exit 1) → Running (restart 2, 10s after the exit)',
    '00:00:18 +18s    app: BackOff (×2) Back-off restarting failed container app in pod crashloop_default(UID)',
    '00:00:18 +18s    Ready, ContainersReady: True → False (ContainersNotReady)',
    '00:00:18 +18s    app: Running → Terminated Error (exit 1)',
    '00:00:28 +28s    app: BackOff (×3) Back-off restarting failed container app in pod crashloop_default(UID)',
    '00:00:28 +28s    app: Terminated Error (exit 1) → Waiting CrashLoopBackOff (back-off 20s)',
    '00:00:38 +38s    app: Pulled (×3) Container image "busybox:1.36" already present on machine',
    '00:00:38 +38s    app: Created (×4) Created container app',
    '00:00:38 +38s    app: Started (×4) Started container app',
    '00:00:38 +38s    Ready, ContainersReady: False → True',
    '00:00:38 +38s    app: Waiting CrashLoopBackOff (back-off 20s) → Running (restart 3, 20s after the exit)',
    '00:00:40 +40s    app: BackOff (×4) Back-off restarting failed container app in pod crashloop_default(UID)',
    '00:00:40 +40s    Ready, ContainersReady: True → False (ContainersNotReady)',
    '00:00:40 +40s    app: Running → Terminated Error (exit 1)',
    '00:00:50 +50s    app: BackOff (×5) Back-off restarting failed container app in pod crashloop_default(UID)',
    '00:00:50 +50s    app: Terminated Error (exit 1) → Waiting CrashLoopBackOff (back-off 40s)',
    '00:01:00 +1m     app: BackOff (×6) Back-off restarting failed container app in pod crashloop_default(UID)',
    '00:01:10 +1m10s  app: BackOff (×7) Back-off restarting failed container app in pod crashloop_default(UID)',
    '00:01:20 +1m20s  app: Pulled (×4) Container image "busybox:1.36" already present on machine',
    '00:01:20 +1m20s  app: Created (×5) Created container app',
    '00:01:20 +1m20s  app: Started (×5) Started container app',
    '00:01:20 +1m20s  Ready, ContainersReady: False → True',
    '00:01:20 +1m20s  app: Waiting CrashLoopBackOff (back-off 40s) → Running (restart 4, 40s after the exit)',
    '00:01:22 +1m22s  app: BackOff (×8) Back-off restarting failed container app in pod crashloop_default(UID)',
    '00:01:22 +1m22s  Ready, ContainersReady: True → False (ContainersNotReady)',
    '00:01:22 +1m22s  app: Running → Terminated Error (exit 1)',
    '00:01:32 +1m32s  app: BackOff (×9) Back-off restarting failed container app in pod crashloop_default(UID)',
    '00:01:32 +1m32s  app: Terminated Error (exit 1) → Waiting CrashLoopBackOff (back-off 1m20s)',
    '00:02:42 +2m42s  Ready, ContainersReady: False → True',
    '00:02:42 +2m42s  app: Waiting CrashLoopBackOff (back-off 1m20s) → Running (restart 5, 1m20s after the exit)',
    '00:02:44 +2m44s  Ready, ContainersReady: True → False (ContainersNotReady)',
    '00:02:44 +2m44s  app: Running → Terminated Error (exit 1)',
    '00:02:54 +2m54s  app: Terminated Error (exit 1) → Waiting CrashLoopBackOff (back-off 2m40s)',
    '00:05:04 +5m4s   app: BackOff (×30) Back-off restarting failed container app in pod crashloop_default(UID)',
    '00:05:24 +5m24s  Ready, ContainersReady: False → True',
    '00:05:24 +5m24s  app: Waiting CrashLoopBackOff (back-off 2m40s) → Running (restart 6, 2m40s after the exit)',
    '00:05:26 +5m26s  Ready, ContainersReady: True → False (ContainersNotReady)',
    '00:05:26 +5m26s  app: Running → Terminated Error (exit 1)',
    '00:05:36 +5m36s  app: Terminated Error (exit 1) → Waiting CrashLoopBackOff (back-off 5m0s)',
];

it('the crash-loop fixture over 10 simulated minutes, line for line', async () => {
  const sim = createTestSimulator(await loadScenario(resolveScenarioPath('crashloop')));
  stop = () => sim.stop();
  const rec = recordSimulator(sim);
  sim.clock.advance(600_000);
  const lines = rec.lines('crashloop');
  expect(lines).toEqual(EXPECTED);

  // The cadence, read back from the lines: the image is pulled in 1.975 s (the first start's
  // timestamp truncates to 2 s), each run lasts 2 s, and the gaps are the kubelet's back-off.
  const seconds = (l: string): number => {
    const [h, m, s] = l.slice(0, 8).split(':').map(Number);
    return h! * 3600 + m! * 60 + s!;
  };
  const starts = lines.filter((l) => /app: .* → Running/.test(l)).map(seconds);
  const exits = lines.filter((l) => /Running → Terminated Error \(exit 1\)$/.test(l)).map(seconds);
  expect(starts).toEqual([2, 4, 16, 38, 80, 162, 324]);
  expect(exits).toEqual(starts.map((s) => s + 2));
  const gaps = lines.flatMap((l) => /restart \d+, (.+) after the exit/.exec(l)?.[1] ?? []);
  expect(gaps).toEqual(['0s', '10s', '20s', '40s', '1m20s', '2m40s']);
  // After the 10 s back-off the resync that would write CrashLoopBackOff restarts it instead
  // (the kubelet test's `5s Error` → `15s Running`); from the 20 s back-off on it shows.
  const waits = lines.filter((l) => /→ Waiting CrashLoopBackOff/.test(l)).map(seconds);
  expect(waits).toEqual(exits.slice(2).map((e) => e + 10).filter((t) => t <= 600));
});
