/**
 * Scheduler profiles: the plugins enabled at each extension point with their score weights, built the
 * way kube-scheduler's framework expands a profile (pkg/scheduler/framework/runtime/framework.go
 * expandMultiPointPlugins): plugins named in a specific extension point come first when they override a
 * MultiPoint entry, then the MultiPoint plugins that implement the point, then the other specific ones.
 */
import { SimError, didYouMean } from '../core/errors.js';
import type { AnyPlugin, FilterPlugin, Handle, PluginFactory, PostFilterPlugin, PreFilterPlugin, PreScorePlugin, ReservePlugin, ScorePlugin } from './framework/interfaces.js';
import { REGISTRY } from './registry.js';
import { DefaultFastPath } from './fastpath/default-profile.js';
import type { ClusterVersion } from './framework/cluster-version.js';

export { REGISTRY } from './registry.js';
export { BUILTIN_POLICIES, DEFAULT_PLUGINS } from './builtin-policies.js';

export interface PluginRef {
  name: string;
  weight?: number;
  args?: unknown;
}

export const EXTENSION_POINTS = ['preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score', 'reserve', 'permit', 'preBind', 'bind', 'postBind'] as const;
export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];

/** One extension point's plugin set in a KubeSchedulerConfiguration profile. */
export interface PluginSet {
  enabled: PluginRef[];
  disabled: string[];
}

/** How the node is picked among the feasible ones: by score (kube-scheduler), at random, or the first found. */
export type HostSelection = 'score' | 'random' | 'first-fit';

export interface ProfileOptions {
  schedulerName: string;
  /** MultiPoint plugins (defaults already merged with the user's enabled/disabled lists), in order. */
  plugins: readonly PluginRef[];
  /** Plugin sets of the specific extension points, as written by the user. */
  points?: Partial<Record<ExtensionPoint, PluginSet>>;
  /** pluginConfig args by plugin name (validated). */
  pluginConfig?: ReadonlyMap<string, unknown>;
  /** Profile percentageOfNodesToScore; undefined = the global value. */
  percentageOfNodesToScore?: number;
  hostSelection?: HostSelection;
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
  hostSelection: HostSelection;
  /** Every plugin instance by name (one instance per plugin and profile, as upstream). */
  plugins: ReadonlyMap<string, AnyPlugin>;
  /** Fused filter/score loop when the profile has the default plugin set (fastpath/default-profile.ts). */
  fast?: DefaultFastPath;
}

const IMPLEMENTS: Record<ExtensionPoint, (p: AnyPlugin) => boolean> = {
  preEnqueue: () => false,
  queueSort: (p) => p.name === 'PrioritySort',
  preFilter: (p) => typeof p.preFilter === 'function',
  filter: (p) => typeof p.filter === 'function',
  postFilter: (p) => typeof p.postFilter === 'function',
  preScore: (p) => typeof p.preScore === 'function',
  score: (p) => typeof p.score === 'function',
  reserve: (p) => typeof p.reserve === 'function',
  permit: () => false,
  preBind: () => false,
  bind: (p) => p.name === 'DefaultBinder',
  postBind: () => false,
};

/** Plugin names in the order the framework runs them at `point`. */
export function expandPoint(point: ExtensionPoint, multiPoint: readonly PluginRef[], set: PluginSet | undefined, instance: (name: string) => AnyPlugin): string[] {
  const enabled = (set?.enabled ?? []).map((r) => r.name);
  const disabled = new Set(set?.disabled ?? []);
  if (disabled.has('*')) return dedupe(enabled);
  const overrides = new Set<string>();
  const fromMulti: string[] = [];
  for (const ref of multiPoint) {
    if (!IMPLEMENTS[point](instance(ref.name)) || disabled.has(ref.name)) continue;
    if (enabled.includes(ref.name)) overrides.add(ref.name);
    else if (fromMulti.includes(ref.name)) throw new SimError('E_SCHEMA', `plugin "${ref.name}" is enabled twice in multiPoint`, { hint: 'list each plugin once' });
    else fromMulti.push(ref.name);
  }
  const out = enabled.filter((n) => overrides.has(n));
  out.push(...fromMulti);
  for (const n of enabled) if (!overrides.has(n)) out.push(n);
  return dedupe(out);
}

function dedupe(names: string[]): string[] {
  return [...new Set(names)];
}

export function buildProfile(options: ProfileOptions, handle: Handle, globalPercentage = 0, registry: ReadonlyMap<string, PluginFactory> = REGISTRY, fastPath = true): Profile {
  const instances = new Map<string, AnyPlugin>();
  const multiArgs = new Map(options.plugins.map((r) => [r.name, r.args]));
  const instance = (name: string): AnyPlugin => {
    let p = instances.get(name);
    if (p) return p;
    const factory = registry.get(name);
    if (!factory) {
      const guess = didYouMean(name, [...registry.keys()]);
      throw new SimError('E_SCHEMA', `unknown plugin "${name}"`, { hint: guess ? `did you mean "${guess}"?` : 'see docs/scheduler.md for the plugins kubesim has' });
    }
    p = factory(options.pluginConfig?.get(name) ?? multiArgs.get(name), handle);
    instances.set(name, p);
    return p;
  };
  const names = (point: ExtensionPoint): string[] => expandPoint(point, options.plugins, options.points?.[point], instance);
  const weights = new Map<string, number>();
  for (const r of options.plugins) if (r.weight) weights.set(r.name, r.weight);
  for (const r of options.points?.score?.enabled ?? []) if (r.weight) weights.set(r.name, r.weight);
  const of = <T>(point: ExtensionPoint): T[] => names(point).map((n) => instance(n)).filter((p) => IMPLEMENTS[point](p)) as T[];
  const profile: Profile = {
    schedulerName: options.schedulerName,
    preFilter: of<PreFilterPlugin>('preFilter'),
    filter: of<FilterPlugin>('filter'),
    postFilter: of<PostFilterPlugin>('postFilter'),
    preScore: of<PreScorePlugin>('preScore'),
    score: of<ScorePlugin>('score').map((plugin) => ({ plugin, weight: weights.get(plugin.name) ?? 1 })),
    reserve: of<ReservePlugin>('reserve'),
    percentageOfNodesToScore: options.percentageOfNodesToScore ?? globalPercentage,
    hostSelection: options.hostSelection ?? 'score',
    plugins: instances,
  };
  const store = handle.store as Partial<Handle['store']> | undefined;
  const cluster = (handle as { cluster?: ClusterVersion }).cluster;
  if (fastPath) profile.fast = DefaultFastPath.for(profile, store?.events !== undefined && store.nodes !== undefined ? (store as Handle['store']) : undefined, cluster);
  return profile;
}
