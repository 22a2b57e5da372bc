/**
 * PodTopologySpread PreFilter/Filter state (plugins/podtopologyspread/filtering.go): per constraint,
 * the matching pod count per topology value over all nodes that carry every constraint's key and pass
 * the constraint's inclusion policies, and the global minimum (criticalPaths[0]).
 */
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterStore } from '../../../cluster/store.js';
import type { Constraint } from './common.js';
import type { NodeCountCache } from './count-cache.js';
import { matchesInclusionPolicies, nodeHasAllKeys, policiesTrivial } from './common.js';

export const MAX_INT32 = 2147483647;

export interface PreFilterState {
  constraints: Constraint[];
  /** tpValueToMatchNum[i]: topology value -> matching pods, for constraint i. */
  tpValueToMatchNum: Map<string, number>[];
  /** Smallest match count per constraint (MaxInt32 when it has no domain). */
  minMatch: number[];
}

export function preFilterState(store: ClusterStore, cache: NodeCountCache, pod: Pod, constraints: Constraint[]): PreFilterState {
  const s: PreFilterState = { constraints, tpValueToMatchNum: constraints.map(() => new Map()), minMatch: constraints.map(() => MAX_INT32) };
  const entries = constraints.map((c) => cache.entry(c, pod.namespace));
  const trivial = constraints.map((c) => policiesTrivial(c, pod));
  const nodes = store.nodes;
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n]!;
    if (node.deleted || !nodeHasAllKeys(node, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]!;
      if (!trivial[i] && !matchesInclusionPolicies(c, pod, node)) continue;
      const m = s.tpValueToMatchNum[i]!;
      const value = node.labels[c.topologyKey]!;
      m.set(value, (m.get(value) ?? 0) + cache.countAt(entries[i]!, node, c, pod.namespace));
    }
  }
  s.tpValueToMatchNum.forEach((m, i) => {
    for (const num of m.values()) if (num < s.minMatch[i]!) s.minMatch[i] = num;
  });
  return s;
}

/** The global minimum for the skew, 0 while fewer than minDomains domains exist. */
export function minMatchNum(s: PreFilterState, i: number): number {
  return s.tpValueToMatchNum[i]!.size < s.constraints[i]!.minDomains ? 0 : s.minMatch[i]!;
}
