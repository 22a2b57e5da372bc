/**
 * Aggregating alloc_curve.csv over runs (e.g. seeds): per x, the mean and the sample standard deviation
 * of the allocation % and the fragmentation %, over the runs that have a value at x. For `kubesim compare`.
 */
import type { Cell } from './sink.js';
import { mean } from './stats.js';

export const ALLOC_CURVE_STATS_COLUMNS = ['arrived_pct', 'runs', 'alloc_pct_mean', 'alloc_pct_std', 'frag_pct_mean', 'frag_pct_std'] as const;

function std(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}

/** `curves` are AllocCurve.rows() of each run (x, alloc %, frag %, ...; '' where a run has no value). */
export function aggregateAllocCurves(curves: readonly (readonly (readonly Cell[])[])[]): Cell[][] {
  const maxLen = curves.reduce((m, c) => Math.max(m, c.length), 0);
  const out: Cell[][] = [];
  for (let x = 0; x < maxLen; x++) {
    const alloc: number[] = [];
    const frag: number[] = [];
    for (const c of curves) {
      const row = c[x];
      if (!row || row[1] === '' || row[1] === undefined) continue;
      alloc.push(Number(row[1]));
      frag.push(Number(row[2]));
    }
    out.push(alloc.length === 0 ? [x, 0, '', '', '', ''] : [x, alloc.length, mean(alloc).toFixed(2), std(alloc).toFixed(2), mean(frag).toFixed(2), std(frag).toFixed(2)]);
  }
  return out;
}
