// ClaimPods / ClaimReplicaSets (controller_ref_manager.go): keep owned children that still
// match the selector, release the ones that stopped matching, adopt matching orphans.
import { labelSelectorFromSpec, type LabelSelector } from '../../kube/labels/selector.js';
import type { Kind, KindMap, KubeObject } from '../../kube/types.js';
import type { SimContext } from '../context.js';
import { newControllerRef } from './keys.js';
import { isDeleting } from './podState.js';

type Selectable = { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };

type WithSelector = { selector?: Selectable; template?: { metadata?: { labels?: Record<string, string> } } };

/** Parsed selectors per owner object: objects are immutable, so the spec object is the key. */
const selectorCache = new WeakMap<object, LabelSelector>();

/** The owner's selector; a missing one falls back to the template's labels (admission normally requires it). */
export function ownerSelector(spec: WithSelector | undefined): LabelSelector {
  if (spec) {
    const cached = selectorCache.get(spec);
    if (cached) return cached;
  }
  const selector =
    spec?.selector && (spec.selector.matchLabels || spec.selector.matchExpressions)
      ? labelSelectorFromSpec(spec.selector)
      : labelSelectorFromSpec({ matchLabels: spec?.template?.metadata?.labels ?? {} });
  if (spec) selectorCache.set(spec, selector);
  return selector;
}

export function claimChildren<C extends Kind>(
  ctx: SimContext,
  childKind: C,
  owner: KubeObject,
  ownerApiVersion: string,
  ownerKind: string,
  selector: LabelSelector,
  owned: KindMap[C][],
  orphans: KindMap[C][],
): KindMap[C][] {
  const uid = owner.metadata!.uid!;
  const claimed: KindMap[C][] = [];
  for (const child of owned) {
    if (selector.matches(child.metadata?.labels)) {
      claimed.push(child);
      continue;
    }
    if (isDeleting(owner)) {
      claimed.push(child);
      continue;
    }
    const kept = (child.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid);
    ctx.api.update(childKind, {
      ...child,
      metadata: { ...child.metadata, resourceVersion: undefined, ownerReferences: kept.length ? kept : undefined },
    } as KindMap[C]);
  }
  if (isDeleting(owner)) return claimed;
  for (const orphan of orphans) {
    if (isDeleting(orphan) || !selector.matches(orphan.metadata?.labels)) continue;
    const refs = [...(orphan.metadata?.ownerReferences ?? []), newControllerRef(owner, ownerApiVersion, ownerKind)];
    claimed.push(ctx.api.update(childKind, { ...orphan, metadata: { ...orphan.metadata, resourceVersion: undefined, ownerReferences: refs } } as KindMap[C]));
  }
  return claimed;
}
