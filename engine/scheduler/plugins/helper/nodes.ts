/** Cluster-wide node and pod walks shared by plugins that count over all nodes, not just the feasible ones. */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterStore } from '../../../cluster/store.js';

/** Calls fn for every live node in index order (no allocation). */
export function forEachLiveNode(store: ClusterStore, fn: (node: Node) => void): void {
  const nodes = store.nodes;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (!n.deleted) fn(n);
  }
}

/** Pods the scheduler's cache holds on a node: bound, not terminal, not yet removed (terminating included). */
export function podsOnNode(store: ClusterStore, node: Node): ReadonlySet<Pod> {
  return store.podsOn(node);
}
