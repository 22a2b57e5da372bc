/**
 * PodTopologySpread PreScore/Score/NormalizeScore state (plugins/podtopologyspread/scoring.go): per
 * topology pair counts over all nodes for the domains present among the candidates, weights ln(size + 2),
 * score sum(count x weight + maxSkew - 1) rounded, normalized as 100 x (max + min - s) / max.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterStore } from '../../../cluster/store.js';
import { goRound } from '../helper/normalize-score.js';
import type { Constraint } from './common.js';
import type { Entry, NodeCountCache } from './count-cache.js';
import { LABEL_HOSTNAME, matchesInclusionPolicies, nodeHasAllKeys, policiesTrivial } from './common.js';

export interface PreScoreState {
  constraints: Constraint[];
  ignoredNodes: Set<string>;
  /** topologyValueToPodCounts[i]: value -> matching pods, for the domains among the candidates. */
  valueCounts: Map<string, number>[];
  weights: number[];
  /** Count cache lines per constraint, looked up once per cycle. */
  entries: (Entry | null)[];
}

export function preScoreState(store: ClusterStore, cache: NodeCountCache, pod: Pod, constraints: Constraint[], filtered: readonly Node[], requireAllTopologies: boolean): PreScoreState {
  const s: PreScoreState = { constraints, ignoredNodes: new Set(), valueCounts: constraints.map(() => new Map()), weights: [], entries: constraints.map((c) => cache.entry(c, pod.namespace)) };
  const topoSize = constraints.map(() => 0);
  for (const node of filtered) {
    if (requireAllTopologies && !nodeHasAllKeys(node, constraints)) {
      s.ignoredNodes.add(node.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME) return;
      const value = node.labels[c.topologyKey] ?? '';
      if (!s.valueCounts[i]!.has(value)) {
        s.valueCounts[i]!.set(value, 0);
        topoSize[i]!++;
      }
    });
  }
  s.weights = constraints.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? filtered.length - s.ignoredNodes.size : topoSize[i]!) + 2));
  // Pods are counted over all nodes, for the domains present among the candidates (hostname: in Score).
  const zonal = constraints.map((c, i) => i).filter((i) => constraints[i]!.topologyKey !== LABEL_HOSTNAME);
  if (zonal.length > 0) {
    const entries = s.entries;
    const trivial = constraints.map((c) => policiesTrivial(c, pod));
    const nodes = store.nodes;
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n]!;
      if (node.deleted || (requireAllTopologies && !nodeHasAllKeys(node, constraints))) continue;
      for (const i of zonal) {
        const c = constraints[i]!;
        const counts = s.valueCounts[i]!;
        const cur = counts.get(node.labels[c.topologyKey] ?? '');
        if (cur === undefined || (!trivial[i] && !matchesInclusionPolicies(c, pod, node))) continue;
        counts.set(node.labels[c.topologyKey] ?? '', cur + cache.countAt(entries[i]!, node, c, pod.namespace));
      }
    }
  }
  return s;
}

export function scoreNode(cache: NodeCountCache, s: PreScoreState, pod: Pod, node: Node): number {
  if (s.ignoredNodes.has(node.name)) return 0;
  let score = 0;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]!;
    const value = node.labels[c.topologyKey];
    if (value === undefined) continue;
    const cnt = c.topologyKey === LABEL_HOSTNAME ? cache.countAt(s.entries[i]!, node, c, pod.namespace) : (s.valueCounts[i]!.get(value) ?? 0);
    score += cnt * s.weights[i]! + (c.maxSkew - 1);
  }
  return goRound(score);
}

export function normalize(s: PreScoreState, nodes: readonly Node[], scores: number[]): void {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let i = 0; i < nodes.length; i++) {
    if (s.ignoredNodes.has(nodes[i]!.name)) continue;
    const v = scores[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  for (let i = 0; i < nodes.length; i++) {
    if (s.ignoredNodes.has(nodes[i]!.name)) scores[i] = 0;
    else if (max === 0) scores[i] = 100;
    else scores[i] = Math.trunc((100 * (max + min - scores[i]!)) / max);
  }
}
