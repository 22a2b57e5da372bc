/**
 * node.index of every entry of a node list, as an Int32Array, remembered per list. The fused walk reads a
 * node's static verdict by index; reading the index from this array instead of from the node object lets
 * it pass over the nodes a pod can never use (another pool's, say) without touching them: for a pod
 * that fits one pool in eight the walk is several times faster (PERFORMANCE.md lesson 1).
 *
 * Node lists handed to the fast path are never changed in place (the scheduler builds a new list when
 * the cluster's nodes change; a PreFilterResult's walk is a new list), which is what makes remembering
 * per list object sound. The length is checked all the same.
 */
import type { Node } from '../../cluster/node.js';

const remembered = new WeakMap<readonly Node[], Int32Array>();

export function nodeIndexes(nodes: readonly Node[]): Int32Array {
  let ix = remembered.get(nodes);
  if (ix !== undefined && ix.length === nodes.length) return ix;
  ix = new Int32Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) ix[i] = nodes[i]!.index;
  remembered.set(nodes, ix);
  return ix;
}
