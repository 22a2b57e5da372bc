/**
 * Metrics for choosing a scheduling policy (docs/compare.md has the exact definitions): pods never
 * scheduled, allocation ratios at the end (and GPU), nodes in use, fragmentation against the shapes of
 * pending pods, and Job completion times. Sampled at the same instants as timeseries.csv.
 */
import type { Node } from '../cluster/node.js';
import type { Pod, PodSpec } from '../cluster/pod.js';
import { isTerminal } from '../cluster/pod.js';
import { CPU, MEMORY, PODS } from '../cluster/resources.js';
import type { ClusterStore } from '../cluster/store.js';
import type { Simulator } from '../core/simulator.js';
import { formatSeconds } from '../core/time.js';
import { GPU_RESOURCE, MILLI_PER_GPU } from '../cluster/gpu.js';
import type { Cell } from './sink.js';
import { fixed, mean, percentileSorted } from './stats.js';
import { sampleEvery } from './sampling.js';
import { DenseFlags } from '../core/dense-flags.js';

export const PLACEMENT_COLUMNS = [
  'pods_never_scheduled', 'cpu_alloc_end', 'mem_alloc_end', 'gpu_alloc_mean', 'gpu_alloc_end', 'nodes_in_use_mean', 'nodes_in_use_end',
  'fragmentation_cpu_mean', 'fragmentation_cpu_end', 'fragmentation_mem_mean', 'fragmentation_mem_end',
  'job_completion_mean_s', 'job_completion_p50_s', 'job_completion_p99_s',
] as const;

export type PlacementColumn = (typeof PLACEMENT_COLUMNS)[number];

/** The extended resource counted as GPU (the NVIDIA device plugin's name). */
export { GPU_RESOURCE } from '../cluster/gpu.js';

export interface PlacementSample {
  nodesInUse: number;
  /** Share of the cluster's allocatable cpu / memory that is free on nodes where no pending pod fits. */
  fragmentationCpu: number;
  fragmentationMem: number;
  /** Allocated / capacity GPU (milli, device shares included) over live nodes; NaN without GPUs. */
  gpuRatio: number;
}

export class PlacementMetrics {
  /** Pending pods by uid. */
  private readonly pending = new DenseFlags();
  private readonly pendingBySpec = new Map<PodSpec, number>();
  private readonly jobCreatedMs = new Map<string, number>();
  private readonly jobCompletionMs: number[] = [];
  private readonly samples: PlacementSample[] = [];
  private readonly gpu: number;
  /** Pods on each node (by index) that are not a DaemonSet's, and the pods (uids) counted there. */
  private workload = new Int32Array(0);
  private readonly counted = new DenseFlags();

  constructor(
    sim: Simulator,
    private readonly store: ClusterStore,
    intervalMs: number,
    endMs: number,
  ) {
    this.gpu = store.resources.lookup(GPU_RESOURCE) ?? -1;
    for (const node of store.nodes) for (const p of store.podsOn(node)) if (p.owner?.kind !== 'DaemonSet') this.countWorkload(p);
    store.events.onPod((type, pod) => {
      if (type === 'PodAdded' && pod.nodeIndex < 0 && !isTerminal(pod)) {
        this.pending.add(pod.uid);
        this.pendingBySpec.set(pod.spec, (this.pendingBySpec.get(pod.spec) ?? 0) + 1);
      } else if (type === 'PodBound' || type === 'PodRemoved' || (type === 'PodPhaseChanged' && isTerminal(pod))) {
        if (this.pending.delete(pod.uid)) {
          // A spec without pending pods leaves the map (a day of Jobs brings tens of thousands of specs).
          const left = this.pendingBySpec.get(pod.spec)! - 1;
          if (left === 0) this.pendingBySpec.delete(pod.spec);
          else this.pendingBySpec.set(pod.spec, left);
        }
      }
      if (pod.owner?.kind !== 'DaemonSet') this.countWorkload(pod);
    });
    store.events.onRecord((timeMs, event, object) => {
      if (event === 'JobCreated') this.jobCreatedMs.set(object, timeMs);
      else if (event === 'JobCompleted' || event === 'JobFailed') {
        const created = this.jobCreatedMs.get(object);
        this.jobCreatedMs.delete(object);
        if (event === 'JobCompleted' && created !== undefined) this.jobCompletionMs.push(timeMs - created);
      }
    });
    sampleEvery(sim, intervalMs, endMs, () => this.samples.push(this.sample()));
  }

  /** Pending pod shapes: the distinct specs with at least one pending pod (their order does not matter). */
  private shapes(): PodSpec[] {
    const out: PodSpec[] = [];
    for (const spec of this.pendingBySpec.keys()) out.push(spec);
    return out;
  }

  sample(): PlacementSample {
    return sampleNodes(this.store.nodes, this.shapes(), this.workload, this.gpu);
  }

  /** Keeps `workload` equal to the non-DaemonSet pods in store.podsOn of each node. */
  private countWorkload(pod: Pod): void {
    const node = pod.nodeIndex >= 0 ? this.store.nodes[pod.nodeIndex] : undefined;
    const now = node !== undefined && this.store.podsOn(node).has(pod);
    if (now === this.counted.has(pod.uid)) return;
    if (now) this.counted.add(pod.uid);
    else this.counted.delete(pod.uid);
    const i = pod.nodeIndex;
    if (i >= this.workload.length) {
      const grown = new Int32Array(Math.max(i + 1, this.workload.length * 2, 64));
      grown.set(this.workload);
      this.workload = grown;
    }
    this.workload[i] = this.workload[i]! + (now ? 1 : -1);
  }

