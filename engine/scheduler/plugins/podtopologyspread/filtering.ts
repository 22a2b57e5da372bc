/**
 * PodTopologySpread PreFilter/Filter (plugins/podtopologyspread/filtering.go): per constraint, the
 * matching pod count per topology value over all nodes that carry every constraint's key and pass the
 * constraint's inclusion policies (tpValueToMatchNum, kept by the SpreadIndex), and the global minimum
 * (criticalPaths[0]), 0 while fewer than minDomains domains exist.
 */
import type { Node } from '../../../cluster/node.js';
import type { HardPlan } from './plan.js';
import { MAX_INT32 } from './domain-view.js';

export { MAX_INT32 };

/** Snapshots the global minimum of every constraint for this cycle. */
export function preFilterMinimums(s: HardPlan): void {
  for (let i = 0; i < s.constraints.length; i++) {
    const counts = s.counts[i]!;
    s.minMatch[i] = counts.domains < s.constraints[i]!.minDomains ? 0 : counts.min;
  }
}

/** Filter: -1 when a constraint's key is missing, 1 when the skew would pass maxSkew, else 0. */
export function checkNode(s: HardPlan, node: Node): number {
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]!;
    const counts = s.counts[i]!;
    const view = counts.view;
    const n = node.index;
    let match: number;
    if (n < view.hasKey.length) {
      if (view.hasKey[n] === 0) return -1;
      match = counts.count[view.valueOf[n]!]!;
    } else {
      // A node the store does not hold (never indexed): the count of its domain by value.
      const value = node.labels[c.topologyKey];
      if (value === undefined) return -1;
      const id = view.idOf(value);
      match = id === undefined ? 0 : counts.count[id]!;
    }
    if (match + s.self[i]! - s.minMatch[i]! > c.maxSkew) return 1;
  }
  return 0;
}
