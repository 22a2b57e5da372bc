/**
 * Per-node matching-pod counts for PodTopologySpread, cached per (selector source, namespace) and
 * invalidated per node when a pod on it is bound, starts terminating, finishes or is removed
 * (PERFORMANCE.md lesson 4). Selector sources are shared objects (a template's labels, a spec's
 * constraint selector), so pods of one workload share one cache line per node.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterStore } from '../../../cluster/store.js';
import type { Constraint } from './common.js';
import { countMatching } from './common.js';

export interface Entry {
  counts: number[];
  stamps: number[];
}

export class NodeCountCache {
  /** Bumped whenever the set of counted pods on a node may have changed. */
  private readonly versions: number[] = [];
  private readonly entries = new WeakMap<object, Map<string, Entry>>();

  constructor(private readonly store: ClusterStore) {
    store.events.onPod((_type, pod: Pod) => {
      if (pod.nodeIndex >= 0) this.versions[pod.nodeIndex] = (this.versions[pod.nodeIndex] ?? 0) + 1;
    });
  }

  /** The cache line of a constraint's selector in a namespace (null: not cacheable). Hoist it out of node loops. */
  entry(c: Constraint, namespace: string): Entry | null {
    if (c.cacheKey === null) return null;
    let byNs = this.entries.get(c.cacheKey);
    if (!byNs) this.entries.set(c.cacheKey, (byNs = new Map()));
    let e = byNs.get(namespace);
    if (!e) byNs.set(namespace, (e = { counts: [], stamps: [] }));
    return e;
  }

  count(node: Node, c: Constraint, namespace: string): number {
    return this.countAt(this.entry(c, namespace), node, c, namespace);
  }

  countAt(e: Entry | null, node: Node, c: Constraint, namespace: string): number {
    if (e === null) return countMatching(this.store.podsOn(node), c.selector, namespace);
    const stamp = (this.versions[node.index] ?? 0) + 1;
    if (e.stamps[node.index] === stamp) return e.counts[node.index]!;
    const n = countMatching(this.store.podsOn(node), c.selector, namespace);
    e.counts[node.index] = n;
    e.stamps[node.index] = stamp;
    return n;
  }
}
