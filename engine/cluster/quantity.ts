/**
 * Kubernetes resource quantities ("100m", "1.5", "2Gi", "500M", "1e3") with the acceptance rules
 * of apimachinery's resource.ParseQuantity and the rounding of Quantity.Value()/MilliValue().
 * All arithmetic is exact (BigInt); no floating point is involved.
 *
 * Grammar (upstream, staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go):
 *
 *   quantity        ::= signedNumber suffix
 *   signedNumber    ::= number | ("+" | "-") number
 *   number          ::= digits | digits "." digits | digits "." | "." digits
 *   suffix          ::= binarySI | decimalSI | decimalExponent
 *   binarySI        ::= Ki | Mi | Gi | Ti | Pi | Ei                (powers of 1024)
 *   decimalSI       ::= n | u | m | "" | k | M | G | T | P | E     (powers of 1000)
 *   decimalExponent ::= ("e" | "E") ["+" | "-"] digits             (exponent within +-(2^31-1))
 *
 * Deliberate differences from upstream (all rejections of input upstream would accept):
 * - a number must contain at least one digit. Upstream's scanner turns a missing number into 0,
 *   so it accepts "Gi", "m", ".", "-" and "+" as zero;
 * - a magnitude above 2^63-1 is an error. Upstream silently caps binary-suffixed values at 2^63-1
 *   ("9Ei") and keeps larger decimal ones ("10E") as big decimals.
 * Upstream also rounds every parsed value up to a whole number of nano-units; a Quantity here keeps
 * the exact value, which gives the same results for toUnits/toMillis (rounding up to 1e-9 first and
 * then to 1e-3 or 1 is the same as rounding up once).
 */
import { SimError } from '../core/errors.js';

/**
 * A parsed quantity. Its exact value is `(negative ? -1 : 1) * mantissa * 10^exp10 * 2^exp2`:
 * `mantissa` is the magnitude (never negative) and the sign lives in `negative`. The mantissa is the
 * written digits without the decimal point ("1.5Gi" -> 15n, exp10 -1, exp2 30). Zero is always
 * `{ negative: false, mantissa: 0n, exp10: 0, exp2: 0 }`, so "-0" is not negative.
 */
export interface Quantity {
  /** The input as given (a JS number is turned into its decimal string first). */
  readonly text: string;
  readonly negative: boolean;
  readonly mantissa: bigint;
  readonly exp10: number;
  readonly exp2: number;
}

const QUANTITY_HINT = 'write a number with an optional suffix, e.g. "100m", "1.5", "2Gi", "500M"';
const SUFFIX_LIST = 'n u m k M G T P E (powers of 1000), Ki Mi Gi Ti Pi Ei (powers of 1024), or an exponent like e3';

/** Decimal SI suffix -> power of ten. */
const DECIMAL_SI: ReadonlyMap<string, number> = new Map([
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['', 0],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
]);

/** Binary SI suffix -> power of two. */
const BINARY_SI: ReadonlyMap<string, number> = new Map([
  ['Ki', 10],
  ['Mi', 20],
  ['Gi', 30],
  ['Ti', 40],
  ['Pi', 50],
  ['Ei', 60],
]);

const ALL_SUFFIXES: readonly string[] = [...DECIMAL_SI.keys(), ...BINARY_SI.keys()].filter((s) => s !== '');

/** Upstream stores the exponent in an int32 that it later negates, so it accepts +-(2^31-1). */
const MAX_EXPONENT = 2 ** 31 - 1;
const MAX_INT64 = 2n ** 63n - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** sign, integer digits, optional "." and fraction digits; the rest of the text is the suffix. */
const NUMBER = /^([+-]?)([0-9]*)(?:\.([0-9]*))?/;
const EXPONENT = /^[eE]([+-]?[0-9]+)$/;

function describe(input: unknown): string {
  if (typeof input === 'string') return JSON.stringify(input);
  if (typeof input === 'number' || typeof input === 'boolean' || input === null || input === undefined) return String(input);
  return typeof input;
}

function quantityError(input: unknown, problem: string, hint = QUANTITY_HINT): SimError {
  return new SimError('E_QUANTITY', `invalid quantity ${describe(input)}: ${problem}`, { hint });
}

/** A valid suffix the user probably meant ("KI" -> "Ki", "GB" -> "G", "KiB" -> "Ki"), if any. */
function suggestSuffix(suffix: string): string | undefined {
  const candidates = /^.+[bB]$/.test(suffix) ? [suffix, suffix.slice(0, -1)] : [suffix];
  for (const c of candidates) {
    const matches = ALL_SUFFIXES.filter((s) => s.toLowerCase() === c.toLowerCase());
    if (matches.length === 1) return matches[0];
    // "MB" -> "M"; but "mb" stays unanswered: "m" is milli, which is never what was meant.
    if (matches.includes(c) && c !== 'm') return c;
  }
  return undefined;
}

