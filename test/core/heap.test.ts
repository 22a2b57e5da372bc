import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Heap } from '../../engine/core/heap.js';
import { Rng } from '../../engine/core/rng.js';

describe('Heap', () => {
  it('pops in ascending order for random input', () => {
    const rng = new Rng('heap');
    const h = new Heap<number>((a, b) => a < b);
    const xs = Array.from({ length: 2000 }, () => rng.int(500));
    for (const x of xs) h.push(x);
    const out: number[] = [];
    while (h.length > 0) out.push(h.pop()!);
    assert.deepEqual(out, [...xs].sort((a, b) => a - b));
  });

  it('is empty-safe and keeps ties in an order decided by the comparator only', () => {
    const h = new Heap<{ k: number; seq: number }>((a, b) => a.k < b.k || (a.k === b.k && a.seq < b.seq));
    assert.equal(h.pop(), undefined);
    [3, 1, 3, 1].forEach((k, seq) => h.push({ k, seq }));
    assert.deepEqual([h.pop(), h.pop(), h.pop(), h.pop()].map((x) => x!.seq), [1, 3, 0, 2]);
  });
});
