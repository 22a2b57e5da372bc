/**
 * Queueing hints (pkg/scheduler/framework/interface.go QueueingHintFn, types.go ClusterEventWithHint;
 * feature gate SchedulerQueueingHints, on by default since v1.32: pkg/features/kube_features.go). A
 * plugin that can reject a pod lists the cluster events that may make that pod schedulable, each with
 * an optional hint function that looks at the event's old and new object and answers Queue (retry the
 * pod) or QueueSkip (this change cannot help it). No hint function means Queue.
 */
import type { Labels } from '../../cluster/labels.js';
import type { Pod } from '../../cluster/pod.js';
import type { ResourceVector } from '../../cluster/resources.js';
import type { Taint } from '../../cluster/taints.js';
import type { ClusterEvent } from '../queue/cluster-events.js';

export type QueueingHint = 'Queue' | 'QueueSkip';

/** What a hint may read of a node: the live Node, or the fields it had before an update. */
export interface NodeState {
  readonly name: string;
  readonly labels: Labels;
  readonly taints: readonly Taint[];
  readonly unschedulable: boolean;
  readonly allocatable: ResourceVector;
}

/**
 * One cluster event with its objects, as upstream passes oldObj/newObj: NodeAdd has newNode, NodeDelete
 * oldNode, node updates both; AssignedPodAdd has newPod, AssignedPodDelete oldPod, AssignedPodUpdate both.
 * An event without objects (tests, the flush) makes every hint answer Queue, as upstream does when the
 * objects cannot be read.
 */
export interface ObservedEvent {
  readonly event: ClusterEvent;
  readonly oldNode?: NodeState;
  readonly newNode?: NodeState;
  readonly oldPod?: Pod;
  readonly newPod?: Pod;
}

export type QueueingHintFn = (pod: Pod, e: ObservedEvent) => QueueingHint;

/** One registration (framework.ClusterEventWithHint): the events and the hint that judges them. */
export interface ClusterEventWithHint {
  readonly events: readonly ClusterEvent[];
  readonly hint?: QueueingHintFn;
}

/** EnqueueExtensions: what a plugin registers with queueing hints on (the `enableSchedulingQueueHint` branches). */
export interface EnqueueExtensions {
  eventsToRegister(): readonly ClusterEventWithHint[];
}

/** Whether an event carries the objects hints read. */
export function hasObjects(e: ObservedEvent): boolean {
  return e.oldNode !== undefined || e.newNode !== undefined || e.oldPod !== undefined || e.newPod !== undefined;
}
