/**
 * `kubesim compare`: every (scenario variant, policy, seed) cell is one ordinary run on a pool of
 * worker threads; the finished cells give runs.csv, comparison.csv and a table on stdout. SIGINT and
 * SIGTERM stop dispatching, terminate the workers and write the rows finished so far (the others
 * marked complete=false), then exit 130 / 143.
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { planCompare } from '../compare/cells.js';
import type { Cell, Plan } from '../compare/cells.js';
import { SimError, SimErrors } from '../core/errors.js';
import { compare, KEY_COLUMNS, metricColumns } from '../compare/comparison.js';
import { tableMetrics } from '../compare/metric-choice.js';
import { CellError, CellPool } from '../compare/pool.js';
import { cellRunDir } from '../compare/run-cell.js';
import { SUMMARY_COLUMNS } from '../metrics/summary.js';
import { writeCompareReport } from '../../reports/compare-report.js';
import { EXIT } from './errors.js';
import { ProgressBar } from './progress.js';
import type { Signals } from './signals.js';
import { renderTable } from './compare-table.js';

export interface CompareFlags {
  policy?: string[];
  seeds?: string;
  jobs?: number;
  out?: string;
  baseline?: string;
  metric?: string[];
  set?: string[];
  keepRuns?: boolean;
  quiet?: boolean;
}

export const WORKER_URL = new URL('./compare-worker.js', import.meta.url);

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** The plan and the table's metrics, with every problem of both reported at once. */
function checkArguments(files: string[], flags: CompareFlags): { plan: Plan; shown: string[] } {
  const problems: SimError[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof SimErrors) problems.push(...e.errors);
      else if (e instanceof SimError) problems.push(e);
      else throw e;
      return undefined;
    }
  };
  const plan = attempt(() => planCompare({ scenarios: files, policies: flags.policy ?? [], seeds: flags.seeds, sets: flags.set ?? [], baseline: flags.baseline }));
  const shown = attempt(() => tableMetrics(flags.metric ?? [], SUMMARY_COLUMNS, KEY_COLUMNS));
  if (!plan || !shown) throw new SimErrors(problems);
  return { plan, shown };
}

export async function compareCommand(files: string[], flags: CompareFlags, signals: Signals): Promise<number> {
  const { plan, shown } = checkArguments(files, flags);
  const outDir = flags.out ?? join('out', `compare-${(plan.variants[0]?.baseName ?? 'scenario').replace(/[^A-Za-z0-9._-]+/g, '_')}`);
  const jobs = flags.jobs ?? defaultJobs();
  const total = plan.cells.length;
  const bar = new ProgressBar('compare', total);
  const pool = new CellPool(plan.cells, {
    jobs,
    workerUrl: WORKER_URL,
    keepDir: flags.keepRuns ? (cell: Cell) => resolve(outDir, cellRunDir(cell)) : undefined,
    onResult: (_r, done) => bar.update(done, (n) => `${n}/${total} cells`),
  });
  const watch = setInterval(() => {
    if (signals.received) pool.stop();
  }, 50);
  const wallStart = process.hrtime.bigint();
  try {
    await pool.run();
  } catch (e) {
    if (e instanceof CellError) throw new Error(`cell ${e.cell.scenario.name} / ${e.cell.policy.label} / seed ${e.cell.seed}: ${e.message}`);
    throw e;
  } finally {
    clearInterval(watch);
    bar.done();
  }
  const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
  const metrics = metricColumns(SUMMARY_COLUMNS, pool.results);
  const rows = compare(plan, pool.results, metrics);
  writeCompareReport(outDir, plan, pool.results, SUMMARY_COLUMNS, rows);
  const interrupted = pool.finished < total;
  if (!flags.quiet) {
    process.stdout.write(renderTable(plan, rows, shown, Boolean(process.stdout.isTTY)));
    process.stdout.write(`\n${pool.finished} of ${total} cells in ${(wallMs / 1000).toFixed(1)} s on ${Math.min(jobs, total)} worker${Math.min(jobs, total) === 1 ? '' : 's'}; reports in ${outDir}/: runs.csv comparison.csv${flags.keepRuns ? ' runs/' : ''}\n`);
  }
  if (interrupted) {
    process.stderr.write(`kubesim: stopped by ${signals.received ?? 'a signal'} after ${pool.finished} of ${total} cells; unfinished cells are in runs.csv with complete=false\n`);
    return signals.received === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
  }
  return EXIT.ok;
}
