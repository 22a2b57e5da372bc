/**
 * Reads a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) into scheduler options:
 * profiles with their plugin sets per extension point (MultiPoint merged with the default plugins as
 * apis/config/v1/default_plugins.go mergePlugins does), weights, validated pluginConfig args,
 * percentageOfNodesToScore and the backoff settings. Every problem is reported with its field path.
 */
import { didYouMean } from '../core/errors.js';
import { DEFAULT_SCHEDULER_NAME } from '../scheduler/policies.js';
import type { ExtensionPoint, PluginRef, PluginSet, ProfileOptions } from '../scheduler/profile.js';
import { DEFAULT_PLUGINS, EXTENSION_POINTS, REGISTRY } from '../scheduler/profile.js';
import type { SchedulerOptions } from '../scheduler/scheduler.js';
import { PLUGIN_ARG_READERS } from './plugin-args.js';
import type { Reader } from './reader.js';

export const SCHEDULER_CONFIG_API_VERSION = 'kubescheduler.config.k8s.io/v1';

/** Global defaults (apis/config/v1/defaults.go): percentageOfNodesToScore 0 = adaptive, backoff 1 s .. 10 s. */
export const DEFAULT_SCHEDULER_CONFIG = Object.freeze({ percentageOfNodesToScore: 0, podInitialBackoffSeconds: 1, podMaxBackoffSeconds: 10 });

const TOP_KNOWN = ['apiVersion', 'kind', 'profiles', 'percentageOfNodesToScore', 'podInitialBackoffSeconds', 'podMaxBackoffSeconds'];
const TOP_IGNORED = ['parallelism', 'leaderElection', 'clientConnection', 'delayCacheUntilActive', 'healthzBindAddress', 'metricsBindAddress', 'enableProfiling', 'enableContentionProfiling', 'featureGates'];
const POINT_KEYS = [...EXTENSION_POINTS, 'multiPoint'] as const;

function readPluginSet(r: Reader, names: readonly string[], allowWeight: boolean): PluginSet {
  r.object(['enabled', 'disabled']);
  const check = (item: Reader, name: string, star: boolean): void => {
    if (names.includes(name) || (star && name === '*')) return;
    const guess = didYouMean(name, names);
    item.fail(`unknown plugin "${name}"`, guess ? `did you mean "${guess}"?` : 'see `kubesim policies` and docs/scheduler.md for the plugins kubesim has');
  };
  const enabled = r.child('enabled').items().map((e): PluginRef => {
    e.object(['name', 'weight'], [], ['name']);
    const name = e.child('name').str({ required: true }) ?? '';
    check(e.child('name'), name, false);
    const weight = e.child('weight').int({ min: 0, max: 100 });
    if (weight !== undefined && !allowWeight) e.child('weight').fail('weight is only used at the score and multiPoint extension points');
    return weight ? { name, weight } : { name };
  });
  const disabled = r.child('disabled').items().map((d) => {
    d.object(['name'], ['weight'], ['name']);
    const name = d.child('name').str({ required: true }) ?? '';
    check(d.child('name'), name, true);
    return name;
  });
  return { enabled, disabled };
}

/** mergePluginSet for MultiPoint: defaults minus disabled (all with "*"), re-configured in place, then the rest. */
export function mergeMultiPoint(defaults: readonly PluginRef[], custom: PluginSet | undefined): PluginRef[] {
  if (!custom) return [...defaults];
  const disabled = new Set(custom.disabled);
  const replaced = new Set<number>();
  const out: PluginRef[] = [];
  if (!disabled.has('*')) {
    for (const d of defaults) {
      if (disabled.has(d.name)) continue;
      const i = custom.enabled.findIndex((e) => e.name === d.name);
      if (i >= 0) replaced.add(i);
      out.push(i >= 0 ? custom.enabled[i]! : d);
    }
  }
  custom.enabled.forEach((e, i) => {
    if (!replaced.has(i)) out.push(e);
  });
  return out;
}

