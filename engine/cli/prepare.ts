/** Shared by `run` and `explain`: out-of-tree plugins, the scenario, and the --policy choice. */
import { loadScenario } from '../scenario/load.js';
import type { RunOptions } from '../scenario/simulation.js';
import type { Scenario } from '../scenario/types.js';
import { loadPlugins, parsePluginArg } from './plugins.js';
import { policyChoice } from './policy-option.js';

export interface PrepareFlags {
  seed?: number;
  until?: number;
  policy?: string;
  plugin?: string[];
  maxNodes?: number;
  maxPods?: number;
  /** --set path=value (one value each). */
  set?: string[];
}

export async function prepareRun(file: string, flags: PrepareFlags): Promise<{ scenario: Scenario; options: RunOptions }> {
  const cli = await loadPlugins((flags.plugin ?? []).map(parsePluginArg));
  const limits: { maxNodes?: number; maxPods?: number } = {};
  if (flags.maxNodes !== undefined) limits.maxNodes = flags.maxNodes;
  if (flags.maxPods !== undefined) limits.maxPods = flags.maxPods;
  const scenario = loadScenario(file, { seed: flags.seed, durationMs: flags.until, customPlugins: [...cli.keys()], limits, set: flags.set });
  const fromScenario = await loadPlugins(scenario.scheduler.customPlugins ?? []);
  const plugins = new Map([...fromScenario, ...cli]);
  const choice = policyChoice(flags.policy, [...plugins.keys()]);
  return { scenario, options: { ...choice, ...(plugins.size > 0 ? { plugins } : {}) } };
}
