/** The hand-written CSV formatter writes exactly what csv-stringify (the previous writer) wrote. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import type { Cell } from '../../engine/metrics/sink.js';
import { csvRecords } from '../../reports/csv-format.js';

describe('csvRecords', () => {
  const cases: [string, Cell[][]][] = [
    ['plain cells and numbers', [['a', 1, 2.5, -0.125, 1e21, '']]],
    ['a comma, a quote, CR and LF are quoted', [['a,b', 'say "hi"', 'x\ny', 'x\ry', ' lead']]],
    ['empty rows and many rows', [[''], ['', ''], ['z']]],
  ];
  for (const [name, rows] of cases) {
    it(`matches csv-stringify: ${name}`, () => assert.equal(csvRecords(rows), stringify(rows)));
  }

  it('matches csv-stringify on random cells', () => {
    const cell = fc.oneof(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '0') }), fc.double({ noNaN: true }), fc.integer());
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 }), (rows) => csvRecords(rows) === stringify(rows)), { seed: 7, numRuns: 500 });
  });
});
