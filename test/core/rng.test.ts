import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Rng, RngStreams, sample } from '../../engine/core/rng.js';
import type { DistributionSpec } from '../../engine/core/rng.js';

const N = 20_000;

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.next());
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function stddev(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
}

describe('RngStreams', () => {
  it('the same seed and name give the same sequence', () => {
    assert.deepEqual(draws(new RngStreams(42).stream('arrivals'), 100), draws(new RngStreams(42).stream('arrivals'), 100));
  });

  it('different master seeds give different sequences', () => {
    assert.notDeepEqual(draws(new RngStreams(1).stream('arrivals'), 10), draws(new RngStreams(2).stream('arrivals'), 10));
  });

  it('different stream names give different sequences', () => {
    const streams = new RngStreams(42);
    assert.notDeepEqual(draws(streams.stream('arrivals'), 10), draws(streams.stream('faults'), 10));
  });

  it('drawing from stream A does not change stream B', () => {
    const quiet = new RngStreams('seed').stream('b');
    const busy = new RngStreams('seed');
    draws(busy.stream('a'), 1000);
    assert.deepEqual(draws(busy.stream('b'), 50), draws(quiet, 50));
  });

  it('the order of creating streams does not matter', () => {
    const first = new RngStreams(7);
    const x1 = first.stream('x');
    const y1 = first.stream('y');
    const second = new RngStreams(7);
    const y2 = second.stream('y');
    const x2 = second.stream('x');
    assert.deepEqual(draws(x1, 20), draws(x2, 20));
    assert.deepEqual(draws(y1, 20), draws(y2, 20));
  });

  it('returns the cached stream for a name', () => {
    const streams = new RngStreams(1);
    assert.equal(streams.stream('a'), streams.stream('a'));
  });

  it('keeps seed and name apart ("a","bc" differs from "ab","c")', () => {
    assert.notDeepEqual(draws(new RngStreams('a').stream('bc'), 10), draws(new RngStreams('ab').stream('c'), 10));
  });
});

describe('Rng draws', () => {
  const rng = (): Rng => new Rng('draws');

  it('next() stays in [0, 1)', () => {
    for (const x of draws(rng(), N)) assert.ok(x >= 0 && x < 1);
  });

  it('int(n) and intBetween(lo, hi) cover exactly their ranges', () => {
    const r = rng();
    const ints = new Set(Array.from({ length: 2000 }, () => r.int(6)));
    const between = new Set(Array.from({ length: 2000 }, () => r.intBetween(-2, 2)));
    assert.deepEqual([...ints].sort(), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual([...between].sort((a, b) => a - b), [-2, -1, 0, 1, 2]);
  });

  it('normal() consumes exactly two draws', () => {
    const a = rng();
    const b = rng();
    a.normal(0, 1);
    b.next();
    b.next();
    assert.equal(a.next(), b.next());
  });

  const distributions: Array<{ spec: DistributionSpec; mean: number; sd?: number; tol: number }> = [
    { spec: { kind: 'fixed', value: 3 }, mean: 3, sd: 0, tol: 0 },
    { spec: { kind: 'uniform', min: 10, max: 20 }, mean: 15, sd: 10 / Math.sqrt(12), tol: 0.02 },
    { spec: { kind: 'exponential', mean: 250 }, mean: 250, sd: 250, tol: 0.03 },
    { spec: { kind: 'normal', mean: 100, stddev: 15 }, mean: 100, sd: 15, tol: 0.02 },
    { spec: { kind: 'lognormal', mu: 1, sigma: 0.5 }, mean: Math.exp(1 + 0.125), tol: 0.02 },
    { spec: { kind: 'weibull', shape: 1, scale: 40 }, mean: 40, tol: 0.03 },
    { spec: { kind: 'weibull', shape: 2, scale: 10 }, mean: 10 * (Math.sqrt(Math.PI) / 2), tol: 0.02 },
    { spec: { kind: 'choice', values: [1, 2, 3] }, mean: 2, tol: 0.02 },
    { spec: { kind: 'choice', values: [0, 10], weights: [3, 1] }, mean: 2.5, tol: 0.03 },
  ];
  for (const { spec, mean: expected, sd, tol } of distributions) {
    it(`${JSON.stringify(spec)} has mean ${expected.toFixed(3)} within ${tol * 100}% over ${N} samples`, () => {
      const r = new Rng(`dist-${spec.kind}`);
      const xs = Array.from({ length: N }, () => sample(r, spec));
      assert.ok(Math.abs(mean(xs) - expected) <= tol * Math.abs(expected), `mean ${mean(xs)}`);
      if (sd !== undefined) assert.ok(Math.abs(stddev(xs) - sd) <= Math.max(tol * sd, 1e-12), `stddev ${stddev(xs)}`);
    });
  }

  it('choiceIndex honours weights and never picks a zero weight', () => {
    const r = rng();
    const weights = [1, 0, 2, 7];
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < N; i++) counts[r.choiceIndex(weights)]!++;
    assert.equal(counts[1], 0);
    weights.forEach((w, i) => assert.ok(Math.abs(counts[i]! / N - w / 10) < 0.015, `index ${i}: ${counts[i]}`));
  });

  const badWeights: Array<[string, number[]]> = [
    ['empty weights', []],
    ['all-zero weights', [0, 0]],
    ['a negative weight', [1, -1]],
    ['a NaN weight', [1, NaN]],
  ];
  for (const [name, weights] of badWeights) {
    it(`choiceIndex rejects ${name}`, () => assert.throws(() => rng().choiceIndex(weights), /choiceIndex/));
  }

  it('pick rejects an empty array', () => assert.throws(() => rng().pick([]), /empty/));

  it('shuffle returns the same array holding a permutation of its items', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng().shuffle(items);
    assert.equal(shuffled, items);
    assert.deepEqual([...shuffled].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
    assert.notDeepEqual(shuffled, Array.from({ length: 50 }, (_, i) => i));
  });

  it('shuffle puts each item in each position about equally often', () => {
    const r = rng();
    const firstCounts = [0, 0, 0, 0];
    for (let i = 0; i < N; i++) firstCounts[r.shuffle([0, 1, 2, 3])[0]!]!++;
    for (const c of firstCounts) assert.ok(Math.abs(c / N - 0.25) < 0.015, `count ${c}`);
  });

  it('nextInterarrivalMs gives integer gaps >= 0 with mean 1000 / rate', () => {
    const r = rng();
    const gaps = Array.from({ length: N }, () => r.nextInterarrivalMs(4));
    assert.ok(gaps.every((g) => Number.isInteger(g) && g >= 0));
    assert.ok(Math.abs(mean(gaps) - 250) < 250 * 0.03, `mean ${mean(gaps)}`);
  });

  for (const rate of [0, -1, Infinity, NaN]) {
    it(`nextInterarrivalMs rejects a rate of ${rate}`, () => assert.throws(() => rng().nextInterarrivalMs(rate), /rate/));
  }
});
