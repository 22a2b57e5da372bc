/**
 * Exact small-sample statistics for `kubesim compare`: summaries of one metric over seeds, Student t
 * confidence intervals of the mean, and paired differences against a baseline policy. Pure functions.
 */

export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (divisor n - 1); NaN when n < 2. */
  std: number;
  /** 95 % confidence interval of the mean (Student t, n - 1 degrees of freedom); NaN when n < 2. */
  ciLow: number;
  ciHigh: number;
  min: number;
  median: number;
  max: number;
}

export const CONFIDENCE = 0.95;

/** log Gamma(x) for x > 0 (Lanczos, g = 7, n = 9; relative error below 1e-15 for the half-integers used here). */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b) for 0 <= x <= 1, a, b > 0. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  const front = Math.exp(lnFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** Student t cumulative distribution function with df degrees of freedom. */
export function tCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * Student t quantile: the t with P(T <= t) = p for df degrees of freedom (df >= 1, 0 < p < 1).
 * Closed forms for df 1 and 2; otherwise the upper-tail equation I_x(df/2, 1/2) = 2(1 - p) with
 * x = df / (df + t^2) is solved by bisection on x to full double precision.
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return NaN;
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) {
    const a = 4 * p * (1 - p);
    return 2 * (p - 0.5) * Math.sqrt(2 / a);
  }
  const target = 2 * (1 - p);
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 0; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (incompleteBeta(mid, df / 2, 0.5) < target) lo = mid;
    else hi = mid;
  }
  const x = (lo + hi) / 2;
  return Math.sqrt((df * (1 - x)) / x);
}

export function meanOf(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (n - 1), two-pass for accuracy; NaN when n < 2. */
export function sampleStd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = meanOf(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

/** Median (mean of the two middle values for an even count); NaN when empty. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Half-width of the two-sided confidence interval of the mean; NaN when n < 2. */
export function ciHalfWidth(xs: readonly number[], confidence = CONFIDENCE): number {
  if (xs.length < 2) return NaN;
  return (tQuantile(1 - (1 - confidence) / 2, xs.length - 1) * sampleStd(xs)) / Math.sqrt(xs.length);
}

export function summarize(xs: readonly number[], confidence = CONFIDENCE): Summary {
  const m = meanOf(xs);
  const hw = ciHalfWidth(xs, confidence);
  let min = NaN;
  let max = NaN;
  for (const x of xs) {
    if (!(x >= min)) min = x;
    if (!(x <= max)) max = x;
  }
  return { n: xs.length, mean: m, std: sampleStd(xs), ciLow: m - hw, ciHigh: m + hw, min, median: median(xs), max };
}

export interface PairedDiff {
  /** Number of seeds present in both samples. */
  n: number;
  mean: number;
  ciLow: number;
  ciHigh: number;
  /** Whether the confidence interval excludes 0 (undefined when n < 2). */
  significant: boolean | undefined;
}

/**
 * Paired differences candidate - baseline over the keys (seeds) both have, in the order of
 * `candidate`'s keys; a paired t interval of their mean.
 */
export function pairedDiff(candidate: ReadonlyMap<number, number>, baseline: ReadonlyMap<number, number>, confidence = CONFIDENCE): PairedDiff {
  const d: number[] = [];
  for (const [k, v] of candidate) {
    const b = baseline.get(k);
    if (b !== undefined) d.push(v - b);
  }
  const m = meanOf(d);
  const hw = ciHalfWidth(d, confidence);
  const ciLow = m - hw;
  const ciHigh = m + hw;
  return { n: d.length, mean: m, ciLow, ciHigh, significant: d.length < 2 ? undefined : ciLow > 0 || ciHigh < 0 };
}
