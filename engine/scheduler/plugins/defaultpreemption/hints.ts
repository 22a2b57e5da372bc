/**
 * DefaultPreemption (plugins/defaultpreemption/default_preemption.go, v1.33, SchedulerAsyncPreemption on)
 * registers pod deletion with a hint that always answers QueueSkip (isPodSchedulableAfterPodDeletion):
 * a pod it gated always has other rejecting plugins, and those decide.
 */
import type { ClusterEventWithHint, QueueingHint } from '../../framework/queueing-hint.js';

export function defaultPreemptionHint(): QueueingHint {
  return 'QueueSkip';
}

export const DEFAULT_PREEMPTION_EVENTS: readonly ClusterEventWithHint[] = Object.freeze([{ events: ['AssignedPodDelete'], hint: defaultPreemptionHint }]);
