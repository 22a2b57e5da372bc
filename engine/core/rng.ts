/**
 * Seeded random streams. Every subsystem draws from its own named stream, seeded from
 * (masterSeed, name) only, so drawing from one stream never shifts another.
 */
import seedrandom from 'seedrandom';
import { SimError } from './errors.js';
import { aleaState } from './alea-seed.js';

function badArgument(message: string): SimError {
  return new SimError('E_INVARIANT', message);
}

/** One stream of uniform numbers (seedrandom's alea) with the distributions the simulator needs. */
export class Rng {
  private readonly prng: () => number;

  /** Prefer RngStreams.stream(name); a bare seed string is for tests and tools. */
  constructor(seed: string) {
    // seedrandom.alea(seed), started from the state its seeding computes (alea-seed.ts: the same draws, faster)
    this.prng = seedrandom.alea('', { state: aleaState(seed) });
  }

  /** Uniform in [0, 1); one draw. */
  next(): number {
    return this.prng();
  }

  /** Uniform in [a, b); one draw. */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.prng();
  }

  /** Integer in 0..n-1 for a positive integer n; one draw. */
  int(n: number): number {
    return Math.floor(this.prng() * n);
  }

  /** Integer in lo..hi, both inclusive; one draw. */
  intBetween(lo: number, hi: number): number {
    return lo + Math.floor(this.prng() * (hi - lo + 1));
  }

  /** Exponential with the given mean (inverse transform); one draw. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.prng());
  }

  /** Normal via Box-Muller without caching the second variate; exactly two draws. */
  normal(mu: number, sigma: number): number {
    const u1 = 1 - this.prng(); // (0, 1], so log(u1) is finite
    const u2 = this.prng();
    return mu + sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** exp(normal(mu, sigma)): mu and sigma are of the underlying normal; two draws. */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Weibull with shape k and scale lambda (inverse transform); one draw. */
  weibull(shape: number, scale: number): number {
    return scale * Math.pow(-Math.log(1 - this.prng()), 1 / shape);
  }

  /**
   * Index i with probability weights[i] / sum(weights); one draw. Zero weights are never chosen.
   * Throws if a weight is negative or not finite or no weight is positive.
   */
  choiceIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) {
      if (!(w >= 0) || !Number.isFinite(w)) throw badArgument(`choiceIndex: weight ${w} is not a finite number >= 0`);
      total += w;
    }
    if (!(total > 0)) throw badArgument('choiceIndex: needs at least one positive weight');
    const r = this.prng() * total;
    let cumulative = 0;
    let lastPositive = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      if (w === 0) continue;
      cumulative += w;
      if (r < cumulative) return i;
      lastPositive = i;
    }
    return lastPositive; // only reached through float rounding of the sum
  }

  /** A uniformly chosen element; one draw. Throws on an empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw badArgument('pick: the array is empty');
    return items[Math.floor(this.prng() * items.length)]!;
  }

  /** Fisher-Yates shuffle in place; returns the same array; length - 1 draws. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.prng() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }

  /**
   * Gap to the next arrival of a Poisson process with `ratePerSecond` > 0: exponential with mean
   * 1000 / rate ms, rounded to the nearest ms (so >= 0; 0 means the same ms). One draw.
   */
  nextInterarrivalMs(ratePerSecond: number): number {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) {
      throw badArgument(`nextInterarrivalMs: rate ${ratePerSecond}/s must be finite and > 0`);
    }
    return Math.round(this.exponential(1000 / ratePerSecond));
  }
}

/** Lazily created, cached named streams derived from one master seed. */
export class RngStreams {
  private readonly master: string;
  private readonly streams = new Map<string, Rng>();

  constructor(masterSeed: number | string) {
    if (typeof masterSeed === 'number' && !Number.isFinite(masterSeed)) {
      throw badArgument(`RngStreams: seed ${masterSeed} must be a finite number or a string`);
    }
    this.master = String(masterSeed);
  }

  /** The stream `name`; the same object on every call. Callers on hot paths keep the reference. */
  stream(name: string): Rng {
    let rng = this.streams.get(name);
    if (rng === undefined) {
      rng = new Rng(`${this.master}\u0000${name}`); // NUL keeps ("a","bc") apart from ("ab","c")
      this.streams.set(name, rng);
    }
    return rng;
  }
}

export type DistributionSpec =
  | { kind: 'fixed'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'normal'; mean: number; stddev: number }
  | { kind: 'lognormal'; mu: number; sigma: number }
  | { kind: 'weibull'; shape: number; scale: number }
  | { kind: 'choice'; values: number[]; weights?: number[] };

/** One raw float from the distribution (callers round and clamp). `fixed` draws nothing. */
export function sample(rng: Rng, d: DistributionSpec): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return rng.uniform(d.min, d.max);
    case 'exponential':
      return rng.exponential(d.mean);
    case 'normal':
      return rng.normal(d.mean, d.stddev);
    case 'lognormal':
      return rng.lognormal(d.mu, d.sigma);
    case 'weibull':
      return rng.weibull(d.shape, d.scale);
    case 'choice': {
      if (d.weights === undefined) return rng.pick(d.values);
      if (d.weights.length !== d.values.length) {
        throw badArgument(`choice: ${d.values.length} values but ${d.weights.length} weights`);
      }
      return d.values[rng.choiceIndex(d.weights)]!;
    }
    default: {
      const never: never = d;
      throw badArgument(`unknown distribution kind ${JSON.stringify(never)}`);
    }
  }
}
