/** From cell results to runs.csv and comparison.csv rows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Plan } from '../../engine/compare/cells.js';
import { compare, comparisonCells, metricColumns, num, runRows } from '../../engine/compare/comparison.js';
import type { CellResult } from '../../engine/compare/run-cell.js';

function plan(policies: string[], seeds: number[]): Plan {
  const variant = { name: 's', baseName: 's', file: 's.yaml', overrides: [] };
  const ps = policies.map((label) => ({ label, options: undefined }));
  const cells = ps.flatMap((policy) => seeds.map((seed) => ({ scenario: variant, policy, seed, index: 0 })));
  cells.forEach((c, i) => (c.index = i));
  return { variants: [variant], policies: ps, seeds, baseline: policies[0]!, cells };
}

const COLUMNS = ['scenario', 'policy', 'seed', 'complete', 'latency', 'label'];

function results(p: Plan, values: number[]): CellResult[] {
  return p.cells.map((c, i) => ({ index: i, summary: { scenario: 's', policy: c.policy.label, seed: c.seed, complete: 'true', latency: String(values[i]), label: 'x' } }));
}

test('metrics are the summary columns holding numbers, never the keys', () => {
  const p = plan(['a'], [1, 2]);
  assert.deepEqual(metricColumns(COLUMNS, results(p, [1, 2])), ['latency']);
});

test('runs rows keep cell order and mark unfinished cells complete=false with empty metrics', () => {
  const p = plan(['a', 'b'], [1, 2]);
  const r: (CellResult | undefined)[] = results(p, [1, 2, 3, 4]);
  r[2] = undefined;
  const rows = runRows(p, r, COLUMNS);
  assert.deepEqual(rows[2], ['s', 'b', 1, 'false', '', '']);
  assert.deepEqual(rows[3], ['s', 'b', 2, 'true', '4', 'x']);
});

test('comparison: baseline rows carry no difference; others the paired difference by seed', () => {
  const p = plan(['a', 'b'], [1, 2, 3]);
  const rows = compare(p, results(p, [10, 12, 14, 11, 13, 15]), ['latency']);
  assert.equal(rows.length, 2);
  assert.deepEqual(comparisonCells(rows[0]!).slice(11), ['a', '', '', '', '', 'true']);
  const b = comparisonCells(rows[1]!);
  assert.deepEqual(b.slice(0, 5), ['s', 'b', 'latency', 3, '13.000000']);
  // differences 1, 1, 1: mean 1, zero width, significant
  assert.deepEqual(b.slice(11), ['a', '1.000000', '1.000000', '1.000000', 'true', 'true']);
});

test('a scenario x policy with an unfinished seed is marked incomplete and counts only finished seeds', () => {
  const p = plan(['a', 'b'], [1, 2, 3]);
  const r: (CellResult | undefined)[] = results(p, [10, 12, 14, 11, 13, 15]);
  r[5] = undefined;
  const rows = compare(p, r, ['latency']);
  assert.equal(rows[1]!.summary.n, 2);
  assert.equal(rows[1]!.diff!.n, 2);
  assert.equal(rows[1]!.complete, false);
  assert.equal(rows[0]!.complete, true);
});

test('numbers print with six decimals and never as -0', () => {
  assert.equal(num(-1e-9), '0.000000');
  assert.equal(num(NaN), '');
  assert.equal(num(2.5), '2.500000');
});