function readProfile(r: Reader, names: readonly string[]): ProfileOptions {
  r.object(['schedulerName', 'plugins', 'pluginConfig', 'percentageOfNodesToScore']);
  const plugins = r.child('plugins');
  plugins.object([...POINT_KEYS]);
  const points: Partial<Record<ExtensionPoint, PluginSet>> = {};
  for (const p of EXTENSION_POINTS) if (plugins.child(p).present) points[p] = readPluginSet(plugins.child(p), names, p === 'score');
  const multi = plugins.child('multiPoint').present ? readPluginSet(plugins.child('multiPoint'), names, true) : undefined;
  const pluginConfig = new Map<string, unknown>();
  for (const c of r.child('pluginConfig').items()) {
    c.object(['name', 'args'], [], ['name']);
    const name = c.child('name').str({ required: true }) ?? '';
    if (!names.includes(name)) {
      const guess = didYouMean(name, names);
      c.child('name').fail(`unknown plugin "${name}" in pluginConfig`, guess ? `did you mean "${guess}"?` : undefined);
      continue;
    }
    if (pluginConfig.has(name)) c.child('name').fail(`pluginConfig for "${name}" is given twice`, 'merge the two entries');
    const reader = PLUGIN_ARG_READERS.get(name);
    if (reader) pluginConfig.set(name, reader(c.child('args')));
    else if (REGISTRY.has(name)) c.child('args').fail(`plugin ${name} takes no args`);
    else pluginConfig.set(name, c.child('args').value);
  }
  const profile: ProfileOptions = {
    schedulerName: r.child('schedulerName').str() ?? DEFAULT_SCHEDULER_NAME,
    plugins: mergeMultiPoint(DEFAULT_PLUGINS, multi),
    points,
    pluginConfig,
  };
  const pct = r.child('percentageOfNodesToScore').int({ min: 0, max: 100 });
  if (pct !== undefined) profile.percentageOfNodesToScore = pct;
  return profile;
}

/** Validates `r` as a KubeSchedulerConfiguration; `custom` names out-of-tree plugins that are allowed too. */
export function readSchedulerConfig(r: Reader, custom: readonly string[] = []): SchedulerOptions {
  r.object([...TOP_KNOWN, 'extenders'], TOP_IGNORED, ['apiVersion', 'kind']);
  if (r.child('kind').present) r.child('kind').str({ oneOf: ['KubeSchedulerConfiguration'] });
  const api = r.child('apiVersion').str();
  if (api !== undefined && api !== SCHEDULER_CONFIG_API_VERSION) r.child('apiVersion').fail(`apiVersion "${api}" is not supported`, `use ${SCHEDULER_CONFIG_API_VERSION} (v1beta* configurations were removed upstream)`);
  if (r.child('extenders').present) r.child('extenders').fail('scheduler extenders are not simulated', 'write the extender logic as a custom plugin (docs/scheduler.md)');
  const names = [...REGISTRY.keys(), ...custom];
  const profiles = r.child('profiles').items().map((p) => readProfile(p, names));
  const seen = new Set<string>();
  profiles.forEach((p, i) => {
    if (seen.has(p.schedulerName)) r.child('profiles').child(i).child('schedulerName').fail(`duplicate schedulerName "${p.schedulerName}"`, 'give every profile its own schedulerName');
    seen.add(p.schedulerName);
  });
  const initial = r.child('podInitialBackoffSeconds').int({ min: 1 }) ?? DEFAULT_SCHEDULER_CONFIG.podInitialBackoffSeconds;
  const max = r.child('podMaxBackoffSeconds').int({ min: 1 }) ?? DEFAULT_SCHEDULER_CONFIG.podMaxBackoffSeconds;
  if (max < initial) r.child('podMaxBackoffSeconds').fail(`podMaxBackoffSeconds ${max} is below podInitialBackoffSeconds ${initial}`);
  return {
    profiles: profiles.length > 0 ? profiles : [{ schedulerName: DEFAULT_SCHEDULER_NAME, plugins: DEFAULT_PLUGINS }],
    percentageOfNodesToScore: r.child('percentageOfNodesToScore').int({ min: 0, max: 100 }) ?? DEFAULT_SCHEDULER_CONFIG.percentageOfNodesToScore,
    podInitialBackoffSeconds: initial,
    podMaxBackoffSeconds: max,
  };
}
