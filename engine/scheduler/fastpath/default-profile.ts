/**
 * A fused filter/score path for the default plugin set (any args) (PERFORMANCE.md lesson 1): when the cycle's
 * PreFilter/PreScore Skips leave only the plugins that need no per-cycle state (NodeUnschedulable,
 * NodeName, TaintToleration, NodeResourcesFit filters; TaintToleration, NodeResourcesFit,
 * BalancedAllocation, ImageLocality scores), the runtime walks the nodes once with direct, monomorphic
 * calls into those plugin instances instead of one megamorphic call per plugin per node. It computes the
 * very same values (it calls the same methods), so decisions and rng draws are identical; the explain
 * hook always takes the per-plugin path. test/scheduler/fast-path.test.ts compares every placement.
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import type { CycleState } from '../framework/interfaces.js';
import { ImageLocality } from '../plugins/imagelocality/image-locality.js';
import { NodeResourcesBalancedAllocation } from '../plugins/noderesources/balanced-allocation.js';
import { NodeResourcesFit } from '../plugins/noderesources/fit.js';
import { NodeName } from '../plugins/nodename/node-name.js';
import { NodeUnschedulable } from '../plugins/nodeunschedulable/node-unschedulable.js';
import { TaintToleration } from '../plugins/tainttoleration/taint-toleration.js';
import { defaultNormalizeScore } from '../plugins/helper/normalize-score.js';
import { MAX_NODE_SCORE } from '../framework/interfaces.js';
import type { Profile } from '../profile.js';

const FILTERS = ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity'];
const SCORES = ['TaintToleration:3', 'NodeAffinity:2', 'NodeResourcesFit:1', 'PodTopologySpread:2', 'InterPodAffinity:2', 'NodeResourcesBalancedAllocation:1', 'ImageLocality:1'];
/** Filters (by index in FILTERS) that must have returned Skip at PreFilter for the fused filter. */
const FILTERS_SKIPPED = [3, 4, 6, 7];
/** Scores (by index in SCORES) that must have returned Skip at PreScore for the fused score. */
const SCORES_SKIPPED = [1, 3, 4];
/** Index of NodeResourcesBalancedAllocation in the score list (its PreScore may Skip). */
export const BALANCED = 5;

export class DefaultFastPath {
  private taintRaw: number[] = [];

  private constructor(
    private readonly unschedulable: NodeUnschedulable,
    private readonly nodeName: NodeName,
    private readonly taint: TaintToleration,
    private readonly fit: NodeResourcesFit,
    private readonly balanced: NodeResourcesBalancedAllocation,
    private readonly image: ImageLocality,
  ) {}

  /** The fused path for `profile` when it is exactly the default profile with default args, else undefined. */
  static for(profile: Profile): DefaultFastPath | undefined {
    if (profile.hostSelection !== 'score') return undefined;
    if (profile.filter.map((p) => p.name).join() !== FILTERS.join()) return undefined;
    if (profile.score.map((s) => `${s.plugin.name}:${s.weight}`).join() !== SCORES.join()) return undefined;
    const [u, n, t, , , f] = profile.filter;
    const ba = profile.score[BALANCED]!.plugin;
    const img = profile.score[6]!.plugin;
    if (!(u instanceof NodeUnschedulable && n instanceof NodeName && t instanceof TaintToleration && f instanceof NodeResourcesFit)) return undefined;
    if (!(ba instanceof NodeResourcesBalancedAllocation && img instanceof ImageLocality)) return undefined;
    return new DefaultFastPath(u, n, t, f, ba, img);
  }

  canFilter(skipFilter: readonly boolean[]): boolean {
    for (const i of FILTERS_SKIPPED) if (!skipFilter[i]) return false;
    return true;
  }

  canScore(skipScore: readonly boolean[]): boolean {
    for (const i of SCORES_SKIPPED) if (!skipScore[i]) return false;
    return true;
  }

  /** True when every filter that runs this cycle passes; on false the caller asks the plugins for the Status. */
  passes(state: CycleState, pod: Pod, node: Node): boolean {
    return this.unschedulable.filter(state, pod, node) === null && this.nodeName.filter(state, pod, node) === null && (node.taints.length === 0 || this.taint.filter(state, pod, node) === null) && this.fit.fits(pod, node);
  }

  /** Adds the weighted scores of the cycle's non-skipped plugins into totals[0..m). */
  score(state: CycleState, pod: Pod, feasible: readonly Node[], totals: Float64Array, skipBalanced: boolean): void {
    const m = feasible.length;
    const raw = this.taintRaw;
    raw.length = m;
    for (let i = 0; i < m; i++) {
      const node = feasible[i]!;
      raw[i] = this.taint.score(state, pod, node);
      let t = this.fit.score(state, pod, node) + this.image.score(state, pod, node);
      if (!skipBalanced) t += this.balanced.score(state, pod, node);
      totals[i] = t;
    }
    defaultNormalizeScore(MAX_NODE_SCORE, true, raw);
    for (let i = 0; i < m; i++) totals[i] = totals[i]! + 3 * raw[i]!;
  }
}
