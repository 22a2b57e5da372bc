/** alloc_curves.csv: each policy's GPU allocation curve aggregated over seeds (n, mean, sample std per x). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allocCurveRows } from '../../engine/compare/curves.js';
import type { Cell, Plan } from '../../engine/compare/cells.js';

function plan(): Plan {
  const scenario = { name: 's', baseName: 's', file: 's.yaml', overrides: [] };
  const cells: Cell[] = [1, 2].map((seed, i) => ({ index: i, scenario, policy: { label: 'fgd', options: undefined }, seed }));
  return { variants: [scenario], policies: [{ label: 'fgd', options: undefined }], seeds: [1, 2], cells } as unknown as Plan;
}

describe('alloc curves across seeds', () => {
  it('averages each x over the runs that reported it, with the sample standard deviation', () => {
    const rows = allocCurveRows(plan(), [
      { index: 0, summary: {}, curve: [[100, 90, 10], [130, 92, 8]] },
      { index: 1, summary: {}, curve: [[100, 94, 6]] },
    ]);
    assert.deepEqual(rows, [
      ['s', 'fgd', 100, 2, '92.0000', '2.8284', '8.0000', '2.8284'],
      ['s', 'fgd', 130, 1, '92.0000', '', '8.0000', ''],
    ]);
  });

  it('writes nothing for runs without GPUs', () => {
    assert.deepEqual(allocCurveRows(plan(), [{ index: 0, summary: {} }, { index: 1, summary: {} }]), []);
  });
});
