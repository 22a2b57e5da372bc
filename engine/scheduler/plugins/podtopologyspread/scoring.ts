/**
 * PodTopologySpread PreScore/Score/NormalizeScore (plugins/podtopologyspread/scoring.go): per
 * topology pair counts over all nodes for the domains present among the candidates, weights
 * ln(size + 2), score sum(count x weight + maxSkew - 1) rounded, normalized as 100 x (max + min - s) / max.
 * Candidates without every key are ignored when the constraints are the pod's own.
 */
import type { Node } from '../../../cluster/node.js';
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import { goRound } from '../helper/normalize-score.js';
import { LABEL_HOSTNAME, nodeHasAllKeys } from './common.js';
import type { SoftPlan } from './plan.js';
import { ScoreTable } from './score-table.js';
import type { StandingKeys, TopScore } from './score-table.js';
import type { SelectorLine } from './spread-index.js';

/** PreScore's candidates by their order: a list (ListedCandidates), or a standing list's window (fastpath/standing-list.ts). */
export interface Candidates {
  nodeAt(k: number): Node;
}

/** A list as Candidates (one kept per plugin, pointed at each cycle's list). */
export class ListedCandidates implements Candidates {
  list: readonly Node[] = [];
  nodeAt(k: number): Node {
    return this.list[k]!;
  }
}

/** One scoring cycle's state, reused from cycle to cycle (stamps instead of per-cycle sets). */
export class ScoreCycle {
  plan: SoftPlan | null = null;
  private stamp = 0;
  /** The cycle stamp per node index when the candidate is ignored. */
  private readonly ignoredAt: number[] = [];
  /** Whether this cycle ignores any candidate (most cycles ignore none: no per-node check then). */
  private anyIgnored = false;
  /** The scores scoreAll filled last and their range over the candidates not ignored. */
  private rangeOf: number[] | null = null;
  private min = 0;
  private max = 0;
  /** score()'s one-node arrays. */
  private readonly one: Node[] = [];
  private readonly oneScore: number[] = [];
  /** The fused path's per-key scores (score-table.ts). */
  private readonly table = new ScoreTable();

  /** initPreScoreState: the m candidates' domains and the weights. */
  prepare(plan: SoftPlan, candidates: Candidates, m: number): void {
    this.plan = plan;
    this.rangeOf = null;
    const stamp = ++this.stamp;
    const cs = plan.constraints;
    for (let i = 0; i < cs.length; i++) plan.topoSize[i] = 0;
    let ignored = 0;
    if (!plan.requireAll) this.countDomains(plan, candidates, m, stamp);
    else {
      for (let k = 0; k < m; k++) {
        const node = candidates.nodeAt(k);
        if (!nodeHasAllKeys(node, cs)) {
          while (this.ignoredAt.length <= node.index) this.ignoredAt.push(0);
          this.ignoredAt[node.index] = stamp;
          ignored++;
          continue;
        }
        for (let i = 0; i < cs.length; i++) {
          const counts = plan.counts[i]!;
          if (counts === null) continue;
          const id = counts.view.valueOf[node.index]!;
          if (counts.seen[id] !== stamp) {
            counts.seen[id] = stamp;
            plan.topoSize[i]!++;
          }
        }
      }
    }
    this.anyIgnored = ignored > 0;
    for (let i = 0; i < cs.length; i++) plan.weights[i] = Math.log((cs[i]!.topologyKey === LABEL_HOSTNAME ? m - ignored : plan.topoSize[i]!) + 2);
  }

  /**
   * Without ignored candidates (the system defaults): the distinct domains among the candidates, constraint
   * by constraint, each walk stopping once it has seen every value its view knows (a zone constraint over
   * thousands of candidates sees its three zones within a few nodes). Constraints sharing one DomainCounts
   * (same key, selector and inclusion) share its stamps, so the later ones count none, as a node-major walk
   * gives.
   */
  private countDomains(plan: SoftPlan, candidates: Candidates, m: number, stamp: number): void {
    const cs = plan.constraints;
    for (let i = 0; i < cs.length; i++) {
      const counts = plan.counts[i]!;
      if (counts === null) continue;
      const { valueOf, values } = counts.view;
      const seen = counts.seen;
      const all = values.length;
      let size = 0;
      for (let k = 0; k < m && size < all; k++) {
        const id = valueOf[candidates.nodeAt(k).index]!;
        if (seen[id] !== stamp) {
          seen[id] = stamp;
          size++;
        }
      }
      plan.topoSize[i] = size;
    }
  }

  private ignored(node: Node): boolean {
    return this.anyIgnored && this.ignoredAt[node.index] === this.stamp;
  }

  /** One node's score: scoreAll over that node alone (the same arithmetic as the fused walk). */
  score(node: Node): number {
    this.one[0] = node;
    this.scoreAll(this.one, this.oneScore);
    return this.oneScore[0]!;
  }

