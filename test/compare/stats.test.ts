/** Statistics of `kubesim compare`, checked against values computed independently with SciPy 1.17.1. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { incompleteBeta, median, pairedDiff, sampleStd, summarize, tCdf, tQuantile } from '../../engine/compare/stats.js';

const close = (actual: number, expected: number, rel = 1e-9): void => {
  assert.ok(Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected)), `${actual} != ${expected}`);
};

// scipy.stats.t.ppf(p, df)
const T_QUANTILES: [number, number, number][] = [
  [0.975, 1, 12.706204736174694],
  [0.975, 2, 4.302652729749462],
  [0.975, 3, 3.1824463052837078],
  [0.975, 4, 2.7764451051977934],
  [0.975, 5, 2.5705818356363146],
  [0.975, 9, 2.262157162798205],
  [0.975, 10, 2.228138851986274],
  [0.975, 19, 2.0930240544083087],
  [0.975, 29, 2.045229642132703],
  [0.975, 30, 2.0422724563012378],
  [0.975, 100, 1.9839715185235518],
  [0.975, 1000, 1.9623390808264083],
  [0.995, 5, 4.032142983555228],
  [0.95, 10, 1.8124611228116756],
  [0.9, 3, 1.637744353696209],
  [0.999, 7, 4.785289628638333],
  [0.6, 15, 0.25788530093726125],
];

for (const [p, df, expected] of T_QUANTILES) {
  test(`t quantile(${p}, df ${df}) matches SciPy`, () => close(tQuantile(p, df), expected));
}

test('t quantile is antisymmetric around p = 0.5 and 0 at the median', () => {
  close(tQuantile(0.025, 9), -2.262157162798205);
  assert.equal(tQuantile(0.5, 4), 0);
});

test('t quantile inverts the t CDF', () => {
  for (const df of [1, 3, 8, 25, 60]) for (const p of [0.55, 0.9, 0.975, 0.9999]) close(tCdf(tQuantile(p, df), df), p, 1e-10);
});

test('regularized incomplete beta: symmetric identities and a closed form', () => {
  close(incompleteBeta(0.3, 2, 3) + incompleteBeta(0.7, 3, 2), 1, 1e-13);
  // I_x(1, b) = 1 - (1 - x)^b
  close(incompleteBeta(0.2, 1, 4), 1 - 0.8 ** 4, 1e-13);
  assert.equal(incompleteBeta(0, 2, 2), 0);
  assert.equal(incompleteBeta(1, 2, 2), 1);
});

test('t quantile is NaN outside its domain', () => {
  assert.ok(Number.isNaN(tQuantile(0, 5)));
  assert.ok(Number.isNaN(tQuantile(1, 5)));
  assert.ok(Number.isNaN(tQuantile(0.9, 0)));
});

const X = [3.1, 2.7, 4.0, 3.3, 2.9, 3.8, 3.5, 3.0, 2.6, 3.4];
const Y = [2.9, 2.8, 3.5, 3.0, 2.5, 3.7, 3.1, 2.9, 2.2, 3.0];

test('summary of one metric: mean, sample std, 95 % t interval, min, median, max (SciPy)', () => {
  const s = summarize(X);
  assert.equal(s.n, 10);
  close(s.mean, 3.23, 1e-12);
  close(s.std, 0.45716517802649836, 1e-12);
  close(s.ciLow, 2.9029637327294364, 1e-12);
  close(s.ciHigh, 3.5570362672705644, 1e-12);
  assert.equal(s.min, 2.6);
  assert.equal(s.max, 4.0);
  close(s.median, 3.2, 1e-12);
});

test('paired difference by seed: mean and 95 % CI of the per-seed differences (SciPy)', () => {
  const byseed = (xs: number[]): Map<number, number> => new Map(xs.map((v, i) => [i + 1, v]));
  const d = pairedDiff(byseed(Y), byseed(X));
  assert.equal(d.n, 10);
  close(d.mean, -0.27, 1e-12);
  close(d.ciLow, -0.40509959142848606, 1e-12);
  close(d.ciHigh, -0.13490040857151384, 1e-12);
  assert.equal(d.significant, true);
});

test('paired difference uses only seeds present in both samples', () => {
  const d = pairedDiff(new Map([[1, 5], [2, 7], [3, 100]]), new Map([[1, 4], [2, 5], [4, 0]]));
  assert.equal(d.n, 2);
  close(d.mean, 1.5);
});

test('a difference that is always 0 is not significant; an always-equal non-zero one is', () => {
  assert.equal(pairedDiff(new Map([[1, 2], [2, 3]]), new Map([[1, 2], [2, 3]])).significant, false);
  assert.equal(pairedDiff(new Map([[1, 3], [2, 4]]), new Map([[1, 2], [2, 3]])).significant, true);
});

test('one sample: mean, min, median, max defined; std and CI are NaN; paired significance undefined', () => {
  const s = summarize([4]);
  assert.deepEqual([s.n, s.mean, s.min, s.median, s.max], [1, 4, 4, 4, 4]);
  assert.ok(Number.isNaN(s.std) && Number.isNaN(s.ciLow) && Number.isNaN(s.ciHigh));
  assert.equal(pairedDiff(new Map([[1, 1]]), new Map([[1, 0]])).significant, undefined);
});

test('median of an even count is the mean of the two middle values', () => {
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(sampleStd([])));
});
