/**
 * Simulated time: integer milliseconds. Parsing and formatting of durations.
 */
import { SimError } from './errors.js';

/** Integer milliseconds of simulated time. */
export type TimeMs = number;

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60 * MS_PER_SECOND;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;
/** Upper bound of any duration: 100 years of 365 days. */
export const MAX_DURATION_MS = 100 * 365 * MS_PER_DAY;

const DURATION_HINT = 'write a number with a unit, e.g. 30s, 5m, 1h30m';

const UNIT_MS: ReadonlyMap<string, number> = new Map([
  ['ms', 1],
  ['s', MS_PER_SECOND],
  ['m', MS_PER_MINUTE],
  ['h', MS_PER_HOUR],
  ['d', MS_PER_DAY],
]);

/** Spellings people try, mapped to the unit they mean (for hints only). */
const UNIT_ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    ms: ['msec', 'msecs', 'millis', 'millisecond', 'milliseconds'],
    s: ['sec', 'secs', 'second', 'seconds'],
    m: ['min', 'mins', 'minute', 'minutes'],
    h: ['hr', 'hrs', 'hour', 'hours'],
    d: ['day', 'days'],
  }).flatMap(([unit, aliases]) => aliases.map((a) => [a, unit] as const)),
);

/** One `<number><unit>` term; the number is `12`, `1.5`, `1.` or `.5`. */
const TERM = /(\d+)(?:\.(\d*))?|\.(\d+)/y;
const UNIT = /[^\d.\s+-]*/y;

function durationError(text: string, problem: string, hint = DURATION_HINT): SimError {
  return new SimError('E_DURATION', `invalid duration "${text}": ${problem}`, { hint });
}

function spaceError(text: string, trimmed: string): SimError {
  return durationError(text, 'spaces are not allowed inside a duration', `write "${trimmed.replace(/\s+/g, '')}"`);
}

/**
 * Parses a Go-style duration (`300ms`, `40s`, `1h30m`, `1.5h`, `2d`) into integer milliseconds.
 * Units: ms, s, m, h, d (24h). Throws SimError E_DURATION on anything else, on negative values,
 * on results that are not a whole number of ms and on values above MAX_DURATION_MS.
 */
export function parseDuration(text: string): number {
  const s = text.trim();
  if (s === '') throw durationError(text, 'it is empty');
  if (s[0] === '-') throw durationError(text, 'durations cannot be negative', 'use 0s or a positive duration');
  let total = 0n;
  let pos = 0;
  while (pos < s.length) {
    if (/\s/.test(s[pos] ?? '')) throw spaceError(text, s);
    TERM.lastIndex = pos;
    const num = TERM.exec(s);
    if (num === null) throw durationError(text, `unexpected "${s.slice(pos)}"`);
    pos = TERM.lastIndex;
    UNIT.lastIndex = pos;
    const unit = UNIT.exec(s)?.[0] ?? '';
    pos = UNIT.lastIndex;
    if (unit === '') {
      if (/\s/.test(s[pos] ?? '')) throw spaceError(text, s);
      throw durationError(text, `missing unit after "${num[0]}"`, `add a unit, e.g. ${num[0]}s`);
    }
    const unitMs = UNIT_MS.get(unit);
    if (unitMs === undefined) {
      const lower = unit.toLowerCase();
      const meant = UNIT_ALIASES.get(lower) ?? (UNIT_MS.has(lower) ? lower : undefined);
      const suggestion = meant !== undefined ? `did you mean ${num[0]}${meant}? ` : '';
      throw durationError(text, `unknown unit "${unit}"`, `${suggestion}units are ms, s, m, h, d`);
    }
    const unitBig = BigInt(unitMs);
    const whole = num[1] ?? '';
    const frac = num[2] ?? num[3] ?? '';
    let termMs = whole === '' ? 0n : BigInt(whole) * unitBig;
    if (frac !== '') {
      const scaled = BigInt(frac) * unitBig;
      const denom = 10n ** BigInt(frac.length);
      if (scaled % denom !== 0n) {
        throw durationError(text, `"${num[0]}${unit}" is not a whole number of milliseconds`, 'durations have millisecond resolution');
      }
      termMs += scaled / denom;
    }
    total += termMs;
    if (total > BigInt(MAX_DURATION_MS)) throw durationError(text, 'it is longer than 100 years', 'use a shorter duration');
  }
  return Number(total);
}

/**
 * A duration given either as a string (see parseDuration) or as a JS number of seconds, which must
 * be finite, >= 0 and a whole number of milliseconds. Returns integer ms.
 */
export function parseDurationOrNumberSeconds(v: string | number): number {
  if (typeof v === 'string') return parseDuration(v);
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new SimError('E_DURATION', `invalid duration ${String(v)}: a number of seconds must be finite and >= 0`, { hint: DURATION_HINT });
  }
  const ms = Math.round(v * MS_PER_SECOND);
  if (ms / MS_PER_SECOND !== v) {
    throw new SimError('E_DURATION', `invalid duration ${v}: not a whole number of milliseconds`, { hint: 'durations have millisecond resolution' });
  }
  if (ms > MAX_DURATION_MS) {
    throw new SimError('E_DURATION', `invalid duration ${v}: it is longer than 100 years`, { hint: 'use a shorter duration' });
  }
  return ms;
}

/** Simulated seconds with exactly 3 decimals: 1500 -> "1.500". Non-integer input is rounded to ms. */
export function formatSeconds(ms: number): string {
  const rounded = Math.round(ms);
  const abs = rounded < 0 ? -rounded : rounded;
  const rest = abs % 1000;
  const secs = (abs - rest) / 1000;
  const pad = rest < 10 ? '00' : rest < 100 ? '0' : '';
  return `${rounded < 0 ? '-' : ''}${secs}.${pad}${rest}`;
}

const FORMAT_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', MS_PER_DAY],
  ['h', MS_PER_HOUR],
  ['m', MS_PER_MINUTE],
  ['s', MS_PER_SECOND],
  ['ms', 1],
];

/** Compact human form that parseDuration reads back: 5400000 -> "1h30m", 0 -> "0s". */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms);
  if (rest === 0) return '0s';
  let out = '';
  if (rest < 0) {
    out = '-';
    rest = -rest;
  }
  for (const [unit, size] of FORMAT_UNITS) {
    if (rest >= size) {
      const n = Math.floor(rest / size);
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
