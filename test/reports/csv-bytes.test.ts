/** The byte encoder writes exactly the UTF-8 of csv-stringify's text, across buffer boundaries too. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import type { Cell } from '../../engine/metrics/sink.js';
import { CsvEncoder } from '../../reports/csv-bytes.js';

/** Every record through an encoder of `size` bytes, the flushed chunks joined. */
function encode(rows: readonly (readonly Cell[])[], size: number): Buffer {
  const chunks: Buffer[] = [];
  const enc = new CsvEncoder((bytes, length) => chunks.push(Buffer.from(bytes.subarray(0, length))), size);
  for (const row of rows) enc.row(row);
  enc.flush();
  return Buffer.concat(chunks);
}

describe('CsvEncoder', () => {
  const cases: [string, Cell[][]][] = [
    ['plain cells and integers', [['a', 1, 0, -7, 1234567890123, '']]],
    ['numbers that are not safe integers keep their text', [[2.5, -0.125, 1e21, -0, 2 ** 53, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]]],
    ['a comma, a quote, CR and LF are quoted', [['a,b', 'say "hi"', 'x\ny', 'x\ry', ' lead']]],
    ['text beyond ASCII is UTF-8', [['zoné', 'ü,ber', '😀']]],
    ['empty rows', [[''], ['', ''], ['z']]],
  ];
  for (const [name, rows] of cases) {
    it(`matches csv-stringify: ${name}`, () => assert.deepEqual(encode(rows, 1 << 16), Buffer.from(stringify(rows), 'utf8')));
  }

  it('a field longer than the buffer is written through whole', () => {
    const rows = [['x'.repeat(100), 'y,'.repeat(40), -Number.MAX_SAFE_INTEGER, 'é'.repeat(20)]];
    assert.deepEqual(encode(rows, 32), Buffer.from(stringify(rows), 'utf8'));
  });

  it('matches csv-stringify on random cells with a small buffer', () => {
    const cell = fc.oneof(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '0', '😀') }), fc.double({ noNaN: true }), fc.integer(), fc.maxSafeInteger());
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 }), fc.integer({ min: 32, max: 64 }), (rows, size) => encode(rows, size).equals(Buffer.from(stringify(rows), 'utf8'))), { seed: 11, numRuns: 500 });
  });
});
