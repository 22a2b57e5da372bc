/**
 * NodeName's queueing hint (plugins/nodename/node_name.go, v1.33: isSchedulableAfterNodeAdd): a new
 * node helps only a pod that names no node or names this one. With hints on only Node add is registered.
 */
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterEventWithHint, ObservedEvent, QueueingHint } from '../../framework/queueing-hint.js';

export function nodeNameHint(pod: Pod, e: ObservedEvent): QueueingHint {
  if (e.newNode === undefined) return 'Queue';
  return pod.spec.nodeName === '' || pod.spec.nodeName === e.newNode.name ? 'Queue' : 'QueueSkip';
}

export const NODE_NAME_EVENTS: readonly ClusterEventWithHint[] = Object.freeze([{ events: ['NodeAdd'], hint: nodeNameHint }]);
