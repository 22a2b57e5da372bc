/**
 * TaintToleration's queueing hint (plugins/tainttoleration/taint_toleration.go, v1.33:
 * isSchedulableAfterNodeChange): Queue only when the node went from having an untolerated
 * NoSchedule/NoExecute taint (a new node counts as having had one) to having none. The pod-toleration
 * update hint is not needed: kubesim never updates a pending pod's spec.
 */
import type { Pod } from '../../../cluster/pod.js';
import { firstUntoleratedTaint } from '../../../cluster/taints.js';
import type { ClusterEventWithHint, ObservedEvent, QueueingHint } from '../../framework/queueing-hint.js';

export function taintTolerationNodeHint(pod: Pod, e: ObservedEvent): QueueingHint {
  if (e.newNode === undefined) return 'Queue';
  const tolerations = pod.spec.tolerations;
  const wasUntolerated = e.oldNode === undefined || firstUntoleratedTaint(e.oldNode.taints, tolerations) !== undefined;
  const isUntolerated = firstUntoleratedTaint(e.newNode.taints, tolerations) !== undefined;
  return wasUntolerated && !isUntolerated ? 'Queue' : 'QueueSkip';
}

/** EventsToRegister with hints on: Node add / taint update. */
export const TAINT_TOLERATION_EVENTS: readonly ClusterEventWithHint[] = Object.freeze([{ events: ['NodeAdd', 'NodeTaintChange'], hint: taintTolerationNodeHint }]);
