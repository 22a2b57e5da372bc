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

/** The rejection reason, or undefined when the node admits the pod. */
export function admissionFailure(pod: Pod, node: Node, names: ResourceNames): string | undefined {
  const alloc = node.allocatable;
  if (node.podCount + 1 > (alloc[PODS] ?? 0)) return `${ADMISSION_REASON_PREFIX}pods`;
  const req = pod.spec.requests;
  for (let i = 0; i < req.length; i++) {
    if (i === PODS) continue;
    const a = alloc[i] ?? 0;
    if (i > PODS && a === 0) continue;
    const r = req[i]!;
    if (r > 0 && r > a - node.requested[i]!) return `${ADMISSION_REASON_PREFIX}${names.name(i)}`;
  }
  return undefined;
}
