/** A fixed-size ring buffer of the most recent recorded events, for violation reports. */
import type { RecentEvent } from './invariant.js';

export const RECENT_EVENTS = 20;

export class RecentEvents {
  private readonly ring: (RecentEvent | undefined)[];
  private next = 0;
  private size = 0;

  constructor(readonly capacity = RECENT_EVENTS) {
    this.ring = new Array<RecentEvent | undefined>(capacity).fill(undefined);
  }

  push(e: RecentEvent): void {
    this.ring[this.next] = e;
    this.next = (this.next + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  /** Oldest first. */
  list(): RecentEvent[] {
    const out: RecentEvent[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.ring[(this.next - this.size + i + this.capacity) % this.capacity]!);
    return out;
  }
}
