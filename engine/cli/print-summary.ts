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
  const width = Math.max(...ROWS.map((r) => r[0].length));
  for (const [label, key] of ROWS) {
    let value: string;
    if (label.startsWith('scheduling latency')) value = ['sched_latency_p50_s', 'sched_latency_p90_s', 'sched_latency_p99_s', 'sched_latency_max_s'].map((k) => s[k] || '-').join(' / ');
    else if (label.startsWith('mean cpu')) value = `${pct(s.cpu_alloc_mean)} / ${pct(s.mem_alloc_mean)}`;
    else value = String(s[key] ?? '');
    write(`  ${label.padEnd(width)}  ${value}\n`);
  }
}

function pct(v: Cell | undefined): string {
  const n = Number(v);
  return v === '' || v === undefined || !Number.isFinite(n) ? '-' : `${(n * 100).toFixed(1)}%`;
}
