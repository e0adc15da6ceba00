// A history kept to its newest `max` items (docs/rules.md §8, limits): the delivery log and
// the listener's records. Past the cap the oldest item is overwritten and counted, so a
// long-running simulator holds a fixed number of them and a reader learns how many it missed.
// A ring: pushing past the cap costs O(1), not a copy of the whole history.

export class BoundedLog<T> {
  private ring: T[] = [];
  /** Index of the oldest item once the ring is full. */
  private start = 0;
  private droppedCount = 0;

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`a bounded log keeps at least 1 item, not ${max}`);
  }

  push(item: T): void {
    if (this.ring.length < this.max) {
      this.ring.push(item);
      return;
    }
    this.ring[this.start] = item;
    this.start = (this.start + 1) % this.max;
    this.droppedCount++;
  }

  /** The items kept, oldest first (a copy). */
  items(): T[] {
    return this.start === 0 ? [...this.ring] : [...this.ring.slice(this.start), ...this.ring.slice(0, this.start)];
  }

  get size(): number {
    return this.ring.length;
  }

  /** How many items were dropped to keep the cap since the log was created or cleared. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Forgets every item and the count of dropped ones (a reset starts the history over). */
  clear(): void {
    this.ring = [];
    this.start = 0;
    this.droppedCount = 0;
  }
}

/** The header that tells a reader of a bounded history how many older items were dropped. */
export const DROPPED_HEADER = "X-Records-Dropped";
