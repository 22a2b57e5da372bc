/**
 * A binary heap (engine/core/heap.ts: tinyqueue stays the event queue's alone, so its compare call site
 * remains monomorphic) whose entries can be invalidated in O(1): each entry carries its sort keys
 * and the generation of its item at push time; an entry whose generation no longer matches is skipped.
 * Keys are copied into the entry, so changing the item later never corrupts the heap order.
 */
import { Heap } from '../../core/heap.js';

export interface HeapItem {
  /** Bumped whenever the item leaves the heap it was pushed to (moved, popped or deleted). */
  gen: number;
}

export interface HeapEntry<T extends HeapItem> {
  item: T;
  gen: number;
  /** Up to three numeric keys compared in order, ascending; then insertion order. */
  k0: number;
  k1: number;
  k2: number;
  seq: number;
}

/** Spare entries kept at most (each ~64 bytes; a spare still points at its last item). */
const MAX_SPARE = 4096;

function less<T extends HeapItem>(a: HeapEntry<T>, b: HeapEntry<T>): boolean {
  return (a.k0 - b.k0 || a.k1 - b.k1 || a.k2 - b.k2 || a.seq - b.seq) < 0;
}

export class LazyHeap<T extends HeapItem> {
  private readonly heap = new Heap<HeapEntry<T>>(less);
  private seq = 0;
  /** Number of live items (entries whose generation still matches). */
  size = 0;
  /**
   * Entries taken off the heap, reused by push: a backlog requeued after every event pushes and pops
   * hundreds of thousands of entries an hour, which otherwise live just long enough to be promoted.
   */
  private readonly spare: HeapEntry<T>[] = [];

  push(item: T, k0: number, k1: number, k2: number): void {
    const e = this.spare.pop();
    if (e === undefined) {
      this.heap.push({ item, gen: item.gen, k0, k1, k2, seq: this.seq++ });
    } else {
      e.item = item;
      e.gen = item.gen;
      e.k0 = k0;
      e.k1 = k1;
      e.k2 = k2;
      e.seq = this.seq++;
      this.heap.push(e);
    }
    this.size++;
  }

  /** Marks the item's entry stale (call when the item is removed from this heap by other means). */
  invalidate(item: T): void {
    item.gen++;
    this.size--;
  }

  peek(): T | undefined {
    this.dropStale();
    return this.heap.peek()?.item;
  }

  /** The first sort key of the live top entry (what it was pushed with), or undefined when empty. */
  peekKey(): number | undefined {
    this.dropStale();
    return this.heap.peek()?.k0;
  }

  pop(): T | undefined {
    this.dropStale();
    const e = this.heap.pop();
    if (e === undefined) return undefined;
    const item = e.item;
    item.gen++;
    this.size--;
    this.recycle(e);
    return item;
  }

  private recycle(e: HeapEntry<T>): void {
    if (this.spare.length < MAX_SPARE) this.spare.push(e);
  }

  private dropStale(): void {
    for (;;) {
      const top = this.heap.peek();
      if (top === undefined || top.gen === top.item.gen) return;
      this.recycle(this.heap.pop()!);
    }
  }
}
