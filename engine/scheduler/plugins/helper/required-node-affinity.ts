/** nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): the pod's nodeSelector AND its required node affinity. */
import type { Node } from '../../../cluster/node.js';
import { matchesAnyTerm as matchesNodeSelectorTerms } from './node-selector.js';
import type { Pod, PodSpec } from '../../../cluster/pod.js';

/** The node fields the match reads (a live Node, or a node's state before an update). */
export type NodeLabelsAndName = Pick<Node, 'labels' | 'name'>;

export function matchesRequiredNodeAffinity(pod: Pod, node: NodeLabelsAndName): boolean {
  return matchesRequiredNodeAffinityOf(pod.spec, node);
}

/** The same match from the spec alone (callers that cache per spec). */
export function matchesRequiredNodeAffinityOf(spec: PodSpec, node: NodeLabelsAndName): boolean {
  const sel = spec.nodeSelector;
  for (const key in sel) if (node.labels[key] !== sel[key]) return false;
  const required = spec.affinity?.nodeRequired;
  return required === undefined || matchesNodeSelectorTerms(required, node.labels, node.name);
}
