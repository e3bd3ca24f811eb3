// Occurrences recorded per event uid, for one pod's timeline. Most pods have a handful of
// events (Scheduled, Pulled, Created, Started): a flat array of keys and counts holds them in
// about a third of what an empty Map's table takes (at 10k pods, 6k tracked pods' Maps were
// 2 MB). Past MAX_FLAT events a pod's counts move to a Map, so a lookup stays O(1).

const MAX_FLAT = 16;

export class EventCounts {
  /** key, count, key, count, … */
  private flat: (string | number)[] = [];
  private map: Map<string, number> | undefined;

  get(key: string): number | undefined {
    if (this.map !== undefined) return this.map.get(key);
    const flat = this.flat;
    for (let i = 0; i < flat.length; i += 2) if (flat[i] === key) return flat[i + 1] as number;
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, count: number): void {
    if (this.map !== undefined) {
      this.map.set(key, count);
      return;
    }
    const flat = this.flat;
    for (let i = 0; i < flat.length; i += 2) {
      if (flat[i] === key) {
        flat[i + 1] = count;
        return;
      }
    }
    if (flat.length < MAX_FLAT * 2) {
      flat.push(key, count);
      return;
    }
    this.map = new Map();
    for (let i = 0; i < flat.length; i += 2) this.map.set(flat[i] as string, flat[i + 1] as number);
    this.map.set(key, count);
    this.flat = [];
  }
}
