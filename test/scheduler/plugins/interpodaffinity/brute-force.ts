/**
 * The from-scratch InterPodAffinity computation (the plugin as it was before the AffinityIndex): walks
 * every live pod on every live node per cycle. Kept here, not in engine/, as the oracle of the index tests.
 */
import type { Node } from '../../../../engine/cluster/node.js';
import type { Pod } from '../../../../engine/cluster/pod.js';
import type { ClusterStore } from '../../../../engine/cluster/store.js';
import type { AffinityTerm, WeightedTerm } from '../../../../engine/scheduler/plugins/interpodaffinity/terms.js';
import { NO_LABELS, matchesAllTerms, podTerms, resolveIncoming, termMatches } from '../../../../engine/scheduler/plugins/interpodaffinity/terms.js';

type Counts = Map<string, number>;
const tpKey = (key: string, value: string): string => `${key}\u0000${value}`;

function update(m: Counts, node: Node, key: string): void {
  const tv = node.labels[key];
  if (tv === undefined) return;
  const k = tpKey(key, tv);
  m.set(k, (m.get(k) ?? 0) + 1);
}

function liveNodes(store: ClusterStore): Node[] {
  return store.nodes.filter((n) => !n.deleted);
}

/** The Filter verdict per live node (reason or null), or 'skip' when PreFilter would Skip. */
export function bruteFilter(store: ClusterStore, pod: Pod): 'skip' | Map<string, string | null> {
  const own = podTerms(pod);
  const requiredAffinity: AffinityTerm[] = own.requiredAffinity.map(resolveIncoming);
  const requiredAnti: AffinityTerm[] = own.requiredAnti.map(resolveIncoming);
  const existingAnti: Counts = new Map();
  const affinity: Counts = new Map();
  const anti: Counts = new Map();
  for (const node of liveNodes(store)) {
    for (const existing of store.podsOn(node)) {
      for (const t of podTerms(existing).requiredAnti) if (termMatches(t, pod, NO_LABELS)) update(existingAnti, node, t.topologyKey);
      if (matchesAllTerms(requiredAffinity, existing)) for (const t of requiredAffinity) update(affinity, node, t.topologyKey);
      for (const t of requiredAnti) if (termMatches(t, existing, NO_LABELS)) update(anti, node, t.topologyKey);
    }
  }
  if (existingAnti.size === 0 && requiredAffinity.length === 0 && requiredAnti.length === 0) return 'skip';
  const out = new Map<string, string | null>();
  for (const node of liveNodes(store)) {
    let reason: string | null = null;
    let podsExist = true;
    let keysMissing = false;
    for (const t of requiredAffinity) {
      const v = node.labels[t.topologyKey];
      if (v === undefined) keysMissing = true;
      else if ((affinity.get(tpKey(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
    }
    const affinityOk = !keysMissing && (podsExist || (affinity.size === 0 && matchesAllTerms(requiredAffinity, pod)));
    if (!affinityOk) reason = 'affinity';
    else if (anti.size > 0 && requiredAnti.some((t) => node.labels[t.topologyKey] !== undefined && (anti.get(tpKey(t.topologyKey, node.labels[t.topologyKey]!)) ?? 0) > 0)) reason = 'anti';
    else if (Object.keys(node.labels).some((k) => (existingAnti.get(tpKey(k, node.labels[k]!)) ?? 0) > 0)) reason = 'existing';
    out.set(node.name, reason);
  }
  return out;
}

function processTerm(m: Map<string, Map<string, number>>, t: AffinityTerm, weight: number, pod: Pod, node: Node, multiplier: number): void {
  if (!termMatches(t, pod, NO_LABELS)) return;
  const v = node.labels[t.topologyKey];
  if (v === undefined) return;
  let byValue = m.get(t.topologyKey);
  if (!byValue) m.set(t.topologyKey, (byValue = new Map()));
  byValue.set(v, (byValue.get(v) ?? 0) + weight * multiplier);
}

/** The raw Score per live node, or 'skip' when PreScore would Skip. */
export function bruteScore(store: ClusterStore, pod: Pod, hardPodAffinityWeight: number, ignorePreferredTermsOfExistingPods = false): 'skip' | Map<string, number> {
  const own = podTerms(pod);
  const affinity: WeightedTerm[] = own.preferredAffinity.map((t) => ({ ...resolveIncoming(t), weight: t.weight }));
  const anti: WeightedTerm[] = own.preferredAnti.map((t) => ({ ...resolveIncoming(t), weight: t.weight }));
  if (affinity.length + anti.length === 0 && ignorePreferredTermsOfExistingPods) return 'skip';
  const m = new Map<string, Map<string, number>>();
  for (const node of liveNodes(store)) {
    for (const existing of store.podsOn(node)) {
      for (const t of affinity) processTerm(m, t, t.weight, existing, node, 1);
      for (const t of anti) processTerm(m, t, t.weight, existing, node, -1);
      const terms = podTerms(existing);
      if (hardPodAffinityWeight > 0) for (const t of terms.requiredAffinity) processTerm(m, t, hardPodAffinityWeight, pod, node, 1);
      for (const t of terms.preferredAffinity) processTerm(m, t, t.weight, pod, node, 1);
      for (const t of terms.preferredAnti) processTerm(m, t, t.weight, pod, node, -1);
    }
  }
  if (m.size === 0) return 'skip';
  const out = new Map<string, number>();
  for (const node of liveNodes(store)) {
    let score = 0;
    for (const [key, byValue] of m) {
      const v = node.labels[key];
      if (v !== undefined) score += byValue.get(v) ?? 0;
    }
    out.set(node.name, score);
  }
  return out;
}
