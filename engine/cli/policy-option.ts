/** `--policy NAME|FILE`: a built-in policy name, or a KubeSchedulerConfiguration YAML file. */
import { existsSync, statSync } from 'node:fs';
import { loadSchedulerConfigFile } from '../scenario/load.js';
import { isPolicyName, resolvePolicy } from '../scheduler/policies.js';
import type { SchedulerOptions } from '../scheduler/scheduler.js';

export interface PolicyChoice {
  policy?: string;
  schedulerOptions?: SchedulerOptions;
}

export function policyChoice(value: string | undefined, customPlugins: readonly string[] = []): PolicyChoice {
  if (value === undefined) return {};
  if (isPolicyName(value)) return { policy: value };
  if (existsSync(value) && statSync(value).isFile()) return { policy: value.replace(/^.*[\\/]/, ''), schedulerOptions: loadSchedulerConfigFile(value, customPlugins) };
  resolvePolicy(value); // throws "unknown scheduling policy" with a suggestion
  return { policy: value };
}
