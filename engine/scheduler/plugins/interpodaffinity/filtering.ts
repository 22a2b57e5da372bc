/**
 * InterPodAffinity PreFilter/Filter (plugins/interpodaffinity/filtering.go): counts per topology pair of
 * existing pods whose required anti-affinity matches the incoming pod, and of existing pods matching the
 * incoming pod's required affinity (all terms) and anti-affinity terms.
 *
 * The counts come from the AffinityIndex: one term match per pod group, then the group's domain counts
 * (O(groups x domains) per cycle). Counts are kept per topology key (key -> value -> count) so that
 * Filter looks them up without building a key string per node.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { AffinityIndex } from './affinity-index.js';
import type { DomainCounts } from './pod-group.js';
import type { AffinityTerm, IncomingTerms } from './terms.js';
import { matchesAllTermsLabels } from './terms.js';

/** Counts of no domain (read only). */
const NO_COUNTS: DomainCounts = new Map();

/**
 * topology key -> value -> count, with the maps in a flat list for allocation-free walks. The first
 * group's counts of a key are borrowed, not copied (the store does not change during a cycle), with the
 * factor they were added with (a preferred term's weight): a key with one group behind it costs nothing to
 * build, however many domains it has. A second addition to that key makes a map of its own (the sums), so
 * the index's maps are never written here. Read counts with countAt().
 */
export class TopologyCounts {
  readonly keys: string[] = [];
  readonly byKey: DomainCounts[] = [];
  /** Per key: the factor of a borrowed map (1 for a map of its own). */
  private readonly factors: number[] = [];
  private readonly owned: boolean[] = [];

  /** The count under key number `i` for value `v` (0 when none). */
  countAt(i: number, v: string): number {
    return (this.byKey[i]!.get(v) ?? 0) * this.factors[i]!;
  }

  /** The counts of `key` (read only; an empty map when nothing was added). */
  get(key: string): DomainCounts {
    const i = this.keys.indexOf(key);
    if (i < 0) return NO_COUNTS;
    if (this.factors[i] !== 1) this.own(i);
    return this.byKey[i]!;
  }

  /** Adds every (value, count) of `domains` times `factor` under `key`. */
  addAll(key: string, domains: DomainCounts, factor: number): void {
    if (domains.size === 0) return;
    const i = this.keys.indexOf(key);
    if (i < 0) {
      this.keys.push(key);
      this.byKey.push(domains);
      this.factors.push(factor);
      this.owned.push(false);
      return;
    }
    if (!this.owned[i] && this.byKey[i] === domains) {
      // The same group's counts again (a pod's own preferred term and its group's, say): n x a + n x b is
      // n x (a + b) for integers, so the map stays borrowed.
      this.factors[i] = this.factors[i]! + factor;
      return;
    }
    if (!this.owned[i]) this.own(i);
    const m = this.byKey[i]!;
    for (const [v, n] of domains) m.set(v, (m.get(v) ?? 0) + n * factor);
  }

  /** Key number `i` gets a map of its own with the borrowed counts times their factor. */
  private own(i: number): void {
    const m = new Map<string, number>();
    const factor = this.factors[i]!;
    for (const [v, n] of this.byKey[i]!) m.set(v, 0 + n * factor);
    this.byKey[i] = m;
    this.factors[i] = 1;
    this.owned[i] = true;
  }

  /** Whether any (key, value) has a count (every count added here is positive). */
  get any(): boolean {
    for (const m of this.byKey) if (m.size > 0) return true;
    return false;
  }
}

export interface PreFilterState {
  requiredAffinity: readonly AffinityTerm[];
  requiredAnti: readonly AffinityTerm[];
  existingAntiAffinityCounts: TopologyCounts;
  /** Per required affinity term, the counts of its topology key (shared by terms with one key). */
  affinityCounts: DomainCounts[];
  /** Whether any pod matching all required affinity terms sits on a node with one of their keys. */
  affinityAny: boolean;
  /** Whether the incoming pod matches all of its own required affinity terms. */
  selfAffinity: boolean;
  /** Per required anti-affinity term, the counts of its topology key. */
  antiAffinityCounts: DomainCounts[];
  antiAffinityAny: boolean;
}

/**
 * Whether preFilterState would count any existing pod's required anti-affinity against `pod` (a term
 * of theirs matches it, on nodes with the term's key): without that, and without terms of its own, the
 * PreFilter Skips, so a pod without affinity is decided without building the state.
 */
