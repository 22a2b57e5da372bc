/** aleaState must start alea exactly where seedrandom.alea(seed) starts: every draw identical. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { aleaState } from '../../engine/core/alea-seed.js';
import { Rng } from '../../engine/core/rng.js';

function draws(prng: () => number, n: number): number[] {
  return Array.from({ length: n }, () => prng());
}

describe('alea seeding', () => {
  const seeds = ['', ' ', '5000', '5000\u0000durations/default/batch-job-00042', 'ü€漢字', 'x'.repeat(300)];
  for (const seed of seeds) {
    it(`gives seedrandom.alea's state and draws for ${JSON.stringify(seed.slice(0, 30))}`, () => {
      assert.deepEqual(draws(seedrandom.alea('', { state: aleaState(seed) }), 20), draws(seedrandom.alea(seed), 20));
    });
  }

  it('agrees with seedrandom.alea on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (seed) => {
        assert.deepEqual(draws(seedrandom.alea('', { state: aleaState(seed) }), 5), draws(seedrandom.alea(seed), 5));
      }),
      { numRuns: 500 },
    );
  });

  it('Rng draws the same numbers as a plain seedrandom.alea stream', () => {
    const r = new Rng('stream');
    assert.deepEqual(draws(() => r.next(), 10), draws(seedrandom.alea('stream'), 10));
  });
});
