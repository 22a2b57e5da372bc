import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SimError } from '../../engine/core/errors.js';
import type { Quantity } from '../../engine/cluster/quantity.js';
import { formatBytes, formatMillis, parseMillis, parseQuantity, parseUnits, toMillis, toUnits } from '../../engine/cluster/quantity.js';

/** The exact value of q as a plain decimal string without trailing fraction zeros ("-0.05", "1024"). */
function exact(q: Quantity): string {
  const digits = (q.mantissa << BigInt(q.exp2)).toString();
  let s: string;
  if (q.exp10 >= 0) {
    s = digits + '0'.repeat(q.exp10);
  } else {
    const places = -q.exp10;
    const padded = digits.padStart(places + 1, '0');
    const int = padded.slice(0, padded.length - places);
    const frac = padded.slice(padded.length - places).replace(/0+$/, '');
    s = frac === '' ? int : `${int}.${frac}`;
  }
  return (q.negative ? '-' : '') + s;
}

function assertQuantityError(fn: () => unknown, messagePart?: string | RegExp): SimError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof SimError, `expected a SimError, got ${String(caught)}`);
  assert.equal(caught.code, 'E_QUANTITY');
  if (typeof messagePart === 'string') assert.ok(caught.message.includes(messagePart), caught.message);
  else if (messagePart !== undefined) assert.match(caught.message, messagePart);
  return caught;
}

// Valid inputs and their exact values: the TestQuantityParse table of apimachinery's quantity_test.go
// (minus the rows that exceed 2^63-1, see below) plus the edge forms of the grammar.
const VALID: ReadonlyArray<readonly [string, string]> = [
  // zero with every suffix
  ['0', '0'],
  ['0n', '0'],
  ['0u', '0'],
  ['0m', '0'],
  ['0Ki', '0'],
  ['0k', '0'],
  ['0Mi', '0'],
  ['0M', '0'],
  ['0Gi', '0'],
  ['0G', '0'],
  ['0Ti', '0'],
  ['0T', '0'],
  // quantity-less numbers
  ['1', '1'],
  // binary suffixes
  ['1Ki', '1024'],
  ['8Ki', '8192'],
  ['7Mi', '7340032'],
  ['6Gi', '6442450944'],
  ['5Ti', '5497558138880'],
  ['4Pi', '4503599627370496'],
  ['3Ei', '3458764513820540928'],
  ['10Ti', '10995116277760'],
  ['100Ti', '109951162777600'],
  // decimal suffixes
  ['5n', '0.000000005'],
  ['4u', '0.000004'],
  ['3m', '0.003'],
  ['9', '9'],
  ['8k', '8000'],
  ['50k', '50000'],
  ['7M', '7000000'],
  ['6G', '6000000000'],
  ['5T', '5000000000000'],
  ['40T', '40000000000000'],
  ['300T', '300000000000000'],
  ['2P', '2000000000000000'],
  ['1E', '1000000000000000000'],
  // decimal exponents
  ['1E-3', '0.001'],
  ['1e3', '1000'],
  ['1E6', '1000000'],
  ['1e9', '1000000000'],
  ['1E12', '1000000000000'],
  ['1e15', '1000000000000000'],
  ['1E18', '1000000000000000000'],
  // nonstandard but still parsable
  ['1e14', '100000000000000'],
  ['1e13', '10000000000000'],
  ['100.035k', '100035'],
  // things that look like floating point
  ['0.001', '0.001'],
  ['0.0005k', '0.5'],
  ['0.005', '0.005'],
  ['0.05', '0.05'],
  ['0.5', '0.5'],
  ['0.00050k', '0.5'],
  ['0.00500', '0.005'],
  ['0.05000', '0.05'],
  ['0.50000', '0.5'],
  ['0.5e0', '0.5'],
  ['0.5e-1', '0.05'],
  ['0.5e-2', '0.005'],
  ['10.035M', '10035000'],
  ['1.2e3', '1200'],
  ['1.3E+6', '1300000'],
  ['1.40e9', '1400000000'],
  ['1.53E12', '1530000000000'],
  ['1.6e15', '1600000000000000'],
  ['1.7E18', '1700000000000000000'],
  ['9.01', '9.01'],
  ['8.1k', '8100'],
  ['7.123456M', '7123456'],
  ['6.987654321G', '6987654321'],
  ['5.444T', '5444000000000'],
  ['40.1T', '40100000000000'],
  ['300.2T', '300200000000000'],
  ['2.5P', '2500000000000000'],
  ['1.01E', '1010000000000000000'],
  // values upstream rounds up to a whole nano-unit (kept exact here)
  ['3.001n', '0.000000003001'],
  ['1.1E-9', '0.0000000011'],
  ['0.0000000001', '0.0000000001'],
  ['0.0000000005', '0.0000000005'],
  ['0.00000000050', '0.0000000005'],
  ['0.5e-9', '0.0000000005'],
  ['0.9n', '0.0000000009'],
  ['0.00000012345', '0.00000012345'],
  ['0.00000012354', '0.00000012354'],
  // fractional binary
  ['100.035Ki', '102435.84'],
  ['0.5Mi', '524288'],
  ['0.05Gi', '53687091.2'],
  ['0.025Ti', '27487790694.4'],
  // "things written by trolls"
  ['0.000000000001Ki', '0.000000001024'],
  ['.001', '0.001'],
  ['.0001k', '0.1'],
  ['1.', '1'],
  ['1.G', '1000000000'],
  // more edge forms of the grammar
  ['.5', '0.5'],
  ['5.', '5'],
  ['1E3', '1000'],
  ['0.0001', '0.0001'],
  ['007', '7'],
  ['00.00', '0'],
  ['1e+3', '1000'],
  ['1e-0', '1'],
  ['1e007', '10000000'],
  ['12e-3', '0.012'],
  ['7Ei', '8070450532247928832'],
  ['9223372036854775807', '9223372036854775807'],
  ['9223372036854775807000m', '9223372036854775807'],
  ['0e2147483647', '0'],
];