/** Number of decimal digits of a positive bigint. */
function digitCount(n: bigint): number {
  return n.toString().length;
}

/** |value| > 2^63-1, without ever building 10^exp10 for a large exponent. */
function exceedsInt64(mantissa: bigint, exp10: number, exp2: number): boolean {
  if (mantissa === 0n) return false;
  const n = mantissa << BigInt(exp2);
  // 10^(d-1+exp10) <= value < 10^(d+exp10), and 10^18 < 2^63-1 < 10^19.
  const top = digitCount(n) + exp10;
  if (top <= 18) return false;
  if (top >= 20) return true;
  return exp10 >= 0 ? n * 10n ** BigInt(exp10) > MAX_INT64 : n > MAX_INT64 * 10n ** BigInt(-exp10);
}

/**
 * Parses a Kubernetes quantity exactly. Accepts the forms ParseQuantity accepts, e.g. "1", "+1",
 * "-1", "1.5", ".5", "5.", "1.G", "0.0001", "100m", "2Gi", "500M", "1e3", "1E-3", "12e-3".
 * Rejects everything else ("2GB", "1.5.5", "abc", "", " 1", "1 Gi", "Gi", "1KI", "1k2", "--1",
 * "1e", "1e1.5"), numbers without any digit, and magnitudes above 2^63-1, with SimError E_QUANTITY.
 * A JS number (YAML `cpu: 2`) is parsed from its decimal string: 2 -> "2", 0.5 -> "0.5".
 */
export function parseQuantity(text: string | number): Quantity {
  let s: string;
  if (typeof text === 'string') {
    s = text;
  } else if (typeof text === 'number') {
    if (!Number.isFinite(text)) throw quantityError(text, 'it is not a finite number');
    s = String(text);
  } else {
    throw quantityError(text, 'expected a string or a number');
  }
  if (s === '') throw quantityError(text, 'it is empty');
  if (/\s/.test(s)) {
    throw quantityError(text, 'spaces are not allowed in a quantity', `write "${s.replace(/\s+/g, '')}"`);
  }

  const m = NUMBER.exec(s);
  const sign = m?.[1] ?? '';
  const whole = m?.[2] ?? '';
  const frac = m?.[3] ?? '';
  const number = m?.[0] ?? '';
  const suffix = s.slice(number.length);
  if (whole === '' && frac === '') {
    const problem = suffix !== '' && ALL_SUFFIXES.includes(suffix) ? `missing number before "${suffix}"` : 'it does not start with a number';
    throw quantityError(text, problem);
  }

  let exp10 = -frac.length;
  let exp2 = 0;
  const decimal = DECIMAL_SI.get(suffix);
  const binary = BINARY_SI.get(suffix);
  if (decimal !== undefined) {
    exp10 += decimal;
  } else if (binary !== undefined) {
    exp2 = binary;
  } else {
    const e = EXPONENT.exec(suffix);
    if (e !== null) {
      const exponent = Number(e[1]);
      if (Math.abs(exponent) > MAX_EXPONENT) {
        throw quantityError(text, `exponent "${suffix}" is out of range (at most ${MAX_EXPONENT} either way)`);
      }
      exp10 += exponent;
    } else if (/^[eE][^A-Za-z]*$/.test(suffix)) {
      throw quantityError(text, `invalid exponent "${suffix}"`, 'write e or E followed by a whole number, e.g. "1e3", "5e-1", "2E+6"');
    } else if (/^[A-Za-z]+$/.test(suffix)) {
      const meant = suggestSuffix(suffix);
      const fix = meant !== undefined ? `did you mean "${number}${meant}"? ` : '';
      throw quantityError(text, `unknown suffix "${suffix}"`, `${fix}suffixes are case-sensitive: ${SUFFIX_LIST}`);
    } else {
      throw quantityError(text, `unexpected "${suffix}" after "${number}"`);
    }
  }

  const mantissa = BigInt(whole + frac);
  if (mantissa === 0n) return { text: s, negative: false, mantissa: 0n, exp10: 0, exp2: 0 };
  if (exceedsInt64(mantissa, exp10, exp2)) {
    throw quantityError(
      text,
      'its magnitude is larger than 2^63-1 (9223372036854775807)',
      'Kubernetes quantities are meant to fit in a signed 64-bit integer; use a smaller amount',
    );
  }
  return { text: s, negative: sign === '-', mantissa, exp10, exp2 };
}