  /**
   * The score of every node of `nodes` into `out`, constraint by constraint (each node sums its
   * constraints in order), and the range normalize() needs.
   */
  scoreAll(nodes: readonly Node[], out: number[]): void {
    const plan = this.plan!;
    const cs = plan.constraints;
    const m = nodes.length;
    for (let k = 0; k < m; k++) out[k] = 0;
    for (let i = 0; i < cs.length; i++) {
      const w = plan.weights[i]!;
      const skew = cs[i]!.maxSkew - 1;
      const counts = plan.counts[i]!;
      if (counts === null) this.addHostname(nodes, out, plan.hostViews[i]!.hasKey, plan.lines[i]!, cs[i]!.topologyKey, w, skew);
      else {
        const { hasKey, valueOf } = counts.view;
        const count = counts.count;
        for (let k = 0; k < m; k++) {
          const n = nodes[k]!.index;
          if (hasKey[n] === 1) out[k] = out[k]! + (count[valueOf[n]!]! * w + skew);
        }
      }
    }
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (let k = 0; k < m; k++) {
      if (this.ignored(nodes[k]!)) {
        out[k] = 0;
        continue;
      }
      const v = goRound(out[k]!);
      out[k] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    this.rangeOf = out;
    this.min = min;
    this.max = max;
  }

  /**
   * The fused path's Score, NormalizeScore and weight in one: totals[k] += weight x the normalized score
   * of nodes[k], whose node index is idx[k]: the values scoreAll and normalize give (the same arithmetic
   * in the same order), read from flat arrays by node index. `raw`: scratch of at least m entries.
   * Normalized scores are 0..MaxNodeScore by construction (0 <= min <= s <= max), so no range check.
   * `pre` is added to each total first (the caller's previous plugin folded in); true when `top` was
   * filled with the highest new total (score-table.ts).
   */
  addWeighted(nodes: readonly Node[], idx: Int32Array, m: number, raw: Float64Array, weight: number, totals: Float64Array, pre: number, top: TopScore | null): boolean {
    const plan = this.plan!;
    if (!this.anyIgnored && this.table.addWeighted(plan, nodes, idx, m, weight, totals, pre, top)) return top !== null;
    if (pre !== 0) for (let k = 0; k < m; k++) totals[k] = totals[k]! + pre;
    const cs = plan.constraints;
    raw.fill(0, 0, m);
    for (let i = 0; i < cs.length; i++) {
      const w = plan.weights[i]!;
      const skew = cs[i]!.maxSkew - 1;
      const counts = plan.counts[i]!;
      if (counts === null) this.addHostnameAt(nodes, idx, m, raw, plan.hostViews[i]!.hasKey, plan.lines[i]!.counts, cs[i]!.topologyKey, w, skew);
      else {
        const { hasKey, valueOf } = counts.view;
        const count = counts.count;
        for (let k = 0; k < m; k++) {
          const n = idx[k]!;
          if (hasKey[n] === 1) raw[k] = raw[k]! + (count[valueOf[n]!]! * w + skew);
        }
      }
    }
    const ignoredAt = this.anyIgnored ? this.ignoredAt : null;
    const stamp = this.stamp;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (let k = 0; k < m; k++) {
      if (ignoredAt !== null && ignoredAt[idx[k]!] === stamp) continue;
      const v = goRound(raw[k]!);
      raw[k] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    this.rangeOf = null;
    for (let k = 0; k < m; k++) {
      let v: number;
      if (ignoredAt !== null && ignoredAt[idx[k]!] === stamp) v = 0;
      else if (max === 0) v = MAX_NODE_SCORE;
      else v = Math.trunc((MAX_NODE_SCORE * (max + min - raw[k]!)) / max);
      totals[k] = totals[k]! + v * weight;
    }
    return false;
  }

  /** score-table.ts windowWeights() for a standing candidate list; null when a candidate may be ignored or no table fits. */
  standingWeights(keys: StandingKeys, pos: Int32Array, m: number, full: boolean, keyOf: Int32Array, weight: number, pre: number): Float64Array | null {
    if (this.anyIgnored || this.plan === null) return null;
    return this.table.windowWeights(this.plan, keys, pos, m, full, keyOf, weight, pre);
  }

  /**
   * The table begun for a standing candidate list's keys (score-table.ts beginStanding), for a block
   * ranking (fastpath/standing-blocks.ts); null as for standingWeights().
   */
  standingTable(keys: StandingKeys): ScoreTable | null {
    if (this.anyIgnored || this.plan === null) return null;
    return this.table.beginStanding(this.plan, keys) ? this.table : null;
  }

  private addHostnameAt(nodes: readonly Node[], idx: Int32Array, m: number, raw: Float64Array, hasKey: readonly number[], line: Int32Array, key: string, w: number, skew: number): void {
    const known = hasKey.length;
    const counted = line.length;
    for (let k = 0; k < m; k++) {
      const n = idx[k]!;
      if (n < known ? hasKey[n] === 1 : nodes[k]!.labels[key] !== undefined) raw[k] = raw[k]! + ((n < counted ? line[n]! : 0) * w + skew);
    }
  }

  private addHostname(nodes: readonly Node[], out: number[], hasKey: readonly number[], line: SelectorLine, key: string, w: number, skew: number): void {
    for (let k = 0; k < nodes.length; k++) {
      const node = nodes[k]!;
      const n = node.index;
      if (n < hasKey.length ? hasKey[n] === 1 : node.labels[key] !== undefined) out[k] = out[k]! + (line.countAt(n) * w + skew);
    }
  }

  normalize(nodes: readonly Node[], scores: number[]): void {
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    if (this.rangeOf === scores) {
      // scoreAll just filled these scores and took their range
      min = this.min;
      max = this.max;
    } else {
      for (let i = 0; i < nodes.length; i++) {
        if (this.ignored(nodes[i]!)) continue;
        const v = scores[i]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    this.rangeOf = null;
    for (let i = 0; i < nodes.length; i++) {
      if (this.ignored(nodes[i]!)) scores[i] = 0;
      else if (max === 0) scores[i] = 100;
      else scores[i] = Math.trunc((100 * (max + min - scores[i]!)) / max);
    }
  }
}
