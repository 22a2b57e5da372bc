/** A scheduler profile: the plugins enabled at each extension point with their score weights. */
import type { AnyPlugin, FilterPlugin, Handle, PluginFactory, PostFilterPlugin, PreFilterPlugin, PreScorePlugin, ReservePlugin, ScorePlugin } from './framework/interfaces.js';
import { newNodeResourcesFit } from './plugins/noderesources/fit.js';
import { newGpuFit } from './plugins/gpufit/gpu-fit.js';
import { newRandomScore } from './plugins/randomscore/random-score.js';
import { newDotProd } from './plugins/dotprod/dot-prod.js';
import { newGpuClustering } from './plugins/gpuclustering/gpu-clustering.js';
import { newGpuPacking } from './plugins/gpupacking/gpu-packing.js';
import { newBestFit } from './plugins/bestfit/best-fit.js';
import { newFGD } from './plugins/fgd/fgd.js';
import type { TieBreak } from './node-rank.js';

export interface PluginRef {
  name: string;
  weight?: number;
  args?: unknown;
}

export interface Profile {
  schedulerName: string;
  preFilter: PreFilterPlugin[];
  filter: FilterPlugin[];
  postFilter: PostFilterPlugin[];
  preScore: PreScorePlugin[];
  score: { plugin: ScorePlugin; weight: number }[];
  reserve: ReservePlugin[];
  /** percentageOfNodesToScore: 0 = adaptive. */
  percentageOfNodesToScore: number;
}

/** Plugins known by name. The scheduler issue adds the rest of the default profile here. */
export const REGISTRY: ReadonlyMap<string, PluginFactory> = new Map<string, PluginFactory>([
  ['NodeResourcesFit', newNodeResourcesFit],
  // GPU devices and the six policies of the FGD paper (docs/gpu-and-traces.md).
  ['GpuFit', newGpuFit],
  ['RandomScore', newRandomScore],
  ['DotProd', newDotProd],
  ['GpuClustering', newGpuClustering],
  ['GpuPacking', newGpuPacking],
  ['BestFit', newBestFit],
  ['FGD', newFGD],
]);

export function buildProfile(schedulerName: string, plugins: readonly PluginRef[], handle: Handle, percentageOfNodesToScore = 0): Profile {
  const profile: Profile = { schedulerName, preFilter: [], filter: [], postFilter: [], preScore: [], score: [], reserve: [], percentageOfNodesToScore };
  for (const ref of plugins) {
    const factory = REGISTRY.get(ref.name);
    if (!factory) throw new Error(`unknown plugin ${ref.name}`);
    const p: AnyPlugin = factory(ref.args, handle);
    if (p.preFilter) profile.preFilter.push(p as PreFilterPlugin);
    if (p.filter) profile.filter.push(p as FilterPlugin);
    if (p.postFilter) profile.postFilter.push(p as PostFilterPlugin);
    if (p.preScore) profile.preScore.push(p as PreScorePlugin);
    if (p.score && ref.weight !== 0) profile.score.push({ plugin: p as ScorePlugin, weight: ref.weight ?? 1 });
    if (p.reserve) profile.reserve.push(p as ReservePlugin);
  }
  return profile;
}

/** Built-in policies by name (the walking skeleton ships `default` = NodeResourcesFit/LeastAllocated). */
export interface BuiltinPolicy {
  description: string;
  plugins: PluginRef[];
  /** Tie-break among top-scored nodes the policy is defined with (default: random). */
  tieBreak?: TieBreak;
}

/** A policy of the FGD paper: resource and GPU filters, ONE score plugin, ties by the per-seed node rank. */
function gpuPolicy(description: string, score: string): BuiltinPolicy {
  return { description, plugins: [{ name: 'NodeResourcesFit', weight: 0 }, { name: 'GpuFit' }, { name: score, weight: 1 }], tieBreak: 'nodeRank' };
}

export const BUILTIN_POLICIES: ReadonlyMap<string, BuiltinPolicy> = new Map<string, BuiltinPolicy>([
  ['default', { description: 'NodeResourcesFit filter and LeastAllocated score', plugins: [{ name: 'NodeResourcesFit', weight: 1 }, { name: 'GpuFit' }] }],
  ['random', gpuPolicy('FGD paper 01-Random: a uniformly random feasible node', 'RandomScore')],
  ['dotprod', gpuPolicy('FGD paper 02-DotProd: smallest dot product of free and requested CPU/GPU', 'DotProd')],
  ['gpu-clustering', gpuPolicy('FGD paper 03-GpuClustering: GPU pods of one class together', 'GpuClustering')],
  ['gpu-packing', gpuPolicy('FGD paper 04-GpuPacking: shared GPUs first, then used nodes, then small idle nodes', 'GpuPacking')],
  ['bestfit', gpuPolicy('FGD paper 05-BestFit: least CPU+GPU left over after placement', 'BestFit')],
  ['fgd', gpuPolicy('FGD paper 06-FGD: least growth of GPU fragmentation (typical pods of the workload)', 'FGD')],
]);