describe('parseQuantity accepts what ParseQuantity accepts, with the exact value', () => {
  for (const [input, value] of VALID) {
    it(`${JSON.stringify(input)} is ${value}`, () => {
      const q = parseQuantity(input);
      assert.equal(q.text, input);
      assert.equal(exact(q), value);
    });
  }

  for (const [input, value] of VALID) {
    it(`an explicit sign works: "+${input}" is ${value} and "-${input}" is its negation`, () => {
      assert.equal(exact(parseQuantity(`+${input}`)), value);
      const neg = parseQuantity(`-${input}`);
      assert.equal(exact(neg), value === '0' ? '0' : `-${value}`);
      assert.equal(neg.negative, value !== '0');
    });
  }

  it('an exponent as small as -(2^31-1) is accepted and handled without building 10^2147483647', () => {
    const q = parseQuantity('1e-2147483647');
    assert.deepEqual({ negative: q.negative, mantissa: q.mantissa, exp10: q.exp10, exp2: q.exp2 }, { negative: false, mantissa: 1n, exp10: -2147483647, exp2: 0 });
    assert.equal(toMillis(q), 1);
    assert.equal(toUnits(q), 1);
  });

  it('keeps the digits as the mantissa and the suffix as exponents: "1.5Gi" = 15 * 10^-1 * 2^30', () => {
    const q = parseQuantity('1.5Gi');
    assert.deepEqual({ ...q }, { text: '1.5Gi', negative: false, mantissa: 15n, exp10: -1, exp2: 30 });
    assert.deepEqual({ ...parseQuantity('-2.5e3') }, { text: '-2.5e3', negative: true, mantissa: 25n, exp10: 2, exp2: 0 });
    assert.deepEqual({ ...parseQuantity('100m') }, { text: '100m', negative: false, mantissa: 100n, exp10: -3, exp2: 0 });
  });

  it('normalizes zero: "-0", "-0.000Gi" and "0e5" are zero and not negative', () => {
    for (const input of ['-0', '-0.000Gi', '0e5', '+0']) {
      const q = parseQuantity(input);
      assert.deepEqual({ negative: q.negative, mantissa: q.mantissa, exp10: q.exp10, exp2: q.exp2 }, { negative: false, mantissa: 0n, exp10: 0, exp2: 0 }, input);
    }
  });
});

