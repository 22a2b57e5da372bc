/**
 * selectHost (schedule_one.go): the candidate with the highest total, a tie broken at random or by node rank.
 */
import type { Node } from '../../cluster/node.js';
import type { Rng } from '../../core/rng.js';
import type { TopScore } from '../fastpath/default-profile.js';
import type { NodeRanking } from '../node-rank.js';

/**
 * Highest total; each of the tied maxima is chosen with probability 1/ties, as upstream's reservoir
 * sampling gives, but with one draw per cycle instead of one per tie (PERFORMANCE.md lesson 5).
 * With the nodeRank tie-break the tied node of smallest rank wins (no draw; node-rank.ts).
 */
export function selectHost(totals: Float64Array, m: number, feasible: readonly Node[], rng: Rng, ranking: NodeRanking | undefined, top: TopScore | null = null): number {
  let max = totals[0]!;
  let ties = 1;
  let first = 0;
  if (top !== null) {
    // the fused path's last pass scanned the totals as below
    max = top.max;
    ties = top.ties;
    first = top.first;
  } else {
    for (let i = 1; i < m; i++) {
      const t = totals[i]!;
      if (t > max) {
        max = t;
        ties = 1;
        first = i;
      } else if (t === max) ties++;
    }
  }
  if (ties === 1) return first;
  if (ranking !== undefined) return lowestRank(totals, m, max, feasible, ranking);
  // The pick-th of the tied maxima in candidate order (the first is at `first`).
  let pick = rng.int(ties);
  if (top !== null && top.locator) return top.locator.tie(pick);
  for (let i = first; i < m; i++) {
    if (totals[i] !== max) continue;
    if (pick === 0) return i;
    pick--;
  }
  return 0;
}

function lowestRank(totals: Float64Array, m: number, max: number, feasible: readonly Node[], ranking: NodeRanking): number {
  let best = -1;
  let bestRank = Infinity;
  for (let i = 0; i < m; i++) {
    if (totals[i] !== max) continue;
    const r = ranking.rank(feasible[i]!);
    if (r < bestRank) {
      bestRank = r;
      best = i;
    }
  }
  return best;
}
