/** Resolving a built-in policy name (`kubesim policies`) to scheduler options. */
import { SimError, didYouMean } from '../core/errors.js';
import { BUILTIN_POLICIES } from './profile.js';
import type { SchedulerOptions } from './scheduler.js';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export function policyNames(): string[] {
  return [...BUILTIN_POLICIES.keys()];
}

export function isPolicyName(name: string): boolean {
  return BUILTIN_POLICIES.has(name);
}

export function resolvePolicy(name: string, config?: SchedulerOptions): SchedulerOptions {
  if (config !== undefined) return config;
  const policy = BUILTIN_POLICIES.get(name);
  if (!policy) {
    const guess = didYouMean(name, policyNames());
    throw new SimError('E_SCHEMA', `unknown scheduling policy "${name}"`, { hint: guess ? `did you mean "${guess}"? (see kubesim policies)` : `built-in policies: ${policyNames().join(', ')}, or a KubeSchedulerConfiguration file` });
  }
  return { profiles: [{ schedulerName: DEFAULT_SCHEDULER_NAME, ...policy.profile }], ...(policy.tieBreak ? { tieBreak: policy.tieBreak } : {}) };
}
