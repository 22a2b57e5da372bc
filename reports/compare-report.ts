/** The files of `kubesim compare`: runs.csv and comparison.csv, each written atomically (temp file, then rename). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../engine/compare/cells.js';
import type { ComparisonRow } from '../engine/compare/comparison.js';
import { COMPARISON_COLUMNS, comparisonCells, runRows } from '../engine/compare/comparison.js';
import type { CellResult } from '../engine/compare/run-cell.js';
import { ALLOC_CURVES_COLUMNS, allocCurveRows } from '../engine/compare/curves.js';
import { csvText, writeAtomic } from './csv.js';

export const COMPARE_FILES = ['runs.csv', 'comparison.csv'] as const;

export function writeCompareReport(dir: string, plan: Plan, results: readonly (CellResult | undefined)[], summaryColumns: readonly string[], rows: readonly ComparisonRow[]): void {
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, 'runs.csv'), csvText(summaryColumns, runRows(plan, results, summaryColumns)));
  writeAtomic(join(dir, 'comparison.csv'), csvText(COMPARISON_COLUMNS, rows.map(comparisonCells)));
  // GPU runs also get their allocation curves aggregated over seeds.
  const curves = allocCurveRows(plan, results);
  if (curves.length > 0) writeAtomic(join(dir, 'alloc_curves.csv'), csvText(ALLOC_CURVES_COLUMNS, curves));
}
