/**
 * The brute-force PodTopologySpread computation the plugin used before its index (kept as the test
 * oracle): every PreFilter and PreScore walks all nodes and counts the matching pods on each.
 */
import type { Node } from '../../../../engine/cluster/node.js';
import type { Pod } from '../../../../engine/cluster/pod.js';
import type { ClusterStore } from '../../../../engine/cluster/store.js';
import { goRound } from '../../../../engine/scheduler/plugins/helper/normalize-score.js';
import type { Constraint } from '../../../../engine/scheduler/plugins/podtopologyspread/common.js';
import { LABEL_HOSTNAME, countMatching, matchesInclusionPolicies, nodeHasAllKeys, selectorMatchesSelf } from '../../../../engine/scheduler/plugins/podtopologyspread/common.js';

const MAX_INT32 = 2147483647;

export interface OracleFilter {
  tpValueToMatchNum: Map<string, number>[];
  minMatch: number[];
}

export function oraclePreFilter(store: ClusterStore, pod: Pod, constraints: readonly Constraint[]): OracleFilter {
  const s: OracleFilter = { tpValueToMatchNum: constraints.map(() => new Map()), minMatch: constraints.map(() => MAX_INT32) };
  for (const node of store.nodes) {
    if (node.deleted || !nodeHasAllKeys(node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!matchesInclusionPolicies(c, pod, node)) return;
      const m = s.tpValueToMatchNum[i]!;
      const value = node.labels[c.topologyKey]!;
      m.set(value, (m.get(value) ?? 0) + countMatching(store.podsOn(node), c.selector, pod.namespace));
    });
  }
  s.tpValueToMatchNum.forEach((m, i) => {
    for (const num of m.values()) if (num < s.minMatch[i]!) s.minMatch[i] = num;
  });
  return s;
}

/** Filter outcome: 'label' (missing key), 'skew' (maxSkew exceeded) or 'ok'. */
export function oracleFilter(s: OracleFilter, constraints: readonly Constraint[], pod: Pod, node: Node): 'label' | 'skew' | 'ok' {
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i]!;
    const value = node.labels[c.topologyKey];
    if (value === undefined) return 'label';
    const min = s.tpValueToMatchNum[i]!.size < c.minDomains ? 0 : s.minMatch[i]!;
    const self = selectorMatchesSelf(c.selector, pod.labels) ? 1 : 0;
    if ((s.tpValueToMatchNum[i]!.get(value) ?? 0) + self - min > c.maxSkew) return 'skew';
  }
  return 'ok';
}

/** Normalized scores of the candidates, as PreScore + Score + NormalizeScore computed them. */
export function oracleScores(store: ClusterStore, pod: Pod, constraints: readonly Constraint[], filtered: readonly Node[], requireAll: boolean): number[] {
  const ignored = new Set<string>();
  const valueCounts = constraints.map(() => new Map<string, number>());
  for (const node of filtered) {
    if (requireAll && !nodeHasAllKeys(node, constraints)) {
      ignored.add(node.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey !== LABEL_HOSTNAME) valueCounts[i]!.set(node.labels[c.topologyKey] ?? '', 0);
    });
  }
  const weights = constraints.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? filtered.length - ignored.size : valueCounts[i]!.size) + 2));
  for (const node of store.nodes) {
    if (node.deleted || (requireAll && !nodeHasAllKeys(node, constraints))) continue;
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME) return;
      const value = node.labels[c.topologyKey] ?? '';
      const cur = valueCounts[i]!.get(value);
      if (cur === undefined || !matchesInclusionPolicies(c, pod, node)) return;
      valueCounts[i]!.set(value, cur + countMatching(store.podsOn(node), c.selector, pod.namespace));
    });
  }
  const raw = filtered.map((node) => {
    if (ignored.has(node.name)) return 0;
    let score = 0;
    constraints.forEach((c, i) => {
      const value = node.labels[c.topologyKey];
      if (value === undefined) return;
      const cnt = c.topologyKey === LABEL_HOSTNAME ? countMatching(store.podsOn(node), c.selector, pod.namespace) : (valueCounts[i]!.get(value) ?? 0);
      score += cnt * weights[i]! + (c.maxSkew - 1);
    });
    return goRound(score);
  });
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  filtered.forEach((n, i) => {
    if (ignored.has(n.name)) return;
    min = Math.min(min, raw[i]!);
    max = Math.max(max, raw[i]!);
  });
  return filtered.map((n, i) => (ignored.has(n.name) ? 0 : max === 0 ? 100 : Math.trunc((100 * (max + min - raw[i]!)) / max)));
}
