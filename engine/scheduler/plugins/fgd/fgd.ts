/**
 * FGD, Fragmentation Gradient Descent (the paper's 06-FGD): place each pod where the node's GPU
 * fragmentation w.r.t. the workload's typical pods grows least. For a candidate placement,
 * delta = F(node before) - F(node after) in milli-GPU and score = trunc(100 * sigmoid(delta / 1000)).
 * A share tries every GPU it fits (lowest index among equal scores); whole GPUs take the lowest-index
 * fully free ones; CPU-only pods change only the node's free CPU. The typical pods come from the store
 * (store.gpuTypicalPods, set from the workload before t=0).
 */
import { MAX_GPUS_PER_NODE, MILLI_PER_GPU } from '../../../cluster/gpu.js';
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import { nodeFragmentation } from '../../../metrics/fragmentation.js';
import type { CycleState, Handle, ReservePlugin, ScorePlugin } from '../../framework/interfaces.js';
import type { Status } from '../../framework/status.js';
import { cpuFree, cpuRequest, isShare, unreserveGpus } from '../helper/gpu.js';

export const NAME = 'FGD';

export function fgdScore(deltaMilli: number): number {
  return Math.trunc(100 / (1 + Math.exp(-deltaMilli / 1000)));
}

export class FGD implements ScorePlugin, ReservePlugin {
  readonly name = NAME;
  private readonly scratch = new Int32Array(MAX_GPUS_PER_NODE);
  /** F of each node in its current state; NaN = to recompute. */
  private cache = new Float64Array(0);
  /** GPU chosen for a share by the last evaluation of a node. */
  private lastGpu = -1;

  constructor(private readonly handle: Handle) {
    handle.store.events.onPod((type, pod) => {
      if ((type === 'PodBound' || type === 'PodPhaseChanged' || type === 'PodRemoved') && pod.nodeIndex >= 0 && pod.nodeIndex < this.cache.length) this.cache[pod.nodeIndex] = NaN;
    });
  }

  private current(node: Node): number {
    if (node.index >= this.cache.length) {
      const c = new Float64Array(Math.max(node.index + 1, this.cache.length * 2)).fill(NaN);
      c.set(this.cache);
      this.cache = c;
    }
    let f = this.cache[node.index]!;
    if (Number.isNaN(f)) {
      const g = node.gpus!;
      f = nodeFragmentation(cpuFree(node), g.model, g.free, g.free.length, this.handle.store.gpuTypicalPods);
      this.cache[node.index] = f;
    }
    return f;
  }

  score(_state: CycleState, pod: Pod, node: Node): number {
    return this.evaluate(pod, node);
  }

  /** Best score of the pod on the node; leaves the chosen GPU of a share in lastGpu. */
  private evaluate(pod: Pod, node: Node): number {
    this.lastGpu = -1;
    const gpus = node.gpus;
    if (!gpus) return fgdScore(0);
    const typical = this.handle.store.gpuTypicalPods;
    const before = this.current(node);
    const cpuAfter = cpuFree(node) - cpuRequest(pod);
    const free = gpus.free;
    const n = free.length;
    const s = this.scratch;
    for (let i = 0; i < n; i++) s[i] = free[i]!;
    const req = pod.spec.gpu;
    if (!isShare(req)) {
      let left = req ? req.count : 0;
      for (let i = 0; i < n && left > 0; i++) {
        if (s[i] === MILLI_PER_GPU) {
          s[i] = 0;
          left--;
        }
      }
      return fgdScore(before - nodeFragmentation(cpuAfter, gpus.model, s, n, typical));
    }
    const milli = req!.milli;
    let best = -1;
    for (let i = 0; i < n; i++) {
      const f = free[i]!;
      if (f < milli || seenBefore(free, i)) continue;
      s[i] = f - milli;
      const score = fgdScore(before - nodeFragmentation(cpuAfter, gpus.model, s, n, typical));
      s[i] = f;
      if (score > best) {
        best = score;
        this.lastGpu = i;
      }
    }
    return best < 0 ? 0 : best;
  }

  reserve(_state: CycleState, pod: Pod, node: Node): Status | null {
    if (!isShare(pod.spec.gpu) || !node.gpus) return null;
    this.evaluate(pod, node);
    if (this.lastGpu >= 0) pod.gpus = [this.lastGpu];
    return null;
  }

  unreserve(_state: CycleState, pod: Pod): void {
    unreserveGpus(pod);
  }
}

/** Whether an earlier GPU has the same free milli (same outcome: only the lowest index is tried). */
function seenBefore(free: Int32Array, i: number): boolean {
  const f = free[i]!;
  for (let j = 0; j < i; j++) if (free[j] === f) return true;
  return false;
}

export function newFGD(_args: unknown, handle: Handle): FGD {
  return new FGD(handle);
}
