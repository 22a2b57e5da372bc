/**
 * The default profile (pkg/scheduler/apis/config/v1/default_plugins.go getDefaultPlugins, v1.33) and
 * the named policies built on it.
 */
import type { PluginRef, ProfileOptions } from './profile.js';
import type { TieBreak } from './node-rank.js';

/** Upstream's MultiPoint list, in order, with the score weights. */
export const DEFAULT_PLUGINS: readonly PluginRef[] = Object.freeze([
  { name: 'SchedulingGates' },
  { name: 'PrioritySort' },
  { name: 'NodeUnschedulable' },
  { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodePorts' },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'VolumeRestrictions' },
  { name: 'NodeVolumeLimits' },
  { name: 'VolumeBinding' },
  { name: 'VolumeZone' },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'DefaultPreemption' },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'ImageLocality', weight: 1 },
  { name: 'DefaultBinder' },
  // kubesim: GPU devices (docs/gpu-and-traces.md). Last, so the filters above keep upstream's order; its
  // PreFilter Skips pods without GPUs, so the fused fast path still serves them.
  { name: 'GpuFit' },
].map((p) => Object.freeze(p)));

export interface BuiltinPolicy {
  description: string;
  profile: Omit<ProfileOptions, 'schedulerName'>;
  /** Tie-break among top-scored nodes the policy is defined with (default: random). */
  tieBreak?: TieBreak;
}

/** The FGD paper scores every feasible node (no sampling). */
const FGD_PERCENTAGE_OF_NODES_TO_SCORE = 100;

/**
 * A policy of the FGD paper: node, taint, resource and GPU filters, ONE score plugin, all nodes scored,
 * ties by the per-seed node rank.
 */
function gpuPolicy(description: string, score: string): BuiltinPolicy {
  return {
    description,
    profile: {
      plugins: [{ name: 'PrioritySort' }, { name: 'NodeUnschedulable' }, { name: 'NodeName' }, { name: 'TaintToleration' }, { name: 'NodeResourcesFit' }, { name: 'GpuFit' }, { name: score, weight: 1 }, { name: 'DefaultBinder' }],
      points: { score: { enabled: [], disabled: ['TaintToleration', 'NodeResourcesFit'] } },
      percentageOfNodesToScore: FGD_PERCENTAGE_OF_NODES_TO_SCORE,
    },
    tieBreak: 'nodeRank',
  };
}

const ZONE_SPREAD_ARGS = Object.freeze({
  defaultingType: 'List',
  defaultConstraints: Object.freeze([Object.freeze({ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' })]),
});

export const BUILTIN_POLICIES: ReadonlyMap<string, BuiltinPolicy> = new Map<string, BuiltinPolicy>([
  ['default', { description: 'kube-scheduler v1.33 default profile (LeastAllocated, spreading, affinity, image locality)', profile: { plugins: DEFAULT_PLUGINS } }],
  [
    'binpack',
    {
      description: 'default profile with NodeResourcesFit MostAllocated (pack nodes full)',
      profile: { plugins: DEFAULT_PLUGINS, pluginConfig: new Map([['NodeResourcesFit', { ignoredResources: [], ignoredResourceGroups: [], scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } }]]) },
    },
  ],
  [
    'spread',
    {
      description: 'default profile with LeastAllocated and zone spreading (maxSkew 1) as the default constraint',
      profile: { plugins: DEFAULT_PLUGINS, pluginConfig: new Map([['PodTopologySpread', ZONE_SPREAD_ARGS]]) },
    },
  ],
  ['random', { description: 'default filters, then a feasible node uniformly at random', profile: { plugins: DEFAULT_PLUGINS, hostSelection: 'random' } }],
  ['first-fit', { description: 'default filters, then the first feasible node in node order', profile: { plugins: DEFAULT_PLUGINS, hostSelection: 'first-fit' } }],
  // The six policies of the FGD paper (docs/gpu-and-traces.md); its 01-Random is `gpu-random` here.
  ['gpu-random', gpuPolicy('FGD paper 01-Random: a uniformly random feasible node', 'RandomScore')],
  ['dotprod', gpuPolicy('FGD paper 02-DotProd: smallest dot product of free and requested CPU/GPU', 'DotProd')],
  ['gpu-clustering', gpuPolicy('FGD paper 03-GpuClustering: GPU pods of one class together', 'GpuClustering')],
  ['gpu-packing', gpuPolicy('FGD paper 04-GpuPacking: shared GPUs first, then used nodes, then small idle nodes', 'GpuPacking')],
  ['bestfit', gpuPolicy('FGD paper 05-BestFit: least CPU+GPU left over after placement', 'BestFit')],
  ['fgd', gpuPolicy('FGD paper 06-FGD: least growth of GPU fragmentation (typical pods of the workload)', 'FGD')],
]);