/**
 * |q| in units of 10^unitExp10, rounded up (away from zero) when not whole. Throws when the result
 * cannot be a safe JS integer; never builds a power of ten larger than needed to decide that.
 */
function scaledMagnitude(q: Quantity, unitExp10: number, unitName: string): bigint {
  if (q.mantissa === 0n) return 0n;
  const n = (q.mantissa < 0n ? -q.mantissa : q.mantissa) << BigInt(q.exp2);
  const e = q.exp10 - unitExp10;
  const digits = digitCount(n);
  let out: bigint;
  if (e >= 0) {
    if (digits + e > 16) throw tooLarge(q, unitName); // |q| >= 10^16 > 2^53-1
    out = n * 10n ** BigInt(e);
  } else if (-e >= digits) {
    out = 1n; // 0 < |q| < one unit
  } else {
    const div = 10n ** BigInt(-e);
    out = n / div + (n % div === 0n ? 0n : 1n);
  }
  if (out > MAX_SAFE) throw tooLarge(q, unitName);
  return out;
}

function tooLarge(q: Quantity, unitName: string): SimError {
  return new SimError('E_QUANTITY', `quantity ${JSON.stringify(q.text)} is too large: it exceeds ${Number.MAX_SAFE_INTEGER} ${unitName}`, {
    hint: 'use a smaller amount',
  });
}

function signed(q: Quantity, magnitude: bigint): number {
  if (magnitude === 0n) return 0;
  return q.negative ? -Number(magnitude) : Number(magnitude);
}

/**
 * The value in thousandths (millicores for cpu), like Quantity.MilliValue(): a value that is not a
 * whole number of thousandths is rounded up, away from zero ("0.1m" -> 1, "-0.1m" -> -1).
 * Throws E_QUANTITY when the result is beyond Number.MAX_SAFE_INTEGER.
 */
export function toMillis(q: Quantity): number {
  return signed(q, scaledMagnitude(q, -3, 'thousandths'));
}

/**
 * The value in whole units (bytes for memory), like Quantity.Value(): rounded up, away from zero,
 * when not whole ("1.5" -> 2, "1m" -> 1, "-1.5" -> -2). Throws E_QUANTITY beyond MAX_SAFE_INTEGER.
 */
export function toUnits(q: Quantity): number {
  return signed(q, scaledMagnitude(q, 0, 'units'));
}

function nonNegative(text: string | number): Quantity {
  const q = parseQuantity(text);
  if (q.negative) throw quantityError(text, 'a resource amount cannot be negative', 'use 0 or a positive amount, e.g. "100m", "1.5", "2Gi", "500M"');
  return q;
}

/** Parses a non-negative quantity into thousandths: "100m" -> 100, "1.5" -> 1500, 2 -> 2000. */
export function parseMillis(text: string | number): number {
  return toMillis(nonNegative(text));
}

/** Parses a non-negative quantity into whole units: "2Gi" -> 2147483648, "500M" -> 500000000. */
export function parseUnits(text: string | number): number {
  return toUnits(nonNegative(text));
}

function assertSafeInteger(fn: string, v: number): void {
  if (!Number.isSafeInteger(v)) {
    throw new SimError('E_INVARIANT', `${fn} expects a safe integer, got ${String(v)}`);
  }
}

/** Thousandths as a quantity parseMillis reads back: 1500 -> "1500m", 2000 -> "2", 0 -> "0". */
export function formatMillis(m: number): string {
  assertSafeInteger('formatMillis', m);
  if (m === 0) return '0';
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** Largest binary suffix first, for formatBytes. */
const BINARY_DESCENDING: ReadonlyArray<readonly [string, bigint]> = [...BINARY_SI.entries()]
  .sort((a, b) => b[1] - a[1])
  .map(([suffix, power]) => [suffix, 1n << BigInt(power)] as const);

/**
 * Bytes as a quantity parseUnits reads back: the largest binary suffix that divides exactly, else
 * the plain integer. 2147483648 -> "2Gi", 1536 -> "1536", 1572864 -> "1536Ki", 1000 -> "1000", 0 -> "0".
 */
export function formatBytes(b: number): string {
  assertSafeInteger('formatBytes', b);
  if (b === 0) return '0';
  const big = BigInt(b);
  const abs = big < 0n ? -big : big;
  for (const [suffix, size] of BINARY_DESCENDING) {
    if (abs % size === 0n) return `${big / size}${suffix}`;
  }
  return String(b);
}