export function existingAntiAffinityMatches(ix: AffinityIndex, pod: Pod): boolean {
  return someExistingAntiTerm(ix, pod, hasCounts);
}

/** (one function for every call: every attempt of every pod asks existingAntiAffinityMatches) */
const hasCounts = (_key: string, domains: DomainCounts): boolean => domains.size > 0;

/**
 * Calls `visit` with the topology key and domain counts of every existing pod group's required
 * anti-affinity term that matches `pod`, until it returns true; whether it did.
 */
function someExistingAntiTerm(ix: AffinityIndex, pod: Pod, visit: (key: string, domains: DomainCounts) => boolean): boolean {
  for (const g of ix.withRequiredAnti) {
    const flags = g.ownTermMatches(pod.labels, pod.namespace);
    const base = g.terms.requiredAffinity.length;
    const terms = g.terms.requiredAnti;
    for (let i = 0; i < terms.length; i++) {
      const key = terms[i]!.topologyKey;
      if (flags[base + i] === 1 && visit(key, g.domains(key, ix.nodeLabels))) return true;
    }
  }
  return false;
}

export function preFilterState(ix: AffinityIndex, pod: Pod, own: IncomingTerms): PreFilterState {
  const existing = new TopologyCounts();
  someExistingAntiTerm(ix, pod, (key, domains) => {
    existing.addAll(key, domains, 1);
    return false;
  });
  const s: PreFilterState = {
    requiredAffinity: own.requiredAffinity,
    requiredAnti: own.requiredAnti,
    existingAntiAffinityCounts: existing,
    affinityCounts: [],
    affinityAny: false,
    selfAffinity: matchesAllTermsLabels(own.requiredAffinity, pod.namespace, pod.labels),
    antiAffinityCounts: [],
    antiAffinityAny: false,
  };
  if (own.requiredAffinity.length === 0 && own.requiredAnti.length === 0) return s;
  const affinity = new TopologyCounts();
  const anti = new TopologyCounts();
  for (const g of ix.groups) {
    const flags = g.incomingTermMatches(own);
    const base = own.requiredAffinity.length;
    if (allSet(flags, base)) for (const t of own.requiredAffinity) affinity.addAll(t.topologyKey, g.domains(t.topologyKey, ix.nodeLabels), 1);
    for (let i = 0; i < own.requiredAnti.length; i++) {
      const t = own.requiredAnti[i]!;
      if (flags[base + i] === 1) anti.addAll(t.topologyKey, g.domains(t.topologyKey, ix.nodeLabels), 1);
    }
  }
  for (const t of own.requiredAffinity) s.affinityCounts.push(affinity.get(t.topologyKey));
  for (const t of own.requiredAnti) s.antiAffinityCounts.push(anti.get(t.topologyKey));
  s.affinityAny = affinity.any;
  s.antiAffinityAny = anti.any;
  return s;
}

/** matchesAllTerms on precomputed flags: false for no terms. */
function allSet(flags: Uint8Array, n: number): boolean {
  if (n === 0) return false;
  for (let i = 0; i < n; i++) if (flags[i] !== 1) return false;
  return true;
}

export function satisfyPodAffinity(s: PreFilterState, node: Node): boolean {
  let podsExist = true;
  const terms = s.requiredAffinity;
  for (let i = 0; i < terms.length; i++) {
    const v = node.labels[terms[i]!.topologyKey];
    if (v === undefined) return false;
    if ((s.affinityCounts[i]!.get(v) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself may go anywhere the topology keys exist.
  return !s.affinityAny && s.selfAffinity;
}

export function satisfyPodAntiAffinity(s: PreFilterState, node: Node): boolean {
  if (!s.antiAffinityAny) return true;
  const terms = s.requiredAnti;
  for (let i = 0; i < terms.length; i++) {
    const v = node.labels[terms[i]!.topologyKey];
    if (v !== undefined && (s.antiAffinityCounts[i]!.get(v) ?? 0) > 0) return false;
  }
  return true;
}

export function satisfyExistingPodsAntiAffinity(s: PreFilterState, node: Node): boolean {
  const c = s.existingAntiAffinityCounts;
  for (let i = 0; i < c.keys.length; i++) {
    const v = node.labels[c.keys[i]!];
    if (v !== undefined && c.countAt(i, v) > 0) return false;
  }
  return true;
}