  /** The summary columns; `end` values are measured now (the end of the run). */
  summary(): Record<PlacementColumn, Cell> {
    const end = this.sample();
    let never = 0;
    let cpuUsed = 0;
    let cpuCap = 0;
    let memUsed = 0;
    let memCap = 0;
    for (const p of this.store.allPods) if (p.scheduledMs < 0) never++;
    for (const n of this.store.nodes) {
      if (n.deleted) continue;
      cpuUsed += n.requested[CPU]!;
      cpuCap += n.allocatable[CPU]!;
      memUsed += n.requested[MEMORY]!;
      memCap += n.allocatable[MEMORY]!;
    }
    const jobs = Float64Array.from(this.jobCompletionMs).sort();
    const of = (f: (s: PlacementSample) => number): number[] => this.samples.map(f);
    return {
      pods_never_scheduled: never,
      cpu_alloc_end: fixed(cpuCap > 0 ? cpuUsed / cpuCap : 0),
      mem_alloc_end: fixed(memCap > 0 ? memUsed / memCap : 0),
      gpu_alloc_mean: fixed(mean(of((s) => s.gpuRatio))),
      gpu_alloc_end: fixed(end.gpuRatio),
      nodes_in_use_mean: fixed(mean(of((s) => s.nodesInUse))),
      nodes_in_use_end: end.nodesInUse,
      fragmentation_cpu_mean: fixed(mean(of((s) => s.fragmentationCpu))),
      fragmentation_cpu_end: fixed(end.fragmentationCpu),
      fragmentation_mem_mean: fixed(mean(of((s) => s.fragmentationMem))),
      fragmentation_mem_end: fixed(end.fragmentationMem),
      job_completion_mean_s: jobs.length ? (mean(jobs) / 1000).toFixed(3) : '',
      job_completion_p50_s: jobs.length ? formatSeconds(percentileSorted(jobs, 50)) : '',
      job_completion_p99_s: jobs.length ? formatSeconds(percentileSorted(jobs, 99)) : '',
    };
  }
}

/** NodeResourcesFit's resource check of one pod shape against a node's free capacity. */
/** Whether some of the shapes fits the node (a loop, not a closure per node and sample). */
/**
 * PlacementMetrics.sample() over `nodes`: a module function, so that V8 compiles its loop with the code
 * after it (a method's loop compiled on the stack during its first long call deoptimised on later calls).
 * `workload`: non-DaemonSet pods per node index (a node is in use when it holds one); `gpu`: the GPU
 * resource's index, or -1.
 */
function sampleNodes(nodes: readonly Node[], shapes: readonly PodSpec[], workload: Int32Array, gpu: number): PlacementSample {
  let inUse = 0;
  let cpuCap = 0;
  let memCap = 0;
  let cpuStranded = 0;
  let memStranded = 0;
  let gpuUsed = 0;
  let gpuCap = 0;
  for (const n of nodes) {
    if (n.deleted) continue;
    cpuCap += n.allocatable[CPU]!;
    memCap += n.allocatable[MEMORY]!;
    if (n.gpus) {
      // GPU devices (cluster/gpu.ts): shares count, in milli-GPU.
      gpuCap += n.gpus.free.length * MILLI_PER_GPU;
      for (let i = 0; i < n.gpus.free.length; i++) gpuUsed += MILLI_PER_GPU - n.gpus.free[i]!;
    } else if (gpu >= 0) {
      gpuCap += (n.allocatable[gpu] ?? 0) * MILLI_PER_GPU;
      gpuUsed += (n.requested[gpu] ?? 0) * MILLI_PER_GPU;
    }
    if (n.index < workload.length && workload[n.index]! > 0) inUse++;
    if (shapes.length > 0 && n.ready === 'True' && !n.unschedulable && !fitsAny(shapes, n)) {
      cpuStranded += n.allocatable[CPU]! - n.requested[CPU]!;
      memStranded += n.allocatable[MEMORY]! - n.requested[MEMORY]!;
    }
  }
  return {
    nodesInUse: inUse,
    fragmentationCpu: cpuCap > 0 ? cpuStranded / cpuCap : 0,
    fragmentationMem: memCap > 0 ? memStranded / memCap : 0,
    gpuRatio: gpuCap > 0 ? gpuUsed / gpuCap : NaN,
  };
}

function fitsAny(shapes: readonly PodSpec[], n: Node): boolean {
  for (const s of shapes) if (fits(s, n)) return true;
  return false;
}

export function fits(spec: PodSpec, n: Node): boolean {
  if (n.podCount + 1 > n.allocatable[PODS]!) return false;
  const req = spec.requests;
  for (let i = 0; i < req.length; i++) {
    if (i === PODS) continue;
    const r = req[i]!;
    if (r > 0 && r > (n.allocatable[i] ?? 0) - (n.requested[i] ?? 0)) return false;
  }
  return true;
}
