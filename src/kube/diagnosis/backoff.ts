// What the diagnosis reads about the kubelet's back-off beyond its cadence (which is
// src/kube/kubeletBackoff.ts, shared with the simulator's kubelet): the delay the kubelet
// wrote into a CrashLoopBackOff message, and a wait in words for "next try in N s".

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
