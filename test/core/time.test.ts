import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SimError } from '../../engine/core/errors.js';
import {
  MAX_DURATION_MS,
  formatDuration,
  formatSeconds,
  parseDuration,
  parseDurationOrNumberSeconds,
} from '../../engine/core/time.js';

function assertDurationError(fn: () => unknown, messagePart: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof SimError);
    assert.equal(err.code, 'E_DURATION');
    assert.ok(err.message.includes(messagePart), `"${err.message}" should mention "${messagePart}"`);
    assert.ok(err.hint !== undefined && err.hint.length > 0, 'error has a hint');
    return true;
  });
}

describe('parseDuration', () => {
  const accepted: Array<[string, number]> = [
    ['300ms', 300],
    ['40s', 40_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1.5h', 5_400_000],
    ['0s', 0],
    ['1h0m30s', 3_630_000],
    ['  15s\n', 15_000],
    ['.5s', 500],
    ['1.s', 1000],
    ['0.001s', 1],
    ['1m1m', 120_000],
    ['1d2h3m4s5ms', 93_784_005],
    ['36500d', MAX_DURATION_MS],
  ];
  for (const [text, ms] of accepted) {
    it(`reads ${JSON.stringify(text)} as ${ms} ms`, () => assert.equal(parseDuration(text), ms));
  }

  const rejected: Array<[string, string, string]> = [
    ['an empty string', '', 'empty'],
    ['only whitespace', '   ', 'empty'],
    ['a negative value', '-5s', 'negative'],
    ['a number without a unit', '30', 'missing unit'],
    ['a trailing number without a unit', '1h30', 'missing unit'],
    ['an unknown unit', '5x', 'unknown unit "x"'],
    ['a spelled-out unit', '5min', 'unknown unit "min"'],
    ['an upper-case unit', '5S', 'unknown unit "S"'],
    ['microseconds', '5us', 'unknown unit "us"'],
    ['a fraction of a millisecond', '0.5ms', 'whole number of milliseconds'],
    ['a fraction of a second finer than 1 ms', '1.0001s', 'whole number of milliseconds'],
    ['more than 100 years', '36500d1ms', '100 years'],
    ['a huge number', '99999999999999999999999h', '100 years'],
    ['spaces between terms', '1h 30m', 'spaces'],
    ['a space before the unit', '5 s', 'spaces'],
    ['a leading plus sign', '+5s', 'unexpected'],
    ['a bare dot', '.s', 'unexpected'],
    ['a unit only', 's', 'unexpected'],
  ];
  for (const [name, text, part] of rejected) {
    it(`rejects ${name} (${JSON.stringify(text)}) with E_DURATION`, () => assertDurationError(() => parseDuration(text), part));
  }

  it('suggests the unit meant by a spelled-out unit', () => {
    assert.throws(() => parseDuration('5min'), (err: SimError) => err.hint?.includes('did you mean 5m?') === true);
  });

  it('does not treat Object.prototype names as units', () => {
    assertDurationError(() => parseDuration('5constructor'), 'unknown unit');
  });
});

describe('parseDurationOrNumberSeconds', () => {
  const accepted: Array<[string | number, number]> = [
    [0, 0],
    [1.5, 1500],
    [1.1, 1100],
    [0.001, 1],
    [86_400, 86_400_000],
    ['2m', 120_000],
  ];
  for (const [v, ms] of accepted) {
    it(`reads ${JSON.stringify(v)} as ${ms} ms`, () => assert.equal(parseDurationOrNumberSeconds(v), ms));
  }

  const rejected: Array<[string, number, string]> = [
    ['a negative number', -1, 'finite and >= 0'],
    ['NaN', NaN, 'finite and >= 0'],
    ['Infinity', Infinity, 'finite and >= 0'],
    ['a fraction of a millisecond', 0.0005, 'whole number of milliseconds'],
    ['more than 100 years', 100 * 366 * 86_400, '100 years'],
  ];
  for (const [name, v, part] of rejected) {
    it(`rejects ${name} with E_DURATION`, () => assertDurationError(() => parseDurationOrNumberSeconds(v), part));
  }
});

describe('formatSeconds', () => {
  const cases: Array<[number, string]> = [
    [0, '0.000'],
    [1, '0.001'],
    [10, '0.010'],
    [999, '0.999'],
    [1500, '1.500'],
    [60_000, '60.000'],
    [123_456_789, '123456.789'],
    [MAX_DURATION_MS + 7, '3153600000.007'],
    [-1500, '-1.500'],
  ];
  for (const [ms, text] of cases) {
    it(`formats ${ms} ms as "${text}"`, () => assert.equal(formatSeconds(ms), text));
  }
});

describe('formatDuration', () => {
  const cases: Array<[number, string]> = [
    [0, '0s'],
    [250, '250ms'],
    [40_000, '40s'],
    [5_400_000, '1h30m'],
    [3_630_000, '1h30s'],
    [172_800_000, '2d'],
    [93_784_005, '1d2h3m4s5ms'],
    [-1500, '-1s500ms'],
  ];
  for (const [ms, text] of cases) {
    it(`formats ${ms} ms as "${text}"`, () => assert.equal(formatDuration(ms), text));
  }

  it('is read back by parseDuration to the same ms', () => {
    for (const ms of [0, 1, 999, 1000, 61_001, 3_600_000, 90_061_001, MAX_DURATION_MS]) {
      assert.equal(parseDuration(formatDuration(ms)), ms);
    }
  });
});
