/**
 * Kubelet admission of a pod that names its node and so skips the scheduler
 * (pkg/kubelet/lifecycle/predicate.go): a pod that does not fit is rejected and fails with reason
 * OutOf<resource> (OutOfcpu, OutOfmemory, OutOfephemeral-storage, OutOfpods, OutOf<extended>).
 * Extended resources the node does not have at all are not checked, as upstream
 * (removeMissingExtendedResources).
 */
import type { Node } from './node.js';
import type { Pod } from './pod.js';
import type { ResourceNames } from './resources.js';
import { PODS } from './resources.js';

/** InsufficientResourcePrefix in pkg/kubelet/lifecycle/predicate.go. */
export const ADMISSION_REASON_PREFIX = 'OutOf';

/**
 * The index of the first resource the pod's requests do not fit in the node's free allocatable (PODS for
 * the pod count), or -1. `skipMissingExtended`: extended resources the node has none of are not checked
 * (the kubelet's removeMissingExtendedResources); the scheduler checks them.
 */
export function firstInsufficient(pod: Pod, node: Node, skipMissingExtended: boolean): number {
  const alloc = node.allocatable;
  if (node.podCount + 1 > (alloc[PODS] ?? 0)) return PODS;
  const req = pod.spec.requests;
  for (let i = 0; i < req.length; i++) {
    if (i === PODS) continue;
    const a = alloc[i] ?? 0;
    if (skipMissingExtended && i > PODS && a === 0) continue;
    const r = req[i]!;
    if (r > 0 && r > a - (node.requested[i] ?? 0)) return i;
  }
  return -1;
}

/** The rejection reason, or undefined when the node admits the pod. */
export function admissionFailure(pod: Pod, node: Node, names: ResourceNames): string | undefined {
  const i = firstInsufficient(pod, node, true);
  if (i < 0) return undefined;
  return `${ADMISSION_REASON_PREFIX}${i === PODS ? 'pods' : names.name(i)}`;
}
