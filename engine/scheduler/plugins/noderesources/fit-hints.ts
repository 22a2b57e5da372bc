/**
 * NodeResourcesFit's queueing hints (plugins/noderesources/fit.go, v1.33: EventsToRegister,
 * isSchedulableAfterPodEvent, isSchedulableAfterPodScaleDown, isSchedulableAfterNodeChange,
 * haveAnyRequestedResourcesIncreased, isFit). With hints on the plugin registers assigned-pod delete and
 * scale-down, node add and allocatable change (no taint/label updates: preCheck is gone).
 */
import type { Pod } from '../../../cluster/pod.js';
import { PODS } from '../../../cluster/resources.js';
import type { ClusterEventWithHint, NodeState, ObservedEvent, QueueingHint } from '../../framework/queueing-hint.js';

/** isFit: the pod's requests fit the node's allocatable with no pod on it (a fresh NodeInfo). */
export function fitsEmptyNode(pod: Pod, node: NodeState): boolean {
  const alloc = node.allocatable;
  if ((alloc[PODS] ?? 0) < 1) return false;
  const req = pod.spec.requests;
  for (let i = 0; i < req.length; i++) {
    if (i === PODS) continue;
    const r = req[i]!;
    if (r > 0 && r > (alloc[i] ?? 0)) return false;
  }
  return true;
}

/** haveAnyRequestedResourcesIncreased: more allowed pods, or more of a resource the pod requests. */
export function anyRequestedResourceIncreased(pod: Pod, oldNode: NodeState, newNode: NodeState): boolean {
  if ((newNode.allocatable[PODS] ?? 0) > (oldNode.allocatable[PODS] ?? 0)) return true;
  const req = pod.spec.requests;
  for (let i = 0; i < req.length; i++) {
    if (i === PODS || req[i]! <= 0) continue;
    if ((newNode.allocatable[i] ?? 0) > (oldNode.allocatable[i] ?? 0)) return true;
  }
  return false;
}

/** isSchedulableAfterPodScaleDown: the target itself, or an assigned pod whose request the target also asks for went down. */
function scaledDown(target: Pod, oldPod: Pod, newPod: Pod): boolean {
  if (newPod.uid === target.uid) return true;
  if (newPod.nodeIndex < 0) return false;
  const want = target.spec.requests;
  for (let i = 0; i < want.length; i++) {
    if (i === PODS || want[i]! <= 0) continue;
    if ((oldPod.spec.requests[i] ?? 0) > (newPod.spec.requests[i] ?? 0)) return true;
  }
  return false;
}

/** isSchedulableAfterPodEvent: any assigned (or nominated) pod's deletion; an update only if it scaled down. */
export function fitPodHint(pod: Pod, e: ObservedEvent): QueueingHint {
  const { oldPod, newPod } = e;
  if (newPod === undefined) {
    if (oldPod === undefined) return 'Queue';
    return oldPod.nodeIndex < 0 && oldPod.nominatedNodeName === '' ? 'QueueSkip' : 'Queue';
  }
  if (oldPod === undefined) return 'Queue';
  return scaledDown(pod, oldPod, newPod) ? 'Queue' : 'QueueSkip';
}

/** isSchedulableAfterNodeChange: the pod fits the (empty) node, and it is new or grew in a resource the pod needs. */
export function fitNodeHint(pod: Pod, e: ObservedEvent): QueueingHint {
  const { oldNode, newNode } = e;
  if (newNode === undefined) return 'Queue';
  if (!fitsEmptyNode(pod, newNode)) return 'QueueSkip';
  if (oldNode === undefined) return 'Queue';
  return anyRequestedResourceIncreased(pod, oldNode, newNode) ? 'Queue' : 'QueueSkip';
}

/** EventsToRegister with hints on (InPlacePodVerticalScaling is beta and on in v1.33: scale-down registered). */
export const FIT_EVENTS: readonly ClusterEventWithHint[] = Object.freeze([
  { events: ['AssignedPodDelete', 'AssignedPodUpdate'], hint: fitPodHint },
  { events: ['NodeAdd', 'NodeAllocatableChange'], hint: fitNodeHint },
]);
