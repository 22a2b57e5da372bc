/** The readable summary printed after a run. */
import type { Cell } from '../metrics/sink.js';

const ROWS: [string, string][] = [
  ['scenario', 'scenario'],
  ['policy', 'policy'],
  ['seed', 'seed'],
  ['simulated time (s)', 'sim_time_s'],
  ['nodes', 'nodes'],
  ['pods created', 'pods_created'],
  ['pods scheduled', 'pods_scheduled'],
  ['pods pending at end', 'pods_pending_end'],
  ['pods running at end', 'pods_running_end'],
  ['pods succeeded', 'pods_succeeded'],
  ['pods failed', 'pods_failed'],
  ['scheduling attempts', 'scheduling_attempts'],
  ['scheduling latency p50/p90/p99/max (s)', ''],
  ['mean cpu / memory allocated', ''],
];

export function printSummary(s: Record<string, Cell>, write: (t: string) => void): void {
  const width = Math.max(...ROWS.map((r) => r[0].length), Number(s.node_failures) > 0 ? FAILURE_LABEL_WIDTH : 0);
  for (const [label, key] of ROWS) {
    let value: string;
    if (label.startsWith('scheduling latency')) value = ['sched_latency_p50_s', 'sched_latency_p90_s', 'sched_latency_p99_s', 'sched_latency_max_s'].map((k) => s[k] || '-').join(' / ');
    else if (label.startsWith('mean cpu')) value = `${pct(s.cpu_alloc_mean)} / ${pct(s.mem_alloc_mean)}`;
    else value = String(s[key] ?? '');
    write(`  ${label.padEnd(width)}  ${value}\n`);
  }
  if (Number(s.node_failures) > 0) printFailures(s, width, write);
}

const FAILURE_LABEL_WIDTH = 40;

/** Failure figures, printed when the run had node failures (docs/failures.md). */
function printFailures(s: Record<string, Cell>, width: number, write: (t: string) => void): void {
  const triple = (p: string): string => ['mean', 'p99', 'max'].map((k) => s[`${p}_${k}_s`] || '-').join(' / ');
  const rows: [string, string][] = [
    ['node failures / pods evicted', `${s.node_failures} / ${s.pods_evicted}`],
    ['time to detect mean/p99/max (s)', triple('time_to_detect')],
    ['time to evict mean/p99/max (s)', triple('time_to_evict')],
    ['time to recover mean/p99/max (s)', triple('time_to_recover')],
    ['Job work lost (s)', String(s.job_lost_work_s ?? '')],
    ['min availability / unavailable replica-s', `${pct(s.availability_min)} / ${s.unavailable_replica_s || '-'}`],
  ];
  const w = Math.max(width, ...rows.map((r) => r[0].length));
  for (const [label, value] of rows) write(`  ${label.padEnd(w)}  ${value}\n`);
}

function pct(v: Cell | undefined): string {
  const n = Number(v);
  return v === '' || v === undefined || !Number.isFinite(n) ? '-' : `${(n * 100).toFixed(1)}%`;
}
