/** NodeResourcesFit MostAllocated per-resource score (noderesources/most_allocated.go mostRequestedScore). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mostRequestedScore as mostRequested } from '../../engine/scheduler/plugins/noderesources/strategies.js';

const CASES: [string, number, number, number][] = [
  ['nothing requested scores 0', 0, 4000, 0],
  ['three quarters requested scores 75', 3000, 4000, 75],
  ['fractions truncate', 1000, 3000, 33],
  ['a full node scores 100', 4000, 4000, 100],
  ['requests above capacity count as capacity', 5000, 4000, 100],
  ['zero capacity scores 0', 100, 0, 0],
];

for (const [name, requested, capacity, expected] of CASES) {
  test(`MostAllocated: ${name}`, () => assert.equal(mostRequested(requested, capacity), expected));
}