// Inputs rejected by ParseQuantity (quantity_test.go's invalid list, and the brief's examples) with
// a fragment of the message that explains why.
const INVALID: ReadonlyArray<readonly [string, string]> = [
  ['1.1.M', 'unexpected ".M"'],
  ['1+1.0M', 'unexpected "+1.0M"'],
  ['0.1mi', 'unknown suffix "mi"'],
  ['0.1am', 'unknown suffix "am"'],
  ['aoeu', 'does not start with a number'],
  ['.5i', 'unknown suffix "i"'],
  ['1i', 'unknown suffix "i"'],
  ['-3.01i', 'unknown suffix "i"'],
  ['-3.01e-', 'invalid exponent "e-"'],
  ['1e4294967297', 'out of range'],
  [' 1', 'spaces'],
  ['1 ', 'spaces'],
  ['', 'it is empty'],
  ['Non-Numeric', 'does not start with a number'],
  ['invalid', 'does not start with a number'],
  ['2GB', 'unknown suffix "GB"'],
  ['1.5.5', 'unexpected ".5"'],
  ['abc', 'does not start with a number'],
  ['1 Gi', 'spaces'],
  ['Gi', 'missing number before "Gi"'],
  ['1KI', 'unknown suffix "KI"'],
  ['1k2', 'unexpected "k2"'],
  ['--1', 'does not start with a number'],
  ['1e', 'invalid exponent "e"'],
  ['1e1.5', 'invalid exponent "e1.5"'],
  ['1K', 'unknown suffix "K"'],
  ['1ki', 'unknown suffix "ki"'],
  ['1MiB', 'unknown suffix "MiB"'],
  ['1b', 'unknown suffix "b"'],
  ['1e+', 'invalid exponent "e+"'],
  ['1ee3', 'unexpected "ee3"'],
  ['1e3.0', 'invalid exponent "e3.0"'],
  ['e3', 'does not start with a number'],
  ['1Ki5', 'unexpected "Ki5"'],
  ['0x10', 'unexpected "x10"'],
  ['1_000', 'unexpected "_000"'],
  ['1,5', 'unexpected ",5"'],
  ['1e2147483648', 'out of range'],
  ['0e-2147483648', 'out of range'],
  ['\t1', 'spaces'],
  ['1\n', 'spaces'],
  ['\u0661', 'does not start with a number'], // ARABIC-INDIC DIGIT ONE is not a digit here
  ['Infinity', 'does not start with a number'],
  // no digits at all: upstream's scanner reads these as 0, the grammar (and kubesim) does not
  ['m', 'missing number before "m"'],
  ['.', 'does not start with a number'],
  ['-', 'does not start with a number'],
  ['+', 'does not start with a number'],
  ['-.', 'does not start with a number'],
  ['+Ki', 'missing number before "Ki"'],
];

describe('parseQuantity rejects malformed quantities with E_QUANTITY', () => {
  for (const [input, why] of INVALID) {
    it(`${JSON.stringify(input)} is rejected: ${why}`, () => {
      const err = assertQuantityError(() => parseQuantity(input), why);
      assert.ok(err.message.includes(JSON.stringify(input)), `message quotes the input: ${err.message}`);
      assert.ok(err.hint !== undefined && err.hint.length > 0);
    });
  }

  it('the default hint shows valid examples', () => {
    const err = assertQuantityError(() => parseQuantity('abc'));
    for (const example of ['"100m"', '"1.5"', '"2Gi"', '"500M"']) assert.ok(err.hint?.includes(example), err.hint);
  });

  it('suggests the intended suffix for case and byte-style mistakes', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['1KI', '"1Ki"'],
      ['1ki', '"1Ki"'],
      ['0.1mi', '"0.1Mi"'],
      ['2GB', '"2G"'],
      ['512MB', '"512M"'],
      ['1MiB', '"1Mi"'],
      ['4GiB', '"4Gi"'],
      ['1K', '"1k"'],
      ['1KB', '"1k"'],
    ];
    for (const [input, meant] of cases) {
      const err = assertQuantityError(() => parseQuantity(input));
      assert.ok(err.hint?.includes(`did you mean ${meant}`), `${input}: ${err.hint}`);
    }
  });

  it('does not suggest milli for "mb"', () => {
    const err = assertQuantityError(() => parseQuantity('1mb'), 'unknown suffix "mb"');
    assert.ok(!err.hint?.includes('did you mean'), err.hint);
  });

  it('suggests the input without spaces', () => {
    const err = assertQuantityError(() => parseQuantity('1 Gi'));
    assert.ok(err.hint?.includes('"1Gi"'), err.hint);
  });

  it('rejects inputs that are neither strings nor numbers', () => {
    for (const input of [true, null, undefined, {}, 1n] as unknown[]) {
      assertQuantityError(() => parseQuantity(input as string), 'expected a string or a number');
    }
  });
});

