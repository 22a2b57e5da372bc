/** The queue's heap with O(1) invalidation, its entries reused: pops in key order, never a stale item. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LazyHeap } from '../../../engine/scheduler/queue/lazy-heap.js';

interface Item {
  id: number;
  gen: number;
  key: number;
  inHeap: boolean;
}

describe('lazy heap', () => {
  it('pops live items in (key, insertion) order under random pushes, pops and invalidations; peekKey is the live top\'s key', () => {
    const heap = new LazyHeap<Item>();
    const items: Item[] = Array.from({ length: 50 }, (_, id) => ({ id, gen: 0, key: 0, inHeap: false }));
    let seq = 0;
    const order = new Map<Item, number>();
    let seed = 11;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let step = 0; step < 5000; step++) {
      const r = next(10);
      if (r < 5) {
        const it = items[next(items.length)]!;
        if (it.inHeap) continue;
        it.key = next(8);
        it.inHeap = true;
        order.set(it, seq++);
        heap.push(it, it.key, 0, 0);
      } else if (r < 7) {
        const live = items.filter((i) => i.inHeap);
        if (live.length === 0) continue;
        const it = live[next(live.length)]!;
        it.inHeap = false;
        heap.invalidate(it);
      } else {
        const live = items.filter((i) => i.inHeap).sort((a, b) => a.key - b.key || order.get(a)! - order.get(b)!);
        assert.equal(heap.peekKey(), live[0]?.key, `step ${step}: the live top's key`);
        const popped = heap.pop();
        assert.equal(popped, live[0], `step ${step}`);
        if (popped !== undefined) popped.inHeap = false;
      }
      assert.equal(heap.size, items.filter((i) => i.inHeap).length);
    }
  });
});
