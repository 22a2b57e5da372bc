/** summary.csv (one row per run) and pods.csv (one row per pod), computed from a finished run. */
import type { Pod } from '../cluster/pod.js';
import { isTerminal } from '../cluster/pod.js';
import type { ClusterStore } from '../cluster/store.js';
import { formatSeconds } from '../core/time.js';
import type { Cell } from './sink.js';
import { fixed, mean, percentileSorted } from './stats.js';
import { PLACEMENT_COLUMNS } from './placement.js';
import type { PlacementColumn } from './placement.js';
import type { FailureColumn } from './failures.js';
import { FAILURE_COLUMNS } from './failures.js';

export const SUMMARY_COLUMNS = [
  'scenario', 'policy', 'seed', 'sim_time_s', 'complete', 'nodes', 'pods_created', 'pods_scheduled', 'pods_pending_end', 'pods_running_end',
  'pods_succeeded', 'pods_failed', 'scheduling_attempts', 'sched_latency_p50_s', 'sched_latency_p90_s', 'sched_latency_p99_s',
  'sched_latency_max_s', 'cpu_alloc_mean', 'mem_alloc_mean',
  ...PLACEMENT_COLUMNS,
  ...FAILURE_COLUMNS,
  'preemptions',
  'gpu_capacity', 'gpu_alloc_x100', 'gpu_alloc_x130', 'gpu_frag_x100',
] as const;

export const POD_COLUMNS = ['name', 'namespace', 'owner', 'created_s', 'scheduled_s', 'node', 'attempts', 'running_s', 'finished_s', 'phase', 'reason', 'gpus'] as const;

export interface SummaryInput {
  scenario: string;
  policy: string;
  seed: number;
  simTimeMs: number;
  complete: boolean;
  attempts: number;
  /** Pods evicted by scheduler preemption. */
  preemptions?: number;
  cpuRatios: readonly number[];
  memRatios: readonly number[];
  /** GPU figures of the alloc curve (docs/gpu-and-traces.md); absent or capacity 0 leaves them empty. gpu_alloc_mean/end are placement columns. */
  gpu?: SummaryGpu;
  /** Placement metrics (metrics/placement.ts); empty cells when absent. */
  placement?: Record<PlacementColumn, Cell>;
  /** Failure metrics (FailureMetrics.cells()); empty cells when absent. */
  failures?: Record<FailureColumn, Cell>;
}

export interface SummaryGpu {
  /** GPUs in the cluster (capacity the alloc curve is relative to). */
  capacityGpus: number;
  /** alloc_curve values (percent) at x = 100 and 130, fragmentation % at x = 100. */
  allocX100: number | undefined;
  allocX130: number | undefined;
  fragX100: number | undefined;
}

function gpuCells(g: SummaryGpu | undefined): Record<'gpu_capacity' | 'gpu_alloc_x100' | 'gpu_alloc_x130' | 'gpu_frag_x100', Cell> {
  const pct = (v: number | undefined): Cell => (v === undefined ? '' : v.toFixed(2));
  if (!g || g.capacityGpus === 0) return { gpu_capacity: 0, gpu_alloc_x100: '', gpu_alloc_x130: '', gpu_frag_x100: '' };
  return {
    gpu_capacity: g.capacityGpus,
    gpu_alloc_x100: pct(g.allocX100),
    gpu_alloc_x130: pct(g.allocX130),
    gpu_frag_x100: pct(g.fragX100),
  };
}

function seconds(ms: number): string {
  return ms >= 0 ? formatSeconds(ms) : '';
}

/** Pods scheduled by the scheduler (not pinned with spec.nodeName), creation -> bind, in ms, ascending. */
export function schedulingLatencies(pods: readonly Pod[]): Float64Array {
  const out: number[] = [];
  for (const p of pods) if (p.scheduledMs >= 0 && !p.spec.nodeName) out.push(p.scheduledMs - p.createdMs);
  return Float64Array.from(out).sort();
}

export function summaryRow(store: ClusterStore, s: SummaryInput): Record<(typeof SUMMARY_COLUMNS)[number], Cell> {
  let scheduled = 0;
  let pending = 0;
  let running = 0;
  let succeeded = 0;
  let failed = 0;
  for (const p of store.allPods) {
    if (p.scheduledMs >= 0) scheduled++;
    if (p.nodeIndex < 0 && !p.removed && !isTerminal(p)) pending++;
    if (p.phase === 'Running' && !p.removed) running++;
    if (p.phase === 'Succeeded') succeeded++;
    if (p.phase === 'Failed') failed++;
  }
  const lat = schedulingLatencies(store.allPods);
  const pct = (p: number): string => (lat.length ? formatSeconds(percentileSorted(lat, p)) : '');
  return {
    scenario: s.scenario,
    policy: s.policy,
    seed: s.seed,
    sim_time_s: formatSeconds(s.simTimeMs),
    complete: s.complete ? 'true' : 'false',
    nodes: store.liveNodeCount,
    pods_created: store.allPods.length,
    pods_scheduled: scheduled,
    pods_pending_end: pending,
    pods_running_end: running,
    pods_succeeded: succeeded,
    pods_failed: failed,
    scheduling_attempts: s.attempts,
    sched_latency_p50_s: pct(50),
    sched_latency_p90_s: pct(90),
    sched_latency_p99_s: pct(99),
    sched_latency_max_s: pct(100),
    cpu_alloc_mean: fixed(mean(s.cpuRatios)),
    mem_alloc_mean: fixed(mean(s.memRatios)),
    ...(s.placement ?? (Object.fromEntries(PLACEMENT_COLUMNS.map((c) => [c, ''])) as Record<PlacementColumn, Cell>)),
    ...(s.failures ?? (Object.fromEntries(FAILURE_COLUMNS.map((c) => [c, ''])) as Record<FailureColumn, Cell>)),
    preemptions: s.preemptions ?? 0,
    ...gpuCells(s.gpu),
  };
}

export function podRow(store: ClusterStore, p: Pod): Cell[] {
  const node = store.nodeOf(p);
  return [
    p.name,
    p.namespace,
    p.owner ? `${p.owner.kind}/${p.owner.name}` : '',
    seconds(p.createdMs),
    seconds(p.scheduledMs),
    node?.name ?? '',
    p.attempts,
    seconds(p.runningMs),
    seconds(p.finishedMs),
    p.removed && p.phase !== 'Succeeded' && p.phase !== 'Failed' ? 'Deleted' : p.phase,
    p.reason,
    // GPU indices on the node, '+'-joined (docs/gpu-and-traces.md), with the share when below a whole GPU.
    p.gpus && p.gpus.length > 0 ? `${p.gpus.join('+')}${p.spec.gpu && p.spec.gpu.milli < 1000 ? `@${p.spec.gpu.milli}m` : ''}` : '',
  ];
}
