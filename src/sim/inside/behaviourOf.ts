// A container's behaviour annotations, or undefined when they are malformed (the kubelet then
// never started it, so nothing inside asks).
import type { Container, Pod } from '../../kube/types.js';
import { BehaviourError, containerBehaviour, type ContainerBehaviour } from '../behaviour/index.js';

export type { ContainerBehaviour };

export function behaviourOf(pod: Pod, c: Container): ContainerBehaviour | undefined {
  try {
    return containerBehaviour(pod, c);
  } catch (err) {
    if (err instanceof BehaviourError) return undefined;
    throw err;
  }
}
