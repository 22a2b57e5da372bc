/**
 * The default profile (pkg/scheduler/apis/config/v1/default_plugins.go getDefaultPlugins, v1.33) and
 * the named policies built on it.
 */
import type { PluginRef, ProfileOptions } from './profile.js';

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
].map((p) => Object.freeze(p)));

export interface BuiltinPolicy {
  description: string;
  profile: Omit<ProfileOptions, 'schedulerName'>;
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
]);
