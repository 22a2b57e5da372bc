/** Every benchmark suite runs at its smallest size: a correctness check of the bench code, not a timing. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SUITES } from '../../bench/suites.js';

describe('benchmark suites (smoke size)', () => {
  for (const suite of SUITES) {
    it(`${suite.name} runs and reports figures`, async () => {
      const result = await suite.run(true);
      assert.ok(result !== undefined && result !== null);
    });
  }
});
