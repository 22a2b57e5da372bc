/**
 * RandomScore (the paper's 01-Random): one feasible node, drawn uniformly from the scheduler stream,
 * scores 100 and all others 0; a share goes to a uniformly drawn GPU among those it fits.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { CycleState, Handle, ReservePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import type { Status } from '../../framework/status.js';
import { isShare, unreserveGpus } from '../helper/gpu.js';

export const NAME = 'RandomScore';

export class RandomScore implements ScorePlugin, ReservePlugin {
  readonly name = NAME;
  constructor(private readonly handle: Handle) {}

  score(): number {
    return 0;
  }

  normalizeScore(_state: CycleState, _pod: Pod, nodes: readonly Node[], scores: number[]): Status | null {
    if (nodes.length > 0) scores[this.handle.rng.int(nodes.length)] = MAX_NODE_SCORE;
    return null;
  }

  reserve(_state: CycleState, pod: Pod, node: Node): Status | null {
    const req = pod.spec.gpu;
    if (!req || !isShare(req) || !node.gpus) return null;
    const free = node.gpus.free;
    let n = 0;
    for (let i = 0; i < free.length; i++) if (free[i]! >= req.milli) n++;
    if (n === 0) return null;
    let pick = this.handle.rng.int(n);
    for (let i = 0; i < free.length; i++) {
      if (free[i]! < req.milli) continue;
      if (pick-- === 0) {
        pod.gpus = [i];
        break;
      }
    }
    return null;
  }

  unreserve(_state: CycleState, pod: Pod): void {
    unreserveGpus(pod);
  }
}

export function newRandomScore(_args: unknown, handle: Handle): RandomScore {
  return new RandomScore(handle);
}
