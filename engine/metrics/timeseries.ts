/** timeseries.csv: cluster state sampled every sample interval (after every other event of that instant). */
import { CPU, MEMORY } from '../cluster/resources.js';
import { MILLI_PER_GPU } from '../cluster/gpu.js';
import type { ClusterStore } from '../cluster/store.js';
import type { Node } from '../cluster/node.js';
import type { Simulator } from '../core/simulator.js';
import { formatSeconds } from '../core/time.js';
import type { RowSink } from './sink.js';
import { fixed } from './stats.js';
import { sampleEvery } from './sampling.js';

export const TIMESERIES_COLUMNS = ['time_s', 'pending', 'running', 'nodes_ready', 'cpu_alloc_ratio', 'mem_alloc_ratio', 'nodes_not_ready', 'unavailable_replicas', 'gpu_alloc_ratio'] as const;

export interface Sample {
  pending: number;
  running: number;
  nodesReady: number;
  cpuRatio: number;
  memRatio: number;
  gpuRatio: number;
}

export class TimeSeries {
  readonly cpuRatios: number[] = [];
  readonly memRatios: number[] = [];
  readonly gpuRatios: number[] = [];
  pending = 0;
  running = 0;
  /** Replicas short of desired (set by the simulation to FailureMetrics.unavailableReplicas). */
  unavailableReplicas: () => number = () => 0;

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
    private readonly sink: RowSink,
    intervalMs: number,
    endMs: number,
  ) {
    store.events.onPod((type, pod) => {
      if (type === 'PodAdded') this.pending++;
      else if (type === 'PodBound') this.pending--;
      else if (type === 'PodPhaseChanged') {
        if (pod.phase === 'Running') this.running++;
        else if (pod.runningMs >= 0) this.running--;
      } else if (type === 'PodRemoved') {
        if (pod.nodeIndex < 0) this.pending--;
        else if (pod.phase === 'Running') this.running--;
      }
    });
    sampleEvery(sim, intervalMs, endMs, () => this.sample());
  }

  sample(): Sample {
    const { cpuUsed, cpuCap, memUsed, memCap, ready, notReady, gpuFree, gpuCap } = nodeTotals(this.store.nodes);
    const s = { pending: this.pending, running: this.running, nodesReady: ready, cpuRatio: cpuCap > 0 ? cpuUsed / cpuCap : 0, memRatio: memCap > 0 ? memUsed / memCap : 0, gpuRatio: gpuCap > 0 ? (gpuCap - gpuFree) / gpuCap : 0 };
    this.cpuRatios.push(s.cpuRatio);
    this.memRatios.push(s.memRatio);
    this.gpuRatios.push(s.gpuRatio);
    this.sink.write([formatSeconds(this.sim.now), s.pending, s.running, s.nodesReady, fixed(s.cpuRatio), fixed(s.memRatio), notReady, this.unavailableReplicas(), fixed(s.gpuRatio)]);
    return s;
  }
}

/**
 * Requested and allocatable cpu/memory, Ready and not-Ready counts and GPU totals over the live nodes: a
 * module function, so that V8 compiles its loop with the code after it (a method's loop compiled on the
 * stack during its first long call deoptimised on later calls).
 */
function nodeTotals(nodes: readonly Node[]): { cpuUsed: number; cpuCap: number; memUsed: number; memCap: number; ready: number; notReady: number; gpuFree: number; gpuCap: number } {
  let cpuUsed = 0;
  let cpuCap = 0;
  let memUsed = 0;
  let memCap = 0;
  let ready = 0;
  let gpuFree = 0;
  let gpuCap = 0;
  let notReady = 0;
  for (const n of nodes) {
    if (n.deleted) continue;
    if (n.gpus) {
      gpuCap += n.gpus.free.length * MILLI_PER_GPU;
      for (let i = 0; i < n.gpus.free.length; i++) gpuFree += n.gpus.free[i]!;
    }
    if (n.ready === 'True') ready++;
    else notReady++;
    cpuUsed += n.requested[CPU]!;
    cpuCap += n.allocatable[CPU]!;
    memUsed += n.requested[MEMORY]!;
    memCap += n.allocatable[MEMORY]!;
  }
  return { cpuUsed, cpuCap, memUsed, memCap, ready, notReady, gpuFree, gpuCap };
}
