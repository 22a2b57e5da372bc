/**
 * GpuPacking (the paper's 04-GpuPacking), three tiers for GPU pods: (a) a node with all GPUs idle
 * scores max(33 - n, n) for n GPUs; (b) else, of the k fitting GPUs with the least free milli, if j >= 1
 * are fully free: max(50 - j, 33); (c) else (a share on a shared GPU with f free): max(100 - trunc(p/10), 50)
 * with p = trunc(f * 100 / 1000). CPU-only pods score 0. A share goes to the best-fit GPU.
 */
import { MILLI_PER_GPU } from '../../../cluster/gpu.js';
import type { GpuRequest, NodeGpus } from '../../../cluster/gpu.js';
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { CycleState, Handle, ReservePlugin, ScorePlugin } from '../../framework/interfaces.js';
import type { Status } from '../../framework/status.js';
import { reserveBestFit, unreserveGpus } from '../helper/gpu.js';

export const NAME = 'GpuPacking';

export function packingScore(req: GpuRequest, gpus: NodeGpus): number {
  const free = gpus.free;
  const n = free.length;
  let idle = true;
  for (let i = 0; i < n; i++) if (free[i]! < MILLI_PER_GPU) idle = false;
  if (idle) return Math.max(33 - n, n);
  // The k fitting GPUs with the least free milli (ascending, stable by index): selection by repeated minimum.
  let fullyFree = 0;
  let lastFree = -1;
  let lastIndex = -1;
  let lastPicked = -1;
  for (let picked = 0; picked < req.count; picked++) {
    let best = -1;
    for (let i = 0; i < n; i++) {
      const f = free[i]!;
      if (f < req.milli) continue;
      const after = f > lastFree || (f === lastFree && i > lastIndex);
      if (!after) continue;
      if (best < 0 || f < free[best]!) best = i;
    }
    if (best < 0) break;
    lastFree = free[best]!;
    lastIndex = best;
    lastPicked = best;
    if (lastFree === MILLI_PER_GPU) fullyFree++;
  }
  if (fullyFree >= 1) return Math.max(50 - fullyFree, 33);
  const p = lastPicked < 0 ? 0 : Math.trunc((free[lastPicked]! * 100) / MILLI_PER_GPU);
  return Math.max(100 - Math.trunc(p / 10), 50);
}

export class GpuPacking implements ScorePlugin, ReservePlugin {
  readonly name = NAME;

  score(_state: CycleState, pod: Pod, node: Node): number {
    const req = pod.spec.gpu;
    if (!req || !node.gpus) return 0;
    return packingScore(req, node.gpus);
  }

  reserve(_state: CycleState, pod: Pod, node: Node): Status | null {
    reserveBestFit(pod, node);
    return null;
  }

  unreserve(_state: CycleState, pod: Pod): void {
    unreserveGpus(pod);
  }
}

export function newGpuPacking(_args: unknown, _handle: Handle): GpuPacking {
  return new GpuPacking();
}
