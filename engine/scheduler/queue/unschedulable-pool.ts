/**
 * unschedulablePods as an insertion-ordered list threaded through the QueuedPodInfos themselves. A backlog
 * parks and moves the same pods over and over (hundreds of thousands of times an hour in a zone outage);
 * a Map keyed by uid reallocated its table again and again as deleted entries piled up, and those tables
 * lived long enough to fill the old generation. Order and semantics are the Map's: append moves a pod to
 * the end, iteration goes oldest first and may delete the pod it is visiting.
 */
import type { QueuedPodInfo } from './scheduling-queue.js';

export class UnschedulablePool {
  size = 0;
  private head: QueuedPodInfo | null = null;
  private tail: QueuedPodInfo | null = null;

  /** Adds the pod at the end (moving it there if it is in already). */
  append(info: QueuedPodInfo): void {
    this.delete(info);
    info.poolPrev = this.tail;
    info.poolNext = null;
    if (this.tail === null) this.head = info;
    else this.tail.poolNext = info;
    this.tail = info;
    info.inPool = true;
    this.size++;
  }

  /** Removes the pod; false when it was not in. */
  delete(info: QueuedPodInfo): boolean {
    if (!info.inPool) return false;
    const { poolPrev: prev, poolNext: next } = info;
    if (prev === null) this.head = next;
    else prev.poolNext = next;
    if (next === null) this.tail = prev;
    else next.poolPrev = prev;
    info.poolPrev = null;
    info.poolNext = null;
    info.inPool = false;
    this.size--;
    return true;
  }

  /** The pod parked longest ago, if any. */
  first(): QueuedPodInfo | undefined {
    return this.head ?? undefined;
  }

  /** The pod parked after `info` (undefined at the end); read it before deleting `info`. */
  after(info: QueuedPodInfo): QueuedPodInfo | undefined {
    return info.poolNext ?? undefined;
  }

  /**
   * Oldest first, pods appended meanwhile included. The visited pod may be deleted (iteration goes on
   * with its successor); other changes during a visit are not supported.
   */
  *values(): Generator<QueuedPodInfo> {
    let cur = this.head;
    while (cur !== null) {
      const next = cur.poolNext;
      yield cur;
      cur = cur.inPool ? cur.poolNext : next;
    }
  }
}
