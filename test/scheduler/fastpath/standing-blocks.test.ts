/**
 * A block ranking (standing-blocks.ts) must give the highest total, its ties and each tied candidate
 * that ranking the window candidate by candidate gives (default-score.ts rankWindow), after any
 * sequence of changed positions.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StandingBlocks } from '../../../engine/scheduler/fastpath/standing-blocks.js';
import type { BlockWindow, KeyTable } from '../../../engine/scheduler/fastpath/standing-blocks.js';
import type { TopScore } from '../../../engine/scheduler/plugins/podtopologyspread/score-table.js';

/** A list's arrays by node position, and keys whose weights depend on which keys the window holds (as spread's normalization does). */
class World implements KeyTable {
  readonly ok: Uint8Array;
  readonly fit: Uint8Array;
  readonly balanced: Uint8Array;
  readonly key: Int32Array;
  constructor(readonly n: number) {
    this.ok = new Uint8Array(n);
    this.fit = new Uint8Array(n);
    this.balanced = new Uint8Array(n);
    this.key = new Int32Array(n);
  }
  standingKey(p: number): number {
    return this.key[p]!;
  }
  standingWeightsOf(present: Int32Array, count: number, weight: number, pre: number): Float64Array {
    const keys = [...present.subarray(0, count)];
    const lo = Math.min(...keys);
    const hi = Math.max(...keys);
    const w = new Float64Array(hi + 1);
    for (const k of keys) w[k] = pre + weight * (hi === lo ? 100 : Math.trunc((100 * (hi - k)) / (hi - lo)));
    return w;
  }
}

/** The window: `take` consecutive passing positions from `start`, cyclically. */
function windowOf(w: World, start: number, take: number): number[] {
  const out: number[] = [];
  for (let v = 0, p = start; v < w.n && out.length < take; v++, p = (p + 1) % w.n) if (w.ok[p] === 1) out.push(p);
  return out;
}

/** A window's positions as the block ranking reads them (a standing list reads them from its passing list). */
function windowFrom(pos: readonly number[]): BlockWindow {
  return { windowSize: pos.length, posAt: (k) => pos[k]!, indexOf: (p) => pos.indexOf(p) };
}

/** Candidate by candidate: each total, the highest, its tied candidates in order. */
function naive(w: World, pos: readonly number[], base: number): { max: number; tied: number[] } {
  const present = Int32Array.from(new Set(pos.map((p) => w.key[p]!)));
  const weights = w.standingWeightsOf(present, present.length, 2, 300);
  const totals = pos.map((p) => base + w.fit[p]! + w.balanced[p]! + weights[w.key[p]!]!);
  const max = Math.max(...totals);
  return { max, tied: totals.flatMap((t, k) => (t === max ? [k] : [])) };
}

// keys 0..20: more groups than the first 8 slots per block (the summaries widen)
const change = fc.tuple(fc.nat(199), fc.boolean(), fc.nat(100), fc.nat(100), fc.nat(20));

