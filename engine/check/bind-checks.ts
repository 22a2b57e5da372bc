/**
 * What must be true of the node a pod is bound to, at bind time. Scheduling constraints are
 * checked only when the pod's profile enables the Filter plugin that enforces them: a profile
 * without TaintToleration may legitimately place pods on tainted nodes. Pods that name their node
 * (spec.nodeName) skip the scheduler as in Kubernetes, so only node existence applies to them.
 */
import { matchesNodeSelectorTerms } from '../cluster/labels.js';
import type { Node } from '../cluster/node.js';
import type { Pod } from '../cluster/pod.js';
import { firstUntoleratedTaint, taintKey } from '../cluster/taints.js';

/** Upstream plugin names (pkg/scheduler/framework/plugins/names/names.go). */
export const FILTER_TAINT_TOLERATION = 'TaintToleration';
export const FILTER_NODE_AFFINITY = 'NodeAffinity';
export const FILTER_NODE_UNSCHEDULABLE = 'NodeUnschedulable';

/** Returns what is wrong with binding `pod` to `node`, or undefined. */
export function nodeFeasibility(pod: Pod, node: Node, enforced: ReadonlySet<string>): string | undefined {
  if (node.deleted) return `bound to deleted node ${node.name}`;
  if (pod.spec.nodeName) return undefined;
  if (enforced.has(FILTER_TAINT_TOLERATION)) {
    const taint = firstUntoleratedTaint(node.taints, pod.spec.tolerations);
    if (taint) return `bound to ${node.name} whose taint ${taintKey(taint)} it does not tolerate`;
  }
  if (enforced.has(FILTER_NODE_AFFINITY)) {
    for (const [k, v] of Object.entries(pod.spec.nodeSelector)) {
      if (node.labels[k] !== v) return `bound to ${node.name} which does not match nodeSelector ${k}=${v}`;
    }
    const req = pod.spec.affinity?.nodeRequired;
    if (req && !matchesNodeSelectorTerms(req, node.labels, node.name)) return `bound to ${node.name} which does not match its required node affinity`;
  }
  if (enforced.has(FILTER_NODE_UNSCHEDULABLE) && node.unschedulable && !tolerates(pod)) return `bound to cordoned node ${node.name}`;
  return undefined;
}

/** NodeUnschedulable lets pods that tolerate node.kubernetes.io/unschedulable:NoSchedule through. */
function tolerates(pod: Pod): boolean {
  return firstUntoleratedTaint([{ key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' }], pod.spec.tolerations) === undefined;
}
