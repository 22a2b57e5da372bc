/**
 * The live pods of the cluster grouped for InterPodAffinity (what upstream's scheduler cache offers as
 * NodeInfo.Pods / PodsWithAffinity / PodsWithRequiredAntiAffinity, summed per group), kept up to date
 * from store events instead of walked every cycle.
 *
 * A pod is live while it is in store.podsOn(node) (bound, not terminal, not removed: terminating pods
 * still count, as in upstream's cache) and its node is not deleted. Domain counts use the node labels
 * seen with the last node event, so a label change moves the node's pods between domains.
 * One index per store, shared by every profile's plugin instance.
 */
import type { Labels } from '../../../cluster/labels.js';
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterStore } from '../../../cluster/store.js';
import { PodGroup } from './pod-group.js';
import type { PodTerms } from './terms.js';
import { podTerms } from './terms.js';

export class AffinityIndex {
  /** Labels of each node as of its last node event, by node index. */
  readonly nodeLabels: (Labels | undefined)[] = [];
  /** Every non-empty group, in creation order. */
  readonly groups = new Set<PodGroup>();
  /** The non-empty groups whose pods have any pod (anti-)affinity term. */
  readonly withTerms = new Set<PodGroup>();
  /** The non-empty groups whose pods have required anti-affinity. */
  readonly withRequiredAnti = new Set<PodGroup>();
  /** Groups by labels object, namespace and compiled terms (shared per spec, see terms.ts). */
  private readonly byLabels = new Map<Labels, Map<string, Map<PodTerms, PodGroup>>>();
  /** The group each counted pod is in, by pod uid (uids are handed out in order: a dense list, no hashing). */
  private readonly counted: (PodGroup | undefined)[] = [];

  constructor(private readonly store: ClusterStore) {
    for (const n of store.nodes) this.nodeLabels[n.index] = n.labels;
    for (const p of store.allPods) this.maybeAdd(p);
    store.events.onNode((type, node) => {
      if (type === 'NodeAdded') this.nodeLabels[node.index] = node.labels;
      else if (type === 'NodeRemoved') this.nodeRemoved(node);
      else if (type === 'NodeLabelsChanged') this.nodeRelabelled(node);
    });
    store.events.onPod((type, pod) => {
      if (type === 'PodBound') this.maybeAdd(pod);
      else if (type === 'PodPhaseChanged' || type === 'PodRemoved') this.maybeRemove(pod);
    });
  }

  private maybeAdd(pod: Pod): void {
    const node = this.store.nodeOf(pod);
    if (node === undefined || node.deleted || this.counted[pod.uid] !== undefined || !this.store.podsOn(node).has(pod)) return;
    const g = this.groupOf(pod);
    // (grown by pushes, so the list stays a plain array: a first index far past its end would make it a dictionary)
    while (this.counted.length <= pod.uid) this.counted.push(undefined);
    this.counted[pod.uid] = g;
    g.add(node.index, this.nodeLabels[node.index] ?? node.labels, 1);
  }

  private maybeRemove(pod: Pod): void {
    const g = this.counted[pod.uid];
    if (g === undefined) return;
    const node = this.store.nodeOf(pod)!;
    if (this.store.podsOn(node).has(pod)) return;
    this.uncount(pod, g, node);
  }

  private uncount(pod: Pod, g: PodGroup, node: Node): void {
    this.counted[pod.uid] = undefined;
    g.add(node.index, this.nodeLabels[node.index] ?? node.labels, -1);
    if (g.size === 0) this.drop(g);
  }

  private nodeRemoved(node: Node): void {
    for (const p of this.store.podsOn(node)) {
      const g = this.counted[p.uid];
      if (g !== undefined) this.uncount(p, g, node);
    }
  }

  private nodeRelabelled(node: Node): void {
    const from = this.nodeLabels[node.index] ?? node.labels;
    this.nodeLabels[node.index] = node.labels;
    if (node.deleted) return;
    const seen = new Set<PodGroup>();
    for (const p of this.store.podsOn(node)) {
      const g = this.counted[p.uid];
      if (g === undefined || seen.has(g)) continue;
      seen.add(g);
      g.relabel(node.index, from, node.labels);
    }
  }

  private groupOf(pod: Pod): PodGroup {
    let byNs = this.byLabels.get(pod.labels);
    if (!byNs) this.byLabels.set(pod.labels, (byNs = new Map()));
    let byTerms = byNs.get(pod.namespace);
    if (!byTerms) byNs.set(pod.namespace, (byTerms = new Map()));
    const terms = podTerms(pod);
    let g = byTerms.get(terms);
    if (!g) {
      g = new PodGroup(pod.labels, pod.namespace, terms);
      byTerms.set(terms, g);
      this.groups.add(g);
      if (g.terms.any) this.withTerms.add(g);
      if (g.terms.requiredAnti.length > 0) this.withRequiredAnti.add(g);
    }
    return g;
  }

  private drop(g: PodGroup): void {
    this.groups.delete(g);
    this.withTerms.delete(g);
    this.withRequiredAnti.delete(g);
    const byNs = this.byLabels.get(g.labels)!;
    const byTerms = byNs.get(g.namespace)!;
    byTerms.delete(g.terms);
    if (byTerms.size === 0) byNs.delete(g.namespace);
    if (byNs.size === 0) this.byLabels.delete(g.labels);
  }
}

const indexes = new WeakMap<ClusterStore, AffinityIndex>();

/** The store's index, made on first use. */
export function affinityIndexFor(store: ClusterStore): AffinityIndex {
  let ix = indexes.get(store);
  if (!ix) indexes.set(store, (ix = new AffinityIndex(store)));
  return ix;
}
