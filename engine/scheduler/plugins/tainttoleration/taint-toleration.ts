/**
 * TaintToleration (plugins/tainttoleration/taint_toleration.go): Filter rejects the first NoSchedule or
 * NoExecute taint no toleration tolerates; Score counts the PreferNoSchedule taints not tolerated by the
 * tolerations with effect "" or PreferNoSchedule, normalized in reverse (fewer is better).
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import { firstUntoleratedTaint, toleratesAny } from '../../../cluster/taints.js';
import type { Toleration } from '../../../cluster/taints.js';
import type { CycleState, FilterPlugin, ScorePlugin } from '../../framework/interfaces.js';
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';
import { defaultNormalizeScore } from '../helper/normalize-score.js';
import type { ClusterEventWithHint } from '../../framework/queueing-hint.js';
import { TAINT_TOLERATION_EVENTS } from './hints.js';

export const NAME = 'TaintToleration';

const preferCache = new WeakMap<readonly Toleration[], Toleration[]>();

function preferNoScheduleTolerations(tolerations: readonly Toleration[]): Toleration[] {
  let out = preferCache.get(tolerations);
  if (!out) {
    out = tolerations.filter((t) => t.effect === '' || t.effect === 'PreferNoSchedule');
    preferCache.set(tolerations, out);
  }
  return out;
}

export class TaintToleration implements FilterPlugin, ScorePlugin {
  readonly name = NAME;
  /** EventsToRegister with queueing hints (hints.ts). */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    return TAINT_TOLERATION_EVENTS;
  }

  filter(_state: CycleState, pod: Pod, node: Node): Status | null {
    if (node.taints.length === 0) return null;
    const taint = firstUntoleratedTaint(node.taints, pod.spec.tolerations);
    return taint ? Status.unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value}}`) : null;
  }

  score(_state: CycleState, pod: Pod, node: Node): number {
    if (node.taints.length === 0) return 0;
    const tolerations = preferNoScheduleTolerations(pod.spec.tolerations);
    let count = 0;
    for (const taint of node.taints) if (taint.effect === 'PreferNoSchedule' && !toleratesAny(tolerations, taint)) count++;
    return count;
  }

  normalizeScore(_state: CycleState, _pod: Pod, _nodes: readonly Node[], scores: number[]): Status | null {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
    return null;
  }
}

export function newTaintToleration(): TaintToleration {
  return new TaintToleration();
}
