/**
 * InterPodAffinity PreFilter/Filter (plugins/interpodaffinity/filtering.go): counts per topology pair of
 * existing pods whose required anti-affinity matches the incoming pod, and of existing pods matching the
 * incoming pod's required affinity (all terms) and anti-affinity terms.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterStore } from '../../../cluster/store.js';
import type { AffinityTerm } from './terms.js';
import { NO_LABELS, matchesAllTerms, podTerms, resolveIncoming, termMatches } from './terms.js';

export type TopologyCounts = Map<string, number>;

export function tpKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

function update(m: TopologyCounts, node: Node, key: string, value: number): void {
  const tv = node.labels[key];
  if (tv === undefined) return;
  const k = tpKey(key, tv);
  const v = (m.get(k) ?? 0) + value;
  if (v === 0) m.delete(k);
  else m.set(k, v);
}

export interface PreFilterState {
  requiredAffinity: AffinityTerm[];
  requiredAnti: AffinityTerm[];
  existingAntiAffinityCounts: TopologyCounts;
  affinityCounts: TopologyCounts;
  antiAffinityCounts: TopologyCounts;
  pod: Pod;
}

export function preFilterState(store: ClusterStore, pod: Pod, podsWithRequiredAnti: Iterable<Pod>, allNodes: readonly Node[]): PreFilterState {
  const own = podTerms(pod);
  const s: PreFilterState = {
    requiredAffinity: own.requiredAffinity.map(resolveIncoming),
    requiredAnti: own.requiredAnti.map(resolveIncoming),
    existingAntiAffinityCounts: new Map(),
    affinityCounts: new Map(),
    antiAffinityCounts: new Map(),
    pod,
  };
  for (const existing of podsWithRequiredAnti) {
    const node = store.nodeOf(existing)!;
    for (const t of podTerms(existing).requiredAnti) if (termMatches(t, pod, NO_LABELS)) update(s.existingAntiAffinityCounts, node, t.topologyKey, 1);
  }
  if (s.requiredAffinity.length === 0 && s.requiredAnti.length === 0) return s;
  for (const node of allNodes) {
    for (const existing of store.podsOn(node)) {
      if (matchesAllTerms(s.requiredAffinity, existing)) for (const t of s.requiredAffinity) update(s.affinityCounts, node, t.topologyKey, 1);
      for (const t of s.requiredAnti) if (termMatches(t, existing, NO_LABELS)) update(s.antiAffinityCounts, node, t.topologyKey, 1);
    }
  }
  return s;
}

export function satisfyPodAffinity(s: PreFilterState, node: Node): boolean {
  let podsExist = true;
  for (const t of s.requiredAffinity) {
    const v = node.labels[t.topologyKey];
    if (v === undefined) return false;
    if ((s.affinityCounts.get(tpKey(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself may go anywhere the topology keys exist.
  return s.affinityCounts.size === 0 && matchesAllTerms(s.requiredAffinity, s.pod);
}

export function satisfyPodAntiAffinity(s: PreFilterState, node: Node): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  for (const t of s.requiredAnti) {
    const v = node.labels[t.topologyKey];
    if (v !== undefined && (s.antiAffinityCounts.get(tpKey(t.topologyKey, v)) ?? 0) > 0) return false;
  }
  return true;
}

export function satisfyExistingPodsAntiAffinity(s: PreFilterState, node: Node): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  for (const key in node.labels) if ((s.existingAntiAffinityCounts.get(tpKey(key, node.labels[key]!)) ?? 0) > 0) return false;
  return true;
}
