/**
 * InterPodAffinity PreScore/Score/NormalizeScore (plugins/interpodaffinity/scoring.go): weights of
 * matching preferred terms (both directions) and existing pods' required affinity (hardPodAffinityWeight)
 * summed per topology pair of the existing pod's node; min-max normalization, all 0 when equal.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import type { AffinityTerm, WeightedTerm } from './terms.js';
import { NO_LABELS, podTerms, resolveIncoming, termMatches } from './terms.js';

/** topologyScore[key][value]. */
export type ScoreMap = Map<string, Map<string, number>>;

function processTerm(m: ScoreMap, t: AffinityTerm, weight: number, pod: Pod, node: Node, multiplier: number): void {
  if (!termMatches(t, pod, NO_LABELS)) return;
  const v = node.labels[t.topologyKey];
  if (v === undefined) return;
  let byValue = m.get(t.topologyKey);
  if (!byValue) m.set(t.topologyKey, (byValue = new Map()));
  byValue.set(v, (byValue.get(v) ?? 0) + weight * multiplier);
}

function processTerms(m: ScoreMap, terms: readonly WeightedTerm[], pod: Pod, node: Node, multiplier: number): void {
  for (const t of terms) processTerm(m, t, t.weight, pod, node, multiplier);
}

export interface IncomingPreferred {
  affinity: WeightedTerm[];
  anti: WeightedTerm[];
}

export function incomingPreferred(pod: Pod): IncomingPreferred {
  const own = podTerms(pod);
  return { affinity: own.preferredAffinity.map((t) => ({ ...resolveIncoming(t), weight: t.weight })), anti: own.preferredAnti.map((t) => ({ ...resolveIncoming(t), weight: t.weight })) };
}

export function processExistingPod(m: ScoreMap, incoming: IncomingPreferred, existing: Pod, node: Node, pod: Pod, hardPodAffinityWeight: number): void {
  let hasLabels = false;
  for (const _ in node.labels) {
    hasLabels = true;
    break;
  }
  if (!hasLabels) return;
  processTerms(m, incoming.affinity, existing, node, 1);
  processTerms(m, incoming.anti, existing, node, -1);
  const terms = podTerms(existing);
  if (hardPodAffinityWeight > 0) for (const t of terms.requiredAffinity) processTerm(m, t, hardPodAffinityWeight, pod, node, 1);
  processTerms(m, terms.preferredAffinity, pod, node, 1);
  processTerms(m, terms.preferredAnti, pod, node, -1);
}

export function scoreNode(m: ScoreMap, node: Node): number {
  let score = 0;
  for (const [key, byValue] of m) {
    const v = node.labels[key];
    if (v !== undefined) score += byValue.get(v) ?? 0;
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