describe('parseQuantity rejects magnitudes above 2^63-1', () => {
  // Upstream caps binary values at 2^63-1 ("9Ei") and keeps bigger decimals; kubesim refuses both.
  const TOO_BIG = [
    '9223372036854775808',
    '-9223372036854775808',
    '9223372036854775807.1',
    '9223372036854775807001m',
    '8Ei',
    '9Ei',
    '9223372036854775807Ki',
    '12E',
    '10E',
    '1e19',
    '1E2147483647',
    '-1.0000000000000000001E19',
  ];
  for (const input of TOO_BIG) {
    it(`${JSON.stringify(input)} is too large`, () => {
      assertQuantityError(() => parseQuantity(input), '2^63-1');
    });
  }
});

describe('toUnits and toMillis round like Value() and MilliValue()', () => {
  // [input, Value(), MilliValue()]; the negative rows are quantity_test.go's
  // TestNegativeValueRoundsAwayFromZero: rounding is "up" in magnitude, i.e. away from zero.
  const ROUNDING: ReadonlyArray<readonly [string, number, number]> = [
    ['100m', 1, 100],
    ['1.5', 2, 1500],
    ['0.1m', 1, 1],
    ['1e3', 1000, 1000000],
    ['12e-3', 1, 12],
    ['2Gi', 2147483648, 2147483648000],
    ['500M', 500000000, 500000000000],
    ['0.5Gi', 536870912, 536870912000],
    ['1Ki', 1024, 1024000],
    ['1.1Ki', 1127, 1126400],
    ['0.5', 1, 500],
    ['1', 1, 1000],
    ['0', 0, 0],
    ['1n', 1, 1],
    ['1u', 1, 1],
    ['1m', 1, 1],
    ['999m', 1, 999],
    ['1001m', 2, 1001],
    ['1.0001', 2, 1001],
    ['3.001n', 1, 1],
    ['1.1E-9', 1, 1],
    ['0.0000000001', 1, 1],
    ['0.000000000001Ki', 1, 1],
    ['9.01', 10, 9010],
    ['.484785E-7466', 1, 1],
    ['-.484785E-7466', -1, -1],
    ['.484785E-1', 1, 49],
    ['-.484785E-1', -1, -49],
    ['0.0005', 1, 1],
    ['-0.0005', -1, -1],
    ['1500m', 2, 1500],
    ['-1500m', -2, -1500],
    ['9.5000000001Gi', 10200547329, 10200547328108],
    ['-9.5000000001Gi', -10200547329, -10200547328108],
    ['-1', -1, -1000],
    ['-9.01', -10, -9010],
    ['9007199254740.991', 9007199254741, 9007199254740991],
  ];
  for (const [input, units, millis] of ROUNDING) {
    it(`${JSON.stringify(input)} is ${units} units and ${millis} thousandths`, () => {
      const q = parseQuantity(input);
      assert.equal(toUnits(q), units);
      assert.equal(toMillis(q), millis);
    });
  }

  it('the largest safe integer converts; one more throws E_QUANTITY', () => {
    assert.equal(toUnits(parseQuantity('9007199254740991')), Number.MAX_SAFE_INTEGER);
    assertQuantityError(() => toUnits(parseQuantity('9007199254740992')), 'too large');
    assert.equal(toMillis(parseQuantity('9007199254740.991')), Number.MAX_SAFE_INTEGER);
    assertQuantityError(() => toMillis(parseQuantity('9007199254740.992')), 'too large');
    assertQuantityError(() => toMillis(parseQuantity('9007199254741')), 'too large');
    assertQuantityError(() => toUnits(parseQuantity('9223372036854775807')), 'too large');
    assertQuantityError(() => toUnits(parseQuantity('-7Ei')), 'too large');
  });

  it('never returns -0', () => {
    assert.ok(Object.is(toMillis(parseQuantity('-0')), 0));
    assert.ok(Object.is(toUnits(parseQuantity('-0m')), 0));
  });

  it('handles a hand-built quantity with a huge exponent without hanging', () => {
    const huge: Quantity = { text: 'huge', negative: false, mantissa: 1n, exp10: 2 ** 31, exp2: 0 };
    assertQuantityError(() => toMillis(huge), 'too large');
  });
});

