/**
 * preCheckForNode (pkg/scheduler/eventhandlers.go): on a node add or update, a parked pod is moved only
 * if the node now admits it: AdmissionCheck (NodeResourcesFit's request fit, NodeAffinity's required
 * affinity and nodeSelector, NodeName; NodePorts is not checked here) and no untolerated NoSchedule /
 * NoExecute taint. This is kube-scheduler's rule with the SchedulerQueueingHints gate off; with it on
 * (the v1.33 default) the plugins' queueing hints decide instead (queueing-hints.ts,
 * docs/scheduling-queue-and-preemption.md).
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import { firstInsufficient } from '../../cluster/kubelet-admission.js';
import { firstUntoleratedTaint } from '../../cluster/taints.js';
import { matchesRequiredNodeAffinity } from '../plugins/helper/required-node-affinity.js';

export function nodeAdmits(pod: Pod, node: Node): boolean {
  if (node.deleted) return false;
  if (pod.spec.nodeName !== '' && pod.spec.nodeName !== node.name) return false;
  if (!matchesRequiredNodeAffinity(pod, node)) return false;
  if (firstInsufficient(pod, node, false) >= 0) return false;
  return firstUntoleratedTaint(node.taints, pod.spec.tolerations) === undefined;
}
