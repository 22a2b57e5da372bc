/**
 * From finished cells to the two tables of a comparison: runs (one row per cell, the summary columns)
 * and comparison (long format: scenario x policy x metric, with the paired difference to the baseline).
 * The metrics are the summary columns whose values are numbers; nothing here names a column.
 */
import type { Cell as CsvCell } from '../metrics/sink.js';
import type { Plan } from './cells.js';
import type { CellResult } from './run-cell.js';
import type { PairedDiff, Summary } from './stats.js';
import { pairedDiff, summarize } from './stats.js';

/** Columns that identify a cell rather than measure it. */
export const KEY_COLUMNS = ['scenario', 'policy', 'seed'] as const;

export const COMPARISON_COLUMNS = [
  'scenario', 'policy', 'metric', 'n', 'mean', 'std', 'ci95_low', 'ci95_high', 'min', 'median', 'max',
  'baseline', 'diff_mean', 'diff_ci95_low', 'diff_ci95_high', 'significant', 'complete',
] as const;

export interface ComparisonRow {
  scenario: string;
  policy: string;
  metric: string;
  summary: Summary;
  baseline: string;
  /** Undefined for the baseline policy itself. */
  diff: PairedDiff | undefined;
  /** Whether every planned seed of this scenario and policy finished. */
  complete: boolean;
}

/** runs.csv rows in cell order; cells that did not finish get their keys, complete=false and empty metrics. */
export function runRows(plan: Plan, results: readonly (CellResult | undefined)[], columns: readonly string[]): CsvCell[][] {
  return plan.cells.map((cell, i) => {
    const r = results[i];
    if (r) return columns.map((c) => r.summary[c] ?? '');
    const keys: Record<string, CsvCell> = { scenario: cell.scenario.name, policy: cell.policy.label, seed: cell.seed, complete: 'false' };
    return columns.map((c) => keys[c] ?? '');
  });
}

function numeric(v: CsvCell | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Summary columns that hold numbers in every finished cell where they are not empty. */
export function metricColumns(columns: readonly string[], results: readonly (CellResult | undefined)[]): string[] {
  return columns.filter((c) => {
    if ((KEY_COLUMNS as readonly string[]).includes(c)) return false;
    for (const r of results) {
      const v = r?.summary[c];
      if (v !== undefined && v !== '' && numeric(v) === undefined) return false;
    }
    return true;
  });
}

export function compare(plan: Plan, results: readonly (CellResult | undefined)[], metrics: readonly string[]): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const bySeed = (scenario: string, policy: string, metric: string): Map<number, number> => {
    const m = new Map<number, number>();
    for (const cell of plan.cells) {
      if (cell.scenario.name !== scenario || cell.policy.label !== policy) continue;
      const v = numeric(results[cell.index]?.summary[metric]);
      if (v !== undefined) m.set(cell.seed, v);
    }
    return m;
  };
  for (const variant of plan.variants) {
    for (const policy of plan.policies) {
      const cells = plan.cells.filter((c) => c.scenario === variant && c.policy === policy);
      const complete = cells.every((c) => results[c.index] !== undefined);
      for (const metric of metrics) {
        const values = bySeed(variant.name, policy.label, metric);
        const diff = policy.label === plan.baseline ? undefined : pairedDiff(values, bySeed(variant.name, plan.baseline, metric));
        rows.push({ scenario: variant.name, policy: policy.label, metric, summary: summarize([...values.values()]), baseline: plan.baseline, diff, complete });
      }
    }
  }
  return rows;
}

/** Fixed six decimals (CSV bytes never depend on float printing), empty for NaN, no "-0". */
export function num(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '';
  const s = x.toFixed(6);
  return /^-0\.0*$/.test(s) ? s.slice(1) : s;
}

export function comparisonCells(r: ComparisonRow): CsvCell[] {
  const s = r.summary;
  const d = r.diff;
  return [
    r.scenario, r.policy, r.metric, s.n, num(s.mean), num(s.std), num(s.ciLow), num(s.ciHigh), num(s.min), num(s.median), num(s.max),
    r.baseline, num(d?.mean), num(d?.ciLow), num(d?.ciHigh), d?.significant === undefined ? '' : String(d.significant), String(r.complete),
  ];
}