describe('parseMillis and parseUnits', () => {
  const MILLIS: ReadonlyArray<readonly [string | number, number]> = [
    ['100m', 100],
    ['1.5', 1500],
    ['1e3', 1000000],
    ['12e-3', 12],
    ['0.1m', 1],
    ['250m', 250],
    ['4', 4000],
    ['-0', 0],
    [2, 2000],
    [0.5, 500],
    [0, 0],
    [0.001, 1],
    [1e-7, 1], // String(1e-7) is "1e-7"
    [0.1 + 0.2, 301], // "0.30000000000000004": the decimal string is taken exactly, then rounded up
  ];
  for (const [input, millis] of MILLIS) {
    it(`parseMillis(${JSON.stringify(input)}) is ${millis}`, () => {
      assert.equal(parseMillis(input), millis);
    });
  }

  const UNITS: ReadonlyArray<readonly [string | number, number]> = [
    ['2Gi', 2147483648],
    ['500M', 500000000],
    ['0.5Gi', 536870912],
    ['1Ki', 1024],
    ['128Mi', 134217728],
    ['1G', 1000000000],
    ['1.5', 2],
    [1024, 1024],
    [1e9, 1000000000],
  ];
  for (const [input, units] of UNITS) {
    it(`parseUnits(${JSON.stringify(input)}) is ${units}`, () => {
      assert.equal(parseUnits(input), units);
    });
  }

  const NEGATIVE: ReadonlyArray<string | number> = ['-1', '-100m', '-1Gi', '-0.0000000001', '-1e-2147483647', -1, -0.5];
  for (const input of NEGATIVE) {
    it(`rejects the negative amount ${JSON.stringify(input)}`, () => {
      const err1 = assertQuantityError(() => parseMillis(input), 'a resource amount cannot be negative');
      assert.ok(err1.message.includes(String(input)), err1.message);
      assertQuantityError(() => parseUnits(input), 'a resource amount cannot be negative');
    });
  }

  it('rejects numbers that are not finite or too large', () => {
    assertQuantityError(() => parseMillis(Number.NaN), 'not a finite number');
    assertQuantityError(() => parseUnits(Number.POSITIVE_INFINITY), 'not a finite number');
    assertQuantityError(() => parseUnits(1e21), '2^63-1'); // String(1e21) is "1e+21"
  });

  it('passes parse errors through', () => {
    assertQuantityError(() => parseMillis('2GB'), 'unknown suffix');
    assertQuantityError(() => parseUnits(''), 'it is empty');
  });
});

describe('formatMillis', () => {
  const CASES: ReadonlyArray<readonly [number, string]> = [
    [1500, '1500m'],
    [2000, '2'],
    [0, '0'],
    [1, '1m'],
    [100, '100m'],
    [1000000, '1000'],
    [-1500, '-1500m'],
    [-2000, '-2'],
  ];
  for (const [millis, text] of CASES) {
    it(`${millis} is ${JSON.stringify(text)} and reads back`, () => {
      assert.equal(formatMillis(millis), text);
      assert.equal(toMillis(parseQuantity(text)), millis);
    });
  }

  it('rejects non-integers', () => {
    assert.throws(() => formatMillis(1.5), SimError);
    assert.throws(() => formatMillis(Number.NaN), SimError);
  });
});

describe('formatBytes', () => {
  const CASES: ReadonlyArray<readonly [number, string]> = [
    [2147483648, '2Gi'],
    [1000, '1000'],
    [1536, '1536'],
    [1024, '1Ki'],
    [1572864, '1536Ki'],
    [0, '0'],
    [1, '1'],
    [134217728, '128Mi'],
    [3 * 2 ** 40, '3Ti'],
    [2 ** 52, '4Pi'],
    [-2048, '-2Ki'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
  ];
  for (const [bytes, text] of CASES) {
    it(`${bytes} is ${JSON.stringify(text)} and reads back`, () => {
      assert.equal(formatBytes(bytes), text);
      assert.equal(toUnits(parseQuantity(text)), bytes);
    });
  }

  it('rejects non-integers', () => {
    assert.throws(() => formatBytes(0.5), SimError);
  });
});
