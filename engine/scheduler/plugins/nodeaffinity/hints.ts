/**
 * NodeAffinity's queueing hint (plugins/nodeaffinity/node_affinity.go, v1.33: EventsToRegister,
 * isSchedulableAfterNodeChange): QueueSkip when the node fails the scheduler-enforced addedAffinity or
 * the pod's required affinity / nodeSelector; Queue for a matching new node, or an update that turned a
 * non-matching node into a matching one.
 */
import type { NodeSelectorTerm } from '../../../cluster/labels.js';
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterEventWithHint, ObservedEvent, QueueingHint, QueueingHintFn } from '../../framework/queueing-hint.js';
import { matchesAnyTerm as matchesNodeSelectorTerms } from '../helper/node-selector.js';
import { matchesRequiredNodeAffinity } from '../helper/required-node-affinity.js';

export function nodeAffinityHint(addedRequired: readonly NodeSelectorTerm[] | undefined): QueueingHintFn {
  return (pod: Pod, e: ObservedEvent): QueueingHint => {
    const { oldNode, newNode } = e;
    if (newNode === undefined) return 'Queue';
    if (addedRequired !== undefined && !matchesNodeSelectorTerms(addedRequired, newNode.labels, newNode.name)) return 'QueueSkip';
    if (!matchesRequiredNodeAffinity(pod, newNode)) return 'QueueSkip';
    if (oldNode === undefined) return 'Queue';
    return matchesRequiredNodeAffinity(pod, oldNode) ? 'QueueSkip' : 'Queue';
  };
}

/** EventsToRegister with hints on: Node add / label update. */
export function nodeAffinityEvents(addedRequired: readonly NodeSelectorTerm[] | undefined): readonly ClusterEventWithHint[] {
  return [{ events: ['NodeAdd', 'NodeLabelChange'], hint: nodeAffinityHint(addedRequired) }];
}
