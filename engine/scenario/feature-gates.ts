/**
 * spec.scheduler.featureGates: kube-scheduler feature gates a scenario may turn off (the
 * --feature-gates flag of kube-scheduler; KubeSchedulerConfiguration has no such field). Defaults are
 * v1.33's (pkg/features/kube_features.go): SchedulerQueueingHints on since v1.32, SchedulerPopFromBackoffQ
 * on since v1.33. A gate left out keeps its default.
 */
import type { SchedulerOptions } from '../scheduler/scheduler.js';
import type { Reader } from './reader.js';

export interface SchedulerFeatureGates {
  SchedulerQueueingHints?: boolean;
  SchedulerPopFromBackoffQ?: boolean;
}

/** The gates kubesim models and their v1.33 defaults. */
export const DEFAULT_SCHEDULER_FEATURE_GATES: Readonly<Required<SchedulerFeatureGates>> = Object.freeze({
  SchedulerQueueingHints: true,
  SchedulerPopFromBackoffQ: true,
});

const GATES = Object.keys(DEFAULT_SCHEDULER_FEATURE_GATES) as (keyof SchedulerFeatureGates)[];

/** Reads spec.scheduler.featureGates (a mapping of gate name to true/false); undefined when absent. */
export function readSchedulerFeatureGates(r: Reader): SchedulerFeatureGates | undefined {
  if (!r.object(GATES)) return undefined;
  const out: SchedulerFeatureGates = {};
  for (const gate of GATES) {
    const v = r.child(gate).bool();
    if (v !== undefined) out[gate] = v;
  }
  return out;
}

/** The scheduler options the gates set (only those written). */
export function featureGateOptions(gates: SchedulerFeatureGates | undefined): Pick<SchedulerOptions, 'queueingHints' | 'popFromBackoffQ'> {
  const out: Pick<SchedulerOptions, 'queueingHints' | 'popFromBackoffQ'> = {};
  if (gates?.SchedulerQueueingHints !== undefined) out.queueingHints = gates.SchedulerQueueingHints;
  if (gates?.SchedulerPopFromBackoffQ !== undefined) out.popFromBackoffQ = gates.SchedulerPopFromBackoffQ;
  return out;
}
