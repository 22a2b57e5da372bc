/**
 * preCheckForNode (pkg/scheduler/eventhandlers.go): on a node add or update, a parked pod is moved only
 * if the node now admits it: AdmissionCheck (NodeResourcesFit's request fit, NodeAffinity's required
 * affinity and nodeSelector, NodeName; NodePorts is not checked here) and no untolerated NoSchedule /
 * NoExecute taint. This is kube-scheduler's rule with the SchedulerQueueingHints gate off; with it on
 * (the v1.33 default) per-plugin hints decide, which kubesim does not model (docs/scheduler.md).
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import { PODS } from '../../cluster/resources.js';
import { firstUntoleratedTaint } from '../../cluster/taints.js';
import { matchesRequiredNodeAffinity } from '../plugins/helper/required-node-affinity.js';

/** Whether the pod's requests fit the node's free allocatable (and one more pod slot). */
function fitsRequests(pod: Pod, node: Node): boolean {
  const alloc = node.allocatable;
  if (node.podCount + 1 > (alloc[PODS] ?? 0)) return false;
  const req = pod.spec.requests;
  const used = node.requested;
  for (let i = 0; i < req.length; i++) {
    if (i === PODS) continue;
    const r = req[i]!;
    if (r > 0 && r > (alloc[i] ?? 0) - (used[i] ?? 0)) return false;
  }
  return true;
}

export function nodeAdmits(pod: Pod, node: Node): boolean {
  if (node.deleted) return false;
  if (pod.spec.nodeName !== '' && pod.spec.nodeName !== node.name) return false;
  if (!matchesRequiredNodeAffinity(pod, node)) return false;
  if (!fitsRequests(pod, node)) return false;
  return firstUntoleratedTaint(node.taints, pod.spec.tolerations) === undefined;
}
