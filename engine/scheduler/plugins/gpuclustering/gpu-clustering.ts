/**
 * GpuClustering (the paper's 03-GpuClustering): GPU pods prefer nodes whose GPU pods are all of their
 * own class ("share" or "<k>-gpu"). base = trunc(25 * (8000 - Gf) / 8000); bonus 75 if the node holds
 * only that class, 50 if it holds that class among others, 25 if it holds no GPU pod, else 0.
 * CPU-only pods score 0 everywhere. A share goes to the best-fit GPU.
 */
import type { GpuRequest } from '../../../cluster/gpu.js';
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { CycleState, Handle, ReservePlugin, ScorePlugin } from '../../framework/interfaces.js';
import type { Status } from '../../framework/status.js';
import { MAX_NODE_GPU_MILLI, gpuFree, isShare, reserveBestFit, unreserveGpus } from '../helper/gpu.js';

export const NAME = 'GpuClustering';

/** Class of a GPU request: 0 = share, k = k whole GPUs. */
export function gpuClass(req: GpuRequest): number {
  return isShare(req) ? 0 : req.count;
}

export function clusteringBonus(own: number, classesOnNode: ReadonlySet<number>): number {
  if (classesOnNode.size === 0) return 25;
  if (!classesOnNode.has(own)) return 0;
  return classesOnNode.size === 1 ? 75 : 50;
}

export function clusteringScore(gf: number, own: number, classesOnNode: ReadonlySet<number>): number {
  return Math.trunc((25 * (MAX_NODE_GPU_MILLI - gf)) / MAX_NODE_GPU_MILLI) + clusteringBonus(own, classesOnNode);
}

export class GpuClustering implements ScorePlugin, ReservePlugin {
  readonly name = NAME;
  private readonly classes = new Set<number>();
  constructor(private readonly handle: Handle) {}

  score(_state: CycleState, pod: Pod, node: Node): number {
    const req = pod.spec.gpu;
    if (!req) return 0;
    this.classes.clear();
    for (const p of this.handle.store.podsOn(node)) if (p.spec.gpu) this.classes.add(gpuClass(p.spec.gpu));
    return clusteringScore(gpuFree(node), gpuClass(req), this.classes);
  }

  reserve(_state: CycleState, pod: Pod, node: Node): Status | null {
    reserveBestFit(pod, node);
    return null;
  }

  unreserve(_state: CycleState, pod: Pod): void {
    unreserveGpus(pod);
  }
}

export function newGpuClustering(_args: unknown, handle: Handle): GpuClustering {
  return new GpuClustering(handle);
}
