/**
 * The state seedrandom's alea generator starts from for a seed string, computed without building the
 * generator's hash closure. Alea seeds itself with Johannes Baagøe's Mash hash: three hashes of ' '
 * (constants), from which three hashes of the seed are subtracted (each wrapped into [0, 1)). The
 * library keeps Mash's accumulator in a closure variable, which V8 boxes on every character: a seed of
 * 40 characters took ~3 µs, and the Job controller makes one stream per Job (tens of thousands a day).
 * Here the accumulator is a local and the arithmetic is the same, operation for operation, so the state,
 * hence every draw, is identical (test/core/alea-seed.test.ts compares with seedrandom.alea).
 */

export interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

/** Mash's starting accumulator. */
const MASH_START = 0xefc8249d;
const TWO_POW_32 = 0x100000000;
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/**
 * Mash over `data` from accumulator `n`: the new accumulator (its hash is toHash(n)). Mash truncates
 * with `>>> 0`; both truncated values here are non-negative and below 2^32 (n stays below 2^33 + 2^16,
 * so 0.0252 n < 2.2e8, and the fraction times that is smaller still), where Math.floor gives the same
 * number, 40 % faster.
 */
function mash(n: number, data: string): number {
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = Math.floor(h);
    h -= n;
    h *= n;
    n = Math.floor(h);
    h -= n;
    n += h * TWO_POW_32;
  }
  return n;
}

function toHash(n: number): number {
  return (n >>> 0) * TWO_POW_MINUS_32;
}

// The three hashes of ' ' every seeding starts with, and the accumulator after them.
const N1 = mash(MASH_START, ' ');
const N2 = mash(N1, ' ');
const N3 = mash(N2, ' ');
const SPACE = [toHash(N1), toHash(N2), toHash(N3)] as const;

/** The generator state seedrandom.alea(seed) starts from. */
export function aleaState(seed: string): AleaState {
  const a = mash(N3, seed);
  const b = mash(a, seed);
  const c = mash(b, seed);
  return { c: 1, s0: wrap(SPACE[0] - toHash(a)), s1: wrap(SPACE[1] - toHash(b)), s2: wrap(SPACE[2] - toHash(c)) };
}

function wrap(s: number): number {
  return s < 0 ? s + 1 : s;
}
