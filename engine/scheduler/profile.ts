/** A scheduler profile: the plugins enabled at each extension point with their score weights. */
import type { AnyPlugin, FilterPlugin, Handle, PluginFactory, PostFilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from './framework/interfaces.js';
import { newDefaultPreemption } from './plugins/defaultpreemption/default-preemption.js';
import { newNodeResourcesFit } from './plugins/noderesources/fit.js';

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
  /** percentageOfNodesToScore: 0 = adaptive. */
  percentageOfNodesToScore: number;
}

/** Plugins known by name. The scheduler issue adds the rest of the default profile here. */
export const REGISTRY: ReadonlyMap<string, PluginFactory> = new Map<string, PluginFactory>([
  ['NodeResourcesFit', newNodeResourcesFit],
  ['DefaultPreemption', newDefaultPreemption],
]);

export function buildProfile(schedulerName: string, plugins: readonly PluginRef[], handle: Handle, percentageOfNodesToScore = 0): Profile {
  const profile: Profile = { schedulerName, preFilter: [], filter: [], postFilter: [], preScore: [], score: [], percentageOfNodesToScore };
  for (const ref of plugins) {
    const factory = REGISTRY.get(ref.name);
    if (!factory) throw new Error(`unknown plugin ${ref.name}`);
    const p: AnyPlugin = factory(ref.args, handle);
    if (p.preFilter) profile.preFilter.push(p as PreFilterPlugin);
    if (p.filter) profile.filter.push(p as FilterPlugin);
    if (p.postFilter) profile.postFilter.push(p as PostFilterPlugin);
    if (p.preScore) profile.preScore.push(p as PreScorePlugin);
    if (p.score) profile.score.push({ plugin: p as ScorePlugin, weight: ref.weight ?? 1 });
  }
  return profile;
}

/** Built-in policies by name (the walking skeleton ships `default` = NodeResourcesFit/LeastAllocated). */
export const BUILTIN_POLICIES: ReadonlyMap<string, { description: string; plugins: PluginRef[] }> = new Map([
  ['default', { description: 'NodeResourcesFit filter and LeastAllocated score, DefaultPreemption', plugins: [{ name: 'NodeResourcesFit', weight: 1 }, { name: 'DefaultPreemption' }] }],
  ['binpack', { description: 'NodeResourcesFit filter and MostAllocated score (bin-packing)', plugins: [{ name: 'NodeResourcesFit', weight: 1, args: { scoringStrategy: { type: 'MostAllocated' } } }] }],
]);
