/** Resolving a scenario's scheduler section or a --policy name to scheduler options. */
import { SimError, didYouMean } from '../core/errors.js';
import { BUILTIN_POLICIES } from './profile.js';
import type { SchedulerOptions } from './scheduler.js';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export function policyNames(): string[] {
  return [...BUILTIN_POLICIES.keys()];
}

export function resolvePolicy(name: string, config: unknown): SchedulerOptions {
  if (config !== undefined) {
    throw new SimError('E_SCHEMA', 'KubeSchedulerConfiguration is not supported yet', { hint: `use a built-in policy: ${policyNames().join(', ')}` });
  }
  const policy = BUILTIN_POLICIES.get(name);
  if (!policy) {
    const guess = didYouMean(name, policyNames());
    throw new SimError('E_SCHEMA', `unknown scheduling policy "${name}"`, { hint: guess ? `did you mean "${guess}"? (see kubesim policies)` : `built-in policies: ${policyNames().join(', ')}` });
  }
  return { profiles: [{ schedulerName: DEFAULT_SCHEDULER_NAME, plugins: policy.plugins }], tieBreak: policy.tieBreak };
}
