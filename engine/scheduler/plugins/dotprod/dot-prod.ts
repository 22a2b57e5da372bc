/**
 * DotProd (the paper's 02-DotProd, Tetris-like): score = trunc(100 * (1 - (Cf*c/128000^2 + Gf*G/8000^2) / 2))
 * with the node's free CPU Cf and free GPU milli Gf before placement; a share goes to the best-fit GPU.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { CycleState, Handle, ReservePlugin, ScorePlugin } from '../../framework/interfaces.js';
import type { Status } from '../../framework/status.js';
import { MAX_NODE_CPU_MILLI, MAX_NODE_GPU_MILLI, cpuFree, cpuRequest, gpuFree, gpuRequestMilli, reserveBestFit, unreserveGpus } from '../helper/gpu.js';

export const NAME = 'DotProd';

export function dotProdScore(cf: number, c: number, gf: number, g: number): number {
  const dot = (cf * c) / (MAX_NODE_CPU_MILLI * MAX_NODE_CPU_MILLI) + (gf * g) / (MAX_NODE_GPU_MILLI * MAX_NODE_GPU_MILLI);
  return Math.trunc(100 * (1 - 0.5 * dot));
}

export class DotProd implements ScorePlugin, ReservePlugin {
  readonly name = NAME;

  score(_state: CycleState, pod: Pod, node: Node): number {
    return dotProdScore(cpuFree(node), cpuRequest(pod), gpuFree(node), gpuRequestMilli(pod));
  }

  reserve(_state: CycleState, pod: Pod, node: Node): Status | null {
    reserveBestFit(pod, node);
    return null;
  }

  unreserve(_state: CycleState, pod: Pod): void {
    unreserveGpus(pod);
  }
}

export function newDotProd(_args: unknown, _handle: Handle): DotProd {
  return new DotProd();
}
