/**
 * A group of live pods that look the same to InterPodAffinity: one labels object, one namespace, one
 * compiled PodTerms (pods with node affinity only, as DaemonSet pods, all share the empty one). The group keeps how many of its pods sit on each node and,
 * for every topology key asked for so far, how many sit in each topology domain (key=value).
 * Matching a group's terms against an incoming pod, or the incoming pod's terms against the group's
 * labels, is done once per group instead of once per pod, and cached for consecutive pods of one spec.
 */
import type { Labels } from '../../../cluster/labels.js';
import type { AffinityTerm, IncomingTerms, PodTerms } from './terms.js';
import { NO_LABELS, termMatchesLabels } from './terms.js';

/** value -> live pods of the group on nodes labelled key=value (no zero entries). */
export type DomainCounts = Map<string, number>;

function bump(m: DomainCounts, value: string, delta: number): void {
  const v = (m.get(value) ?? 0) + delta;
  if (v === 0) m.delete(value);
  else m.set(value, v);
}

export class PodGroup {
  /** Live pods of the group. */
  size = 0;
  /** Live pods per node index. */
  readonly perNode = new Map<number, number>();
  private readonly byKey = new Map<string, DomainCounts>();
  /** The group's terms in one list: requiredAffinity, requiredAnti, preferredAffinity, preferredAnti. */
  private readonly ownFlags: Uint8Array;
  private ownLabels: Labels | null = null;
  private ownNs = '';
  private incomingFor: IncomingTerms | null = null;
  private incomingFlags = new Uint8Array(0);

  constructor(
    readonly labels: Labels,
    readonly namespace: string,
    readonly terms: PodTerms,
  ) {
    this.ownFlags = new Uint8Array(terms.requiredAffinity.length + terms.requiredAnti.length + terms.preferredAffinity.length + terms.preferredAnti.length);
  }

  /** Live pods of the group per value of `key` on their nodes (labels by node index from nodeLabels). */
  domains(key: string, nodeLabels: readonly (Labels | undefined)[]): DomainCounts {
    let m = this.byKey.get(key);
    if (m === undefined) {
      m = new Map();
      for (const [index, n] of this.perNode) {
        const v = nodeLabels[index]?.[key];
        if (v !== undefined) bump(m, v, n);
      }
      this.byKey.set(key, m);
    }
    return m;
  }

  /** Adds `delta` pods on node `index` whose labels are `labels`. */
  add(index: number, labels: Labels, delta: number): void {
    this.size += delta;
    const n = (this.perNode.get(index) ?? 0) + delta;
    if (n === 0) this.perNode.delete(index);
    else this.perNode.set(index, n);
    this.moveDomains(labels, delta);
  }

  /** The node's labels changed from `from` to `to`: its pods move between domains. */
  relabel(index: number, from: Labels, to: Labels): void {
    const n = this.perNode.get(index) ?? 0;
    if (n === 0) return;
    this.moveDomains(from, -n);
    this.moveDomains(to, n);
  }

  private moveDomains(labels: Labels, delta: number): void {
    for (const [key, m] of this.byKey) {
      const v = labels[key];
      if (v !== undefined) bump(m, v, delta);
    }
  }

  /**
   * Whether the group's own term number `i` (in the order requiredAffinity, requiredAnti,
   * preferredAffinity, preferredAnti) matches a pod with these labels and namespace.
   */
  ownTermMatches(labels: Labels, namespace: string): Uint8Array {
    if (labels !== this.ownLabels || namespace !== this.ownNs) {
      const t = this.terms;
      // (list by list, without an array of the lists: a backlog asks for new labels on every attempt)
      let i = this.flagTerms(t.requiredAffinity, labels, namespace, 0);
      i = this.flagTerms(t.requiredAnti, labels, namespace, i);
      i = this.flagTerms(t.preferredAffinity, labels, namespace, i);
      this.flagTerms(t.preferredAnti, labels, namespace, i);
      this.ownLabels = labels;
      this.ownNs = namespace;
    }
    return this.ownFlags;
  }

  private flagTerms(terms: readonly AffinityTerm[], labels: Labels, namespace: string, from: number): number {
    let i = from;
    for (const term of terms) this.ownFlags[i++] = termMatchesLabels(term, namespace, labels, NO_LABELS) ? 1 : 0;
    return i;
  }

  /** Whether the incoming pod's term number `i` (same order) matches this group's pods. */
  incomingTermMatches(incoming: IncomingTerms): Uint8Array {
    if (incoming !== this.incomingFor) {
      const n = incoming.requiredAffinity.length + incoming.requiredAnti.length + incoming.preferredAffinity.length + incoming.preferredAnti.length;
      if (this.incomingFlags.length < n) this.incomingFlags = new Uint8Array(n);
      let i = 0;
      for (const list of [incoming.requiredAffinity, incoming.requiredAnti, incoming.preferredAffinity, incoming.preferredAnti]) {
        for (const term of list) this.incomingFlags[i++] = termMatchesLabels(term, this.namespace, this.labels, NO_LABELS) ? 1 : 0;
      }
      this.incomingFor = incoming;
    }
    return this.incomingFlags;
  }
}
