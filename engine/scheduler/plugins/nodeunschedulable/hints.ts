/**
 * NodeUnschedulable's queueing hint (plugins/nodeunschedulable/node_unschedulable.go, v1.33:
 * isSchedulableAfterNodeChange): Queue when a schedulable node is added or a node is uncordoned.
 * (spec.unschedulable changes reach the queue as NodeTaintChange, as upstream's UpdateNodeTaint.)
 */
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterEventWithHint, ObservedEvent, QueueingHint } from '../../framework/queueing-hint.js';

export function nodeUnschedulableHint(_pod: Pod, e: ObservedEvent): QueueingHint {
  const { oldNode, newNode } = e;
  if (newNode === undefined) return 'Queue';
  if (oldNode === undefined) return newNode.unschedulable ? 'QueueSkip' : 'Queue';
  return oldNode.unschedulable && !newNode.unschedulable ? 'Queue' : 'QueueSkip';
}

/** EventsToRegister with hints on: Node add / taint update. */
export const NODE_UNSCHEDULABLE_EVENTS: readonly ClusterEventWithHint[] = Object.freeze([{ events: ['NodeAdd', 'NodeTaintChange'], hint: nodeUnschedulableHint }]);
