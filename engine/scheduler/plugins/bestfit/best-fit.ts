/**
 * BestFit (the paper's 05-BestFit): raw = trunc(100 * (1 - ((Cf - c)/128000 + (Gf - G)/8000) / 2)), the
 * least CPU+GPU left after placement wins; NormalizeScore maps the feasible nodes' scores min..max to
 * 0..100 in integers (all equal -> all 0). A share goes to the best-fit GPU.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { CycleState, Handle, ReservePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import type { Status } from '../../framework/status.js';
import { MAX_NODE_CPU_MILLI, MAX_NODE_GPU_MILLI, cpuFree, cpuRequest, gpuFree, gpuRequestMilli, reserveBestFit, unreserveGpus } from '../helper/gpu.js';

export const NAME = 'BestFit';

export function bestFitRaw(cf: number, c: number, gf: number, g: number): number {
  return Math.trunc(100 * (1 - ((0.5 * (cf - c)) / MAX_NODE_CPU_MILLI + (0.5 * (gf - g)) / MAX_NODE_GPU_MILLI)));
}

/** Min-max normalisation to 0..MAX_NODE_SCORE with integer division, in place. */
export function minMaxNormalize(scores: number[]): void {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of scores) {
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  for (let i = 0; i < scores.length; i++) scores[i] = hi === lo ? 0 : Math.trunc(((scores[i]! - lo) * MAX_NODE_SCORE) / (hi - lo));
}

export class BestFit implements ScorePlugin, ReservePlugin {
  readonly name = NAME;

  score(_state: CycleState, pod: Pod, node: Node): number {
    return bestFitRaw(cpuFree(node), cpuRequest(pod), gpuFree(node), gpuRequestMilli(pod));
  }

  normalizeScore(_state: CycleState, _pod: Pod, _nodes: readonly Node[], scores: number[]): Status | null {
    minMaxNormalize(scores);
    return null;
  }

  reserve(_state: CycleState, pod: Pod, node: Node): Status | null {
    reserveBestFit(pod, node);
    return null;
  }

  unreserve(_state: CycleState, pod: Pod): void {
    unreserveGpus(pod);
  }
}

export function newBestFit(_args: unknown, _handle: Handle): BestFit {
  return new BestFit();
}
