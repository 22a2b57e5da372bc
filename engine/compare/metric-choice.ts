/**
 * Which summary columns the compare table shows by default and which direction is better for each.
 * Both are preferences only: columns missing from SUMMARY_COLUMNS are skipped, unknown columns can be
 * shown with --metric, and a column whose direction is unknown is shown without a best value.
 */
import { didYouMean, SimError } from '../core/errors.js';

/** Shown by default, in this order, when present (names of other helpers' columns included on purpose). */
export const DEFAULT_TABLE_METRICS = [
  'pods_never_scheduled', 'pods_pending_end', 'sched_latency_p50_s', 'sched_latency_p99_s', 'cpu_alloc_mean', 'mem_alloc_mean',
  'gpu_alloc_mean', 'nodes_in_use_mean', 'fragmentation_cpu_mean', 'job_completion_mean_s', 'job_completion_p99_s',
  'evictions', 'preemptions', 'recovery_time_s', 'unavailable_replica_s', 'lost_work_s',
] as const;

const HIGHER_IS_BETTER = [/alloc/, /availab/, /succeeded/, /^pods_scheduled$/, /^pods_running_end$/, /^jobs_completed$/];
const LOWER_IS_BETTER = [/latency/, /pending/, /never_scheduled/, /fragment/, /_frag_/, /nodes_in_use/, /evict/, /preempt/, /recover/, /unavailable/, /completion/, /lost/, /failed/, /attempts/];

/** -1: lower is better, 1: higher is better, 0: no preference known. */
export function betterDirection(metric: string): -1 | 0 | 1 {
  if (HIGHER_IS_BETTER.some((re) => re.test(metric))) return 1;
  if (LOWER_IS_BETTER.some((re) => re.test(metric))) return -1;
  return 0;
}

/** The table's metrics: the --metric flags (checked against the summary columns) or the defaults present. */
export function tableMetrics(requested: readonly string[], columns: readonly string[], keyColumns: readonly string[]): string[] {
  const usable = columns.filter((c) => !keyColumns.includes(c));
  if (requested.length === 0) return DEFAULT_TABLE_METRICS.filter((m) => usable.includes(m));
  const errors = requested.filter((m) => !usable.includes(m));
  if (errors.length > 0) {
    const m = errors[0]!;
    const guess = didYouMean(m, usable);
    throw new SimError('E_USAGE', `--metric ${m}: not a summary column`, { hint: guess ? `did you mean "${guess}"?` : `summary columns: ${usable.join(', ')}` });
  }
  return [...requested];
}
