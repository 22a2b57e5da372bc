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

function less<T extends HeapItem>(a: HeapEntry<T>, b: HeapEntry<T>): boolean {
  return (a.k0 - b.k0 || a.k1 - b.k1 || a.k2 - b.k2 || a.seq - b.seq) < 0;
}

export class LazyHeap<T extends HeapItem> {
  private readonly heap = new Heap<HeapEntry<T>>(less);
  private seq = 0;
  /** Number of live items (entries whose generation still matches). */
  size = 0;

  push(item: T, k0: number, k1: number, k2: number): void {
    this.heap.push({ item, gen: item.gen, k0, k1, k2, seq: this.seq++ });
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

  pop(): T | undefined {
    this.dropStale();
    const e = this.heap.pop();
    if (e === undefined) return undefined;
    e.item.gen++;
    this.size--;
    return e.item;
  }

  private dropStale(): void {
    for (;;) {
      const top = this.heap.peek();
      if (top === undefined || top.gen === top.item.gen) return;
      this.heap.pop();
    }
  }
}
