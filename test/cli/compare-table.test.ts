/** The stdout table of kubesim compare: best value per row and significant differences. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Plan } from '../../engine/compare/cells.js';
import { compare } from '../../engine/compare/comparison.js';
import type { CellResult } from '../../engine/compare/run-cell.js';
import { formatValue, renderTable } from '../../engine/cli/compare-table.js';

const variant = { name: 's', baseName: 's', file: 's.yaml', overrides: [] };
const policies = ['a', 'b'].map((label) => ({ label, options: undefined }));
const cells = policies.flatMap((policy, p) => [1, 2, 3].map((seed, i) => ({ index: p * 3 + i, scenario: variant, policy, seed })));
const plan: Plan = { variants: [variant], policies, seeds: [1, 2, 3], baseline: 'a', cells };
// b has lower latency on every seed, and the same allocation
const latency = [10, 12, 14, 8, 9, 11];
const results: CellResult[] = cells.map((c) => ({ index: c.index, summary: { sched_latency_p99_s: latency[c.index]!, cpu_alloc_mean: 0.5 } }));
const rows = compare(plan, results, ['sched_latency_p99_s', 'cpu_alloc_mean']);

test('without a terminal the best mean is marked * and a significant difference !', () => {
  const text = renderTable(plan, rows, ['sched_latency_p99_s', 'cpu_alloc_mean'], false);
  const line = text.split('\n').find((l) => l.startsWith('sched_latency_p99_s'))!;
  assert.match(line, /12 ± 4\.968\s+9\.333 ± 3\.795 \* !$/);
});

test('on a terminal the best mean is bold and carries no *', () => {
  const text = renderTable(plan, rows, ['sched_latency_p99_s'], true);
  assert.match(text, /\x1b\[1m\s*9\.333 ± 3\.795 !\x1b\[22m/);
});

test('a row where every policy ties marks no best value', () => {
  const text = renderTable(plan, rows, ['cpu_alloc_mean'], false);
  const line = text.split('\n').find((l) => l.startsWith('cpu_alloc_mean'))!;
  assert.doesNotMatch(line, /\*/);
});

test('values print with four significant digits, large ones as integers', () => {
  assert.deepEqual([formatValue(0.123456), formatValue(123.456), formatValue(12345.6), formatValue(0), formatValue(NaN)], ['0.1235', '123.5', '12346', '0', '-']);
});