describe('standing blocks', () => {
  it('rank a window as the candidate-by-candidate ranking does, ties included, after any changes (windows that wrap, partial and whole blocks)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.array(change, { minLength: 200, maxLength: 200 }),
        fc.array(fc.tuple(fc.array(change, { maxLength: 6 }), fc.nat(199), fc.integer({ min: 1, max: 200 }), fc.nat(100)), { minLength: 1, maxLength: 12 }),
        (n, initial, steps) => {
          const w = new World(n);
          const apply = ([at, ok, fit, balanced, key]: [number, boolean, number, number, number], blocks: StandingBlocks | null): void => {
            const p = at % n;
            w.ok[p] = ok ? 1 : 0;
            w.fit[p] = fit;
            w.balanced[p] = balanced;
            w.key[p] = key;
            blocks?.touch(p);
          };
          for (const c of initial) apply(c, null);
          const blocks = new StandingBlocks(n);
          assert.ok(blocks.build(w, w, 1));
          const top: TopScore = { max: 0, ties: 0, first: 0, locator: null };
          for (const [changes, start, take, base] of steps) {
            for (const c of changes) apply(c, blocks);
            const pos = windowOf(w, start % n, take);
            if (pos.length === 0) continue;
            assert.ok(blocks.rank(w, w, windowFrom(pos), base, 2, 300, top));
            const want = naive(w, pos, base);
            assert.equal(top.max, want.max);
            assert.equal(top.ties, want.tied.length);
            assert.equal(top.first, want.tied.length === 1 ? want.tied[0] : -1);
            assert.deepEqual(want.tied.map((_, j) => top.locator!.tie(j)), want.tied);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keep every block summary when a change brings one key more than the slots a block has (8, then 16)', () => {
    const w = new World(100);
    for (let p = 0; p < 100; p++) {
      w.ok[p] = 1;
      w.fit[p] = (p * 37) % 90;
      w.key[p] = p % 8;
    }
    const blocks = new StandingBlocks(100);
    assert.ok(blocks.build(w, w, 1));
    const top: TopScore = { max: 0, ties: 0, first: 0, locator: null };
    const pos = Array.from({ length: 60 }, (_, k) => (k + 30) % 100);
    for (const [p, key] of [[5, 8], [77, 9], [40, 10], [41, 11], [42, 12], [43, 13], [44, 14], [45, 15], [46, 16]] as const) {
      w.key[p] = key;
      w.fit[p] = 95;
      blocks.touch(p);
      assert.ok(blocks.rank(w, w, windowFrom(pos), 0, 2, 300, top));
      const want = naive(w, pos, 0);
      assert.deepEqual([top.max, top.ties, top.locator!.tie(0)], [want.max, want.tied.length, want.tied[0]], `key ${key}`);
    }
  });

  it('start a key first seen after a rebuild with fewer groups from no summary (its slot held another key before)', () => {
    const w = new World(100);
    for (let p = 0; p < 100; p++) {
      w.ok[p] = 1;
      w.fit[p] = 90;
      w.key[p] = 10 + (p % 10);
    }
    const blocks = new StandingBlocks(100);
    assert.ok(blocks.build(w, w, 1));
    for (let p = 0; p < 100; p++) {
      w.fit[p] = 50;
      w.key[p] = 11 + (p % 3);
    }
    assert.ok(blocks.build(w, w, 2));
    w.key[40] = 0;
    w.fit[40] = 10;
    blocks.touch(40);
    const top: TopScore = { max: 0, ties: 0, first: 0, locator: null };
    const pos = Array.from({ length: 100 }, (_, p) => p);
    assert.ok(blocks.rank(w, w, windowFrom(pos), 0, 2, 300, top));
    const want = naive(w, pos, 0);
    assert.deepEqual([top.max, top.ties, top.first], [want.max, want.tied.length, 40]);
  });

  it('refuse more key groups than they keep summaries for, and rank again once a rebuild finds few enough', () => {
    const w = new World(100);
    for (let p = 0; p < 100; p++) {
      w.ok[p] = 1;
      w.fit[p] = p % 50;
      w.key[p] = p;
    }
    const blocks = new StandingBlocks(100);
    assert.equal(blocks.build(w, w, 1), false);
    for (let p = 0; p < 100; p++) w.key[p] = p % 10;
    assert.equal(blocks.build(w, w, 1), true);
    const top: TopScore = { max: 0, ties: 0, first: 0, locator: null };
    const pos = Array.from({ length: 100 }, (_, p) => p);
    assert.ok(blocks.rank(w, w, windowFrom(pos), 0, 2, 300, top));
    assert.deepEqual([top.max, top.ties], [naive(w, pos, 0).max, naive(w, pos, 0).tied.length]);
    // 70 distinct keys after changes: the touched positions outgrow the groups, and a rebuild cannot help
    for (let p = 0; p < 70; p++) {
      w.key[p] = 100 + p;
      blocks.touch(p);
    }
    assert.equal(blocks.rank(w, w, windowFrom(pos), 0, 2, 300, top), false);
  });
});
