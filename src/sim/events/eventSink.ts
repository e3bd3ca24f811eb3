// Writes Events to the store as the recorders' sinks do: create, or patch an existing
// Event and re-create it when it has gone (TTL) in the meantime.
import { ApiError } from '../../kube/apiError.js';
import type { Event } from '../../kube/types.js';
import type { Store } from '../store.js';

export class EventSink {
  constructor(private readonly store: Store) {}

  /** Creates an Event; a name already taken is dropped, as the apiserver's AlreadyExists is. */
  create(event: Event): Event | undefined {
    // No copy without resourceVersion needed: Store.create stamps its own.
    try {
      return this.store.create('Event', event);
    } catch (err) {
      if (err instanceof ApiError && err.reason === 'AlreadyExists') return undefined;
      throw err;
    }
  }

  /** Applies `patch` to the stored Event, or creates `whole` when it is not there. */
  patchOrCreate(whole: Event, patch: Partial<Event>): Event | undefined {
    const current = this.store.get('Event', whole.metadata?.namespace, whole.metadata?.name ?? '');
    if (!current) return this.create(whole);
    return this.store.update('Event', { ...current, ...patch, metadata: { ...current.metadata, resourceVersion: undefined } });
  }
}
