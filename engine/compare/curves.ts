/**
 * alloc_curves.csv of `kubesim compare`: the GPU allocation curve of each run (alloc_curve.csv, one
 * value per percent of arrived GPU demand) aggregated over the seeds of each scenario x policy: n,
 * mean and sample standard deviation of the allocation and fragmentation percentages at every x.
 */
import type { Cell } from '../metrics/sink.js';
import type { Plan } from './cells.js';
import type { CellResult } from './run-cell.js';
import { meanOf as mean, sampleStd } from './stats.js';

export const ALLOC_CURVES_COLUMNS = ['scenario', 'policy', 'arrived_pct', 'n', 'alloc_pct_mean', 'alloc_pct_std', 'frag_pct_mean', 'frag_pct_std'] as const;

/** One run's curve: [x, alloc %, frag %] for every x that had reports. */
export type CurvePoints = [number, number, number][];

function fmt(v: number): string {
  return Number.isFinite(v) ? v.toFixed(4) : '';
}

/** Rows in (scenario, policy, x) order; empty when no run had GPUs. */
export function allocCurveRows(plan: Plan, results: readonly (CellResult | undefined)[]): Cell[][] {
  const groups = new Map<string, { scenario: string; policy: string; byX: Map<number, { alloc: number[]; frag: number[] }> }>();
  for (const cell of plan.cells) {
    const curve = results[cell.index]?.curve;
    if (!curve || curve.length === 0) continue;
    const key = `${cell.scenario.name}\u0000${cell.policy.label}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { scenario: cell.scenario.name, policy: cell.policy.label, byX: new Map() }));
    for (const [x, alloc, frag] of curve) {
      let p = g.byX.get(x);
      if (!p) g.byX.set(x, (p = { alloc: [], frag: [] }));
      p.alloc.push(alloc);
      p.frag.push(frag);
    }
  }
  const rows: Cell[][] = [];
  for (const g of groups.values()) {
    for (const x of [...g.byX.keys()].sort((a, b) => a - b)) {
      const p = g.byX.get(x)!;
      rows.push([g.scenario, g.policy, x, p.alloc.length, fmt(mean(p.alloc)), fmt(sampleStd(p.alloc)), fmt(mean(p.frag)), fmt(sampleStd(p.frag))]);
    }
  }
  return rows;
}
