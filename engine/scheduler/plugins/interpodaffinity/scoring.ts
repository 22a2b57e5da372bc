/**
 * InterPodAffinity PreScore/Score/NormalizeScore (plugins/interpodaffinity/scoring.go): weights of
 * matching preferred terms (both directions) and existing pods' required affinity (hardPodAffinityWeight)
 * summed per topology pair of the existing pod's node; min-max normalization, all 0 when equal.
 *
 * The per-pod sums are taken per pod group of the AffinityIndex: a term that matches adds
 * weight x (pods of the group in the domain), the same integer as adding weight once per pod.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import type { AffinityIndex } from './affinity-index.js';
import { TopologyCounts } from './filtering.js';
import type { PodGroup } from './pod-group.js';
import type { IncomingTerms, WeightedTerm } from './terms.js';

/** topologyScore[key][value]. */
export type ScoreMap = TopologyCounts;

/** Adds weight x multiplier x (group pods per domain) for each of `terms` whose flag (from `base`) is set. */
function addTerms(m: ScoreMap, ix: AffinityIndex, terms: readonly WeightedTerm[], flags: Uint8Array, base: number, g: PodGroup, multiplier: number): void {
  for (let i = 0; i < terms.length; i++) {
    if (flags[base + i] !== 1) continue;
    const t = terms[i]!;
    m.addAll(t.topologyKey, g.domains(t.topologyKey, ix.nodeLabels), t.weight * multiplier);
  }
}

/**
 * The score map of the cycle: the incoming pod's preferred terms against every live pod (when it has
 * any), then the existing pods' required affinity (x hardPodAffinityWeight) and preferred terms
 * against the incoming pod.
 */
export function scoreMap(ix: AffinityIndex, pod: Pod, own: IncomingTerms, hardPodAffinityWeight: number): ScoreMap {
  const m = new TopologyCounts();
  const base = own.requiredAffinity.length + own.requiredAnti.length;
  if (own.preferredAffinity.length + own.preferredAnti.length > 0) {
    for (const g of ix.groups) {
      const flags = g.incomingTermMatches(own);
      addTerms(m, ix, own.preferredAffinity, flags, base, g, 1);
      addTerms(m, ix, own.preferredAnti, flags, base + own.preferredAffinity.length, g, -1);
    }
  }
  for (const g of ix.withTerms) {
    const t = g.terms;
    const flags = g.ownTermMatches(pod.labels, pod.namespace);
    if (hardPodAffinityWeight > 0) {
      for (let i = 0; i < t.requiredAffinity.length; i++) if (flags[i] === 1) m.addAll(t.requiredAffinity[i]!.topologyKey, g.domains(t.requiredAffinity[i]!.topologyKey, ix.nodeLabels), hardPodAffinityWeight);
    }
    const pb = t.requiredAffinity.length + t.requiredAnti.length;
    addTerms(m, ix, t.preferredAffinity, flags, pb, g, 1);
    addTerms(m, ix, t.preferredAnti, flags, pb + t.preferredAffinity.length, g, -1);
  }
  return m;
}

export function scoreNode(m: ScoreMap, node: Node): number {
  let score = 0;
  for (let i = 0; i < m.keys.length; i++) {
    const v = node.labels[m.keys[i]!];
    if (v !== undefined) score += m.countAt(i, v);
  }
  return score;
}

export function normalize(scores: number[]): void {
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) {
    if (s > max) max = s;
    if (s < min) min = s;
  }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i]! - min) / diff)) : 0;
}
