// The kubelet's back-off cadences, as client-go's flowcontrol.Backoff runs them for it:
// crash loops and image pulls both start at 10 s, double per failure up to 300 s, and start
// over once a container has gone 10 minutes without failing (pkg/kubelet/kubelet.go,
// kuberuntime's image puller). Diagnosis reads them to say "next try in N s".
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
export const BACKOFF_RESET_MS = 600_000;

/** The delay after the n-th failure in a row (n ≥ 1): 10 s, 20 s, 40 s … 300 s. */
export function backoffAfter(failures: number): number {
  if (failures <= 1) return BACKOFF_INITIAL_MS;
  return Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** Math.min(failures - 1, 16));
}

/** `back-off 40s restarting failed container=…` (the CrashLoopBackOff message): the delay, in ms. */
export function backoffFromMessage(message: string | undefined): number | undefined {
  const m = /^back-off (?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)? /.exec(message ?? '');
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  return Number(m[1] ?? 0) * 60_000 + Math.round(Number(m[2] ?? 0) * 1000);
}

/** `40s`, `2m30s`, `now`: a wait in words for a headline. */
export function waitText(ms: number): string {
  if (ms <= 0) return 'now';
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  const r = s % 60;
  return r === 0 ? `${m}m` : `${m}m${r}s`;
}
