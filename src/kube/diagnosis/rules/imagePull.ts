// An image that does not pull: ErrImagePull, then ImagePullBackOff while the puller waits
// 10 s, 20 s, 40 s … 300 s after each failure. The next try is the last failure's time plus
// the delay its number in the row earns.
import { backoffAfter, IMAGE_PULL_BACKOFF } from '../../kubeletBackoff.js';
import { waitText } from '../backoff.js';
import { containerLabel } from '../containers.js';
import { tally, timeMs } from '../events.js';
import type { Evidence, Finding, RuleContext } from '../types.js';

function fixFor(message: string, image: string): string | undefined {
  if (/not found|manifest unknown|does not exist/.test(message)) return `image "${image}" does not exist: check its name and tag`;
  if (/unauthorized|authentication required|denied|forbidden/i.test(message)) return 'the registry refuses the pull: add imagePullSecrets with credentials that may read the image';
  if (/no such host|i\/o timeout|connection refused|TLS handshake/.test(message)) return "the node cannot reach the registry: check the registry's address and the node's network";
  return undefined;
}

export function imagePull(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const c of ctx.containers) {
    const w = c.status?.state?.waiting;
    const image = c.spec.image ?? '';
    if (w?.reason === 'ErrImagePull' || w?.reason === 'ImagePullBackOff') {
      const failures = tally(c.events, (e) => e.reason === 'Failed' && (e.message ?? '').startsWith('Failed to pull image'));
      const evidence: Evidence[] = [{ text: `${c.name}: state.waiting.reason ${w.reason}${w.message ? `: ${w.message}` : ''}` }];
      if (failures.newest) evidence.push({ text: `event Failed (x${failures.count}, since ${failures.first ?? '?'}): ${failures.newest.message ?? ''}`, at: failures.last });
      const backOff = tally(c.events, (e) => e.reason === 'BackOff' && (e.message ?? '').startsWith('Back-off pulling image'));
      if (backOff.newest) evidence.push({ text: `event BackOff (x${backOff.count}): ${backOff.newest.message ?? ''}`, at: backOff.last });
      let next = '';
      if (failures.count > 0 && failures.last) {
        const delay = backoffAfter(failures.count, IMAGE_PULL_BACKOFF);
        const at = timeMs(failures.last) + delay;
        const wait = at - ctx.nowMs;
        next = wait > 0 ? waitText(wait) : 'now';
        evidence.push({ text: `${failures.count} failed pull${failures.count === 1 ? '' : 's'} in a row: the puller waits ${waitText(delay)} after the last (10s doubling to 5m)` });
      }
      const fix = fixFor(`${w.message ?? ''} ${failures.newest?.message ?? ''}`, image);
      out.push({
        cause: 'image-pull',
        headline: `${containerLabel(c)}: image "${image}" does not pull (${w.reason})${next ? `; next try ${next === 'now' ? 'now' : `in ${next}`}` : ''}`,
        short: `image pull failing${next ? `, next ${next === 'now' ? 'now' : `in ${next}`}` : ''}`,
        evidence,
        ...(fix ? { fix } : {}),
      });
      continue;
    }
  }
  return out;
}
