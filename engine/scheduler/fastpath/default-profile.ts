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
import { CPU, MEMORY } from '../../cluster/resources.js';
import { goDiv } from '../plugins/helper/normalize-score.js';

/** ImageLocality's score on a node without images depends on the pod only. */
const NO_IMAGES_NODE = Object.freeze({ images: Object.freeze([]) }) as unknown as Node;

/** NodeResourcesFit Least/MostAllocated over cpu and memory with non-zero requests (strategies.ts). */
function fitScore(f: { most: boolean; wCpu: number; wMem: number }, node: Node, podCpu: number, podMem: number): number {
  const capC = node.allocatable[CPU]!;
  const capM = node.allocatable[MEMORY]!;
  const reqC = node.nonZeroCpu + podCpu;
  const reqM = node.nonZeroMemory + podMem;
  let score = 0;
  let weightSum = 0;
  if (capC !== 0) {
    score += (f.most ? goDiv(Math.min(reqC, capC) * MAX_NODE_SCORE, capC) : reqC > capC ? 0 : goDiv((capC - reqC) * MAX_NODE_SCORE, capC)) * f.wCpu;
    weightSum += f.wCpu;
  }
  if (capM !== 0) {
    score += (f.most ? goDiv(Math.min(reqM, capM) * MAX_NODE_SCORE, capM) : reqM > capM ? 0 : goDiv((capM - reqM) * MAX_NODE_SCORE, capM)) * f.wMem;
    weightSum += f.wMem;
  }
  return weightSum === 0 ? 0 : goDiv(score, weightSum);
}

/** BalancedAllocation over cpu and memory with actual requests (strategies.ts balancedResourceScore). */
function balancedScore(node: Node, podCpu: number, podMem: number): number {
  const capC = node.allocatable[CPU]!;
  const capM = node.allocatable[MEMORY]!;
  if (capC === 0 || capM === 0) return MAX_NODE_SCORE; // fewer than two fractions: std 0
  const fC = Math.min((node.requested[CPU]! + podCpu) / capC, 1);
  const fM = Math.min((node.requested[MEMORY]! + podMem) / capM, 1);
  return Math.trunc((1 - Math.abs((fC - fM) / 2)) * MAX_NODE_SCORE);
}

const FILTERS = ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity', 'GpuFit'];
const SCORES = ['TaintToleration:3', 'NodeAffinity:2', 'NodeResourcesFit:1', 'PodTopologySpread:2', 'InterPodAffinity:2', 'NodeResourcesBalancedAllocation:1', 'ImageLocality:1'];
/** Filters (by index in FILTERS) that must have returned Skip at PreFilter for the fused filter. */
const FILTERS_SKIPPED = [3, 4, 6, 7, 8];
/** Scores (by index in SCORES) that must have returned Skip at PreScore for the fused score. */
const SCORES_SKIPPED = [1, 3, 4];
/** Index of NodeResourcesBalancedAllocation in the score list (its PreScore may Skip). */
export const BALANCED = 5;

/** cpu/memory weights of a LeastAllocated/MostAllocated strategy over exactly [cpu, memory], else null. */
function simpleFit(fit: NodeResourcesFit): { most: boolean; wCpu: number; wMem: number } | null {
  const ss = fit.args.scoringStrategy;
  const r = ss.resources;
  if (ss.type === 'RequestedToCapacityRatio' || r.length !== 2 || r[0]!.name !== 'cpu' || r[1]!.name !== 'memory') return null;
  return { most: ss.type === 'MostAllocated', wCpu: r[0]!.weight, wMem: r[1]!.weight };
}

export class DefaultFastPath {
  private taintRaw: number[] = [];
  /** Inline arithmetic for the common resource settings (the same formulas as the plugins). */
  private readonly inlineFit: { most: boolean; wCpu: number; wMem: number } | null;
  private readonly inlineBalanced: boolean;

  private constructor(
    private readonly unschedulable: NodeUnschedulable,
    private readonly nodeName: NodeName,
    private readonly taint: TaintToleration,
    private readonly fit: NodeResourcesFit,
    private readonly balanced: NodeResourcesBalancedAllocation,
    private readonly image: ImageLocality,
  ) {
    this.inlineFit = simpleFit(fit);
    this.inlineBalanced = balanced.args.resources.map((r) => r.name).join() === 'cpu,memory';
  }

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
    const spec = pod.spec;
    const noImages = this.image.score(state, pod, NO_IMAGES_NODE);
    const fitInline = this.inlineFit;
    const baInline = this.inlineBalanced;
    for (let i = 0; i < m; i++) {
      const node = feasible[i]!;
      raw[i] = node.taints.length === 0 ? 0 : this.taint.score(state, pod, node);
      let t = node.images.length === 0 ? noImages : this.image.score(state, pod, node);
      t += fitInline !== null ? fitScore(fitInline, node, spec.nonZeroCpu, spec.nonZeroMemory) : this.fit.score(state, pod, node);
      if (!skipBalanced) t += baInline ? balancedScore(node, spec.requests[CPU]!, spec.requests[MEMORY]!) : this.balanced.score(state, pod, node);
      totals[i] = t;
    }
    defaultNormalizeScore(MAX_NODE_SCORE, true, raw);
    for (let i = 0; i < m; i++) totals[i] = totals[i]! + 3 * raw[i]!;
  }
}
