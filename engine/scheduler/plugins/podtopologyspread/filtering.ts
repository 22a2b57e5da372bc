/**
 * PodTopologySpread PreFilter/Filter state (plugins/podtopologyspread/filtering.go): matching pod counts
 * per topology pair over all nodes that carry every constraint's key and pass the inclusion policies,
 * the number of domains per key, and the global minimum per key.
 */
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterStore } from '../../../cluster/store.js';
import { forEachLiveNode } from '../helper/nodes.js';
import type { Constraint } from './common.js';
import { countMatching, matchesInclusionPolicies, nodeHasAllKeys, pairKey } from './common.js';

export const MAX_INT32 = 2147483647;

export interface PreFilterState {
  constraints: Constraint[];
  tpPairToMatchNum: Map<string, number>;
  tpKeyToDomainsNum: Map<string, number>;
  /** Smallest match count per topology key (criticalPaths[0]). */
  minMatchByKey: Map<string, number>;
}

export function preFilterState(store: ClusterStore, pod: Pod, constraints: Constraint[]): PreFilterState {
  const s: PreFilterState = { constraints, tpPairToMatchNum: new Map(), tpKeyToDomainsNum: new Map(), minMatchByKey: new Map() };
  if (constraints.length === 0) return s;
  forEachLiveNode(store, (node) => {
    if (!nodeHasAllKeys(node, constraints)) return;
    for (const c of constraints) {
      if (!matchesInclusionPolicies(c, pod, node)) continue;
      const key = pairKey(c.topologyKey, node.labels[c.topologyKey]!);
      s.tpPairToMatchNum.set(key, (s.tpPairToMatchNum.get(key) ?? 0) + countMatching(store.podsOn(node), c.selector, pod.namespace));
    }
  });
  for (const [pair, num] of s.tpPairToMatchNum) {
    const key = pair.slice(0, pair.indexOf('\u0000'));
    s.tpKeyToDomainsNum.set(key, (s.tpKeyToDomainsNum.get(key) ?? 0) + 1);
    if (num < (s.minMatchByKey.get(key) ?? MAX_INT32)) s.minMatchByKey.set(key, num);
  }
  return s;
}

/** The global minimum for the skew, 0 while fewer than minDomains domains exist. */
export function minMatchNum(s: PreFilterState, key: string, minDomains: number): number {
  const min = s.minMatchByKey.get(key) ?? MAX_INT32;
  return (s.tpKeyToDomainsNum.get(key) ?? 0) < minDomains ? 0 : min;
}
