/**
 * PodTopologySpread's Score + NormalizeScore for the fused path, one computation per distinct input
 * instead of per candidate. A candidate's raw score depends only on, per constraint, whether it carries
 * the key and its count: for a hostname constraint its own matching pods, for the others its domain
 * (count per domain is fixed during the cycle). With at most one hostname constraint and few domain
 * combinations (the system defaults: hostname + three zones), those inputs pack into a small integer
 * key; each key seen this cycle gets its raw score (the arithmetic of ScoreCycle.scoreAll, in the same
 * order, on the same numbers: the same double), its rounding and its normalized score once, and every
 * candidate reads its key's. A 5,000-node cycle then rounds and divides a few dozen times, not 5,000.
 */
import type { Node } from '../../../cluster/node.js';
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import { goRound } from '../helper/normalize-score.js';
import type { SoftPlan } from './plan.js';

/** Most domain combinations a table takes (product over domain constraints of values + 1). */
export const MAX_COMBOS = 1024;
const EMPTY: readonly number[] = [];

/** What windowWeights() keeps per standing candidate list (fastpath/standing-list.ts), by node position. */
export interface StandingKeys {
  readonly nodes: readonly Node[];
  /** 1 where the node passes the filters. */
  readonly ok: Uint8Array;
  readonly key: Int32Array;
  /** The epoch at which key[p] was computed; a changed node's entry is set to 0. */
  readonly keyAt: Int32Array;
  keyEpoch: number;
  keyPlan: unknown;
  keyCombos: number;
  /** Windows of every passing node: candidates per key while countEpoch = keyEpoch, the positions counted, those to count again. */
  keyCount: Int32Array;
  readonly counted: Uint8Array;
  countEpoch: number;
  readonly staleKeys: number[];
}

/** The highest total of a cycle, how many candidates have it and the first of them (selectHost's scan). */
export interface TopScore {
  max: number;
  ties: number;
  /** The first tied candidate (with a locator: only when ties is 1, else -1). */
  first: number;
  /** Set when the totals were not written (fastpath/standing-blocks.ts): it finds the tied candidates. */
  locator?: TieLocator | null;
}

/** The candidate index of the j-th (from 0, in candidate order) of a cycle's tied highest totals. */
export interface TieLocator {
  tie(j: number): number;
}

export class ScoreTable {
  private stamp = 0;
  /** Per key: the cycle stamp it was computed at, its rounded raw score, its normalized score. */
  private at = new Int32Array(256);
  private rounded = new Float64Array(256);
  private normalized = new Float64Array(256);
  /** The keys seen this cycle, and each candidate's key. */
  private used = new Int32Array(256);
  private usedCount = 0;
  /** windowWeights()'s range of the rounded raw scores. */
  private min = 0;
  private max = 0;
  private keyOf = new Int32Array(64);
  /** Per domain constraint of the current plan: its index and key stride. */
  private readonly domains: number[] = [];
  private readonly strides: number[] = [];

  /**
   * totals[k] = (totals[k] + pre) + weight x the normalized score of nodes[k] (node index idx[k]), and
   * with `top` the highest of the new totals (these are then the cycle's final totals); false (totals
   * untouched) when the plan does not fit a table (two hostname constraints, too many combinations): the
   * caller takes the per-candidate loops. No candidate may be ignored (the caller checks).
   */
  addWeighted(plan: SoftPlan, nodes: readonly Node[], idx: Int32Array, m: number, weight: number, totals: Float64Array, pre: number, top: TopScore | null): boolean {
    const hostCombos = this.layout(plan);
    if (hostCombos < 0) return false;
    const cs = plan.constraints;
    const host = plan.counts.indexOf(null);
    const hasKeyH = host < 0 ? null : plan.hostViews[host]!.hasKey;
    const lineH = host < 0 ? null : plan.lines[host]!.counts;
    const keyH = host < 0 ? '' : cs[host]!.topologyKey;
    if (this.keyOf.length < m) this.keyOf = new Int32Array(Math.max(m, this.keyOf.length * 2));
    const keyOf = this.keyOf;
    const stamp = ++this.stamp;
    this.usedCount = 0;
    // The first domain constraint's arrays in locals (the system defaults have one), the others looked up.
    const d = this.domains.length;
    const first = d === 0 ? null : plan.counts[this.domains[0]!]!.view;
    const hasKey0 = first === null ? EMPTY : first.hasKey;
    const valueOf0 = first === null ? EMPTY : first.valueOf;
    const knownH = hasKeyH === null ? 0 : hasKeyH.length;
    const countedH = lineH === null ? 0 : lineH.length;
    let seen = this.at;
    for (let k = 0; k < m; k++) {
      const n = idx[k]!;
      let key = hasKey0[n] === 1 ? 1 + valueOf0[n]! : 0;
      if (d > 1) key += this.otherDomains(plan, n);
      if (hasKeyH !== null && (n < knownH ? hasKeyH[n] === 1 : nodes[k]!.labels[keyH] !== undefined)) key += (1 + (n < countedH ? lineH![n]! : 0)) * hostCombos;
      if (key >= seen.length || seen[key] !== stamp) {
        this.register(plan, nodes[k]!, n, key, stamp);
        seen = this.at;
      }
      keyOf[k] = key;
    }
    const usedCount = this.usedCount;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (let u = 0; u < usedCount; u++) {
      const v = this.rounded[this.used[u]!]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    for (let u = 0; u < usedCount; u++) {
      const key = this.used[u]!;
      this.normalized[key] = max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - this.rounded[key]!)) / max);
    }
    const normalized = this.normalized;
    if (top === null) {
      for (let k = 0; k < m; k++) totals[k] = totals[k]! + pre + normalized[keyOf[k]!]! * weight;
      return true;
    }
    // selectHost's scan, folded in: the first maximum and the number of ties.
    let best = -Infinity;
    let ties = 0;
    let at = 0;
    for (let k = 0; k < m; k++) {
      const t = totals[k]! + pre + normalized[keyOf[k]!]! * weight;
      totals[k] = t;
      if (t > best) {
        best = t;
        ties = 1;
        at = k;
      } else if (t === best) ties++;
    }
    top.max = best;
    top.ties = ties;
    top.first = at;
    return true;
  }

  /**
   * For a standing candidate list (fastpath/standing-list.ts): per key present among the m candidates at
   * node positions pos[0..m), `pre` + weight x its normalized score: what addWeighted() adds to a
   * candidate of that key (integers, so the same sum). Keys are remembered per node position and
   * recomputed where stale or when the plan or its layout changed. For a window of every passing node
   * (`full`) the candidates per key are kept across cycles and key[pos[k]] is current on return; else
   * each candidate's key goes to keyOf[k]. The raw score of a key comes from its digits, in rawScore()'s
   * order and arithmetic. Null when no table fits the plan.
   */
  windowWeights(plan: SoftPlan, keys: StandingKeys, pos: Int32Array, m: number, full: boolean, keyOf: Int32Array, weight: number, pre: number): Float64Array | null {
    if (!this.beginStanding(plan, keys)) return null;
    const hostCombos = this.standingCombos;
    this.startUse();
    if (full) this.countedKeys(plan, keys, pos, m, hostCombos);
    else this.windowKeys(plan, keys, pos, m, keyOf, hostCombos);
    return this.finishWeights(weight, pre);
  }

  /** The list and plan of the last beginStanding(), with the plan's hostname stride. */
  private standingPlan: SoftPlan | null = null;
  private standingKeys: StandingKeys | null = null;
  private standingCombos = 0;

  /**
   * A cycle over a standing candidate list starts: the plan's layout, and a new key epoch when the plan
   * or its layout changed since the list's keys were computed. False when no table fits the plan.
   */
  beginStanding(plan: SoftPlan, keys: StandingKeys): boolean {
    const hostCombos = this.layout(plan);
    if (hostCombos < 0) return false;
    if (keys.keyPlan !== plan || keys.keyCombos !== hostCombos) {
      keys.keyPlan = plan;
      keys.keyCombos = hostCombos;
      keys.keyEpoch++;
    }
    this.standingPlan = plan;
    this.standingKeys = keys;
    this.standingCombos = hostCombos;
    return true;
  }

  /** Node position p's key in the list of the last beginStanding() (recomputed unless current). */
  standingKey(p: number): number {
    return this.currentKey(this.standingPlan!, this.standingKeys!, p, this.standingCombos);
  }

  /**
   * For the keys present (present[0..count), after beginStanding()): per key, `pre` + weight x its
   * normalized score among them, as windowWeights() gives for a window with exactly those keys.
   */
  standingWeightsOf(present: Int32Array, count: number, weight: number, pre: number): Float64Array {
    const plan = this.standingPlan!;
    this.startUse();
    for (let i = 0; i < count; i++) this.use(plan, present[i]!, this.standingCombos);
    return this.finishWeights(weight, pre);
  }

  private startUse(): void {
    this.stamp++;
    this.usedCount = 0;
    this.min = Number.MAX_SAFE_INTEGER;
    this.max = 0;
  }

  /** Per key used since startUse(): `pre` + weight x its normalized score over the range of those used. */
  private finishWeights(weight: number, pre: number): Float64Array {
    const min = this.min;
    const max = this.max;
    for (let u = 0; u < this.usedCount; u++) {
      const kk = this.used[u]!;
      const normalized = max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - this.rounded[kk]!)) / max);
      this.normalized[kk] = pre + normalized * weight;
    }
    return this.normalized;
  }

  /** windowWeights() over a window: each candidate's key into keyOf, each distinct key used. */
  private windowKeys(plan: SoftPlan, keys: StandingKeys, pos: Int32Array, m: number, keyOf: Int32Array, hostCombos: number): void {
    const epoch = keys.keyEpoch;
    const stamp = this.stamp;
    // The plain candidates in a loop of its own (gatherKeys); each that needs work stops it.
    for (let k = gatherKeys(pos, m, keys.keyAt, epoch, keys.key, keyOf, this.at, stamp); k < m; k = gatherKeys(pos, m, keys.keyAt, epoch, keys.key, keyOf, this.at, stamp, k + 1)) {
      const kk = this.currentKey(plan, keys, pos[k]!, hostCombos);
      keyOf[k] = kk;
      this.use(plan, kk, hostCombos);
    }
  }

  /** windowWeights() over every passing node: the kept counts per key brought up to date, each key present used. */
  private countedKeys(plan: SoftPlan, keys: StandingKeys, pos: Int32Array, m: number, hostCombos: number): void {
    if (keys.countEpoch !== keys.keyEpoch) {
      keys.keyCount.fill(0);
      keys.counted.fill(0);
      for (let k = 0; k < m; k++) this.count(plan, keys, pos[k]!, hostCombos);
      keys.countEpoch = keys.keyEpoch;
    } else {
      for (const p of keys.staleKeys) if (keys.ok[p] === 1 && keys.counted[p] === 0) this.count(plan, keys, p, hostCombos);
    }
    keys.staleKeys.length = 0;
    const count = keys.keyCount;
    for (let kk = 0; kk < count.length; kk++) if (count[kk]! > 0) this.use(plan, kk, hostCombos);
  }

  /** Adds node position p's key to the kept counts. */
  private count(plan: SoftPlan, keys: StandingKeys, p: number, hostCombos: number): void {
    const kk = this.currentKey(plan, keys, p, hostCombos);
    if (kk >= keys.keyCount.length) {
      const grown = new Int32Array(Math.max(kk + 1, keys.keyCount.length * 2));
      grown.set(keys.keyCount);
      keys.keyCount = grown;
    }
    keys.keyCount[kk]!++;
    keys.counted[p] = 1;
  }

  /** Node position p's key, recomputed unless current. */
  private currentKey(plan: SoftPlan, keys: StandingKeys, p: number, hostCombos: number): number {
    if (keys.keyAt[p] !== keys.keyEpoch) {
      keys.key[p] = this.keyOfNode(plan, keys.nodes[p]!, hostCombos);
      keys.keyAt[p] = keys.keyEpoch;
    }
    return keys.key[p]!;
  }

  /** A key present this cycle: its rounded raw score, once, and the range. */
  private use(plan: SoftPlan, kk: number, hostCombos: number): void {
    if (kk >= this.at.length) this.grow(kk + 1);
    if (this.at[kk] === this.stamp) return;
    this.at[kk] = this.stamp;
    const v = goRound(this.rawOfKey(plan, kk, hostCombos));
    this.rounded[kk] = v;
    this.used[this.usedCount++] = kk;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  /** A node's key, as addWeighted() computes it for a candidate. */
  private keyOfNode(plan: SoftPlan, node: Node, hostCombos: number): number {
    const n = node.index;
    const first = this.domains.length === 0 ? null : plan.counts[this.domains[0]!]!.view;
    let key = first !== null && first.hasKey[n] === 1 ? 1 + first.valueOf[n]! : 0;
    if (this.domains.length > 1) key += this.otherDomains(plan, n);
    const host = plan.counts.indexOf(null);
    if (host >= 0) {
      const hasKey = plan.hostViews[host]!.hasKey;
      if (n < hasKey.length ? hasKey[n] === 1 : node.labels[plan.constraints[host]!.topologyKey] !== undefined) key += (1 + plan.lines[host]!.countAt(n)) * hostCombos;
    }
    return key;
  }

  /** rawScore() of a candidate with this key: the same sum over the constraints, from the key's digits. */
  private rawOfKey(plan: SoftPlan, key: number, hostCombos: number): number {
    const cs = plan.constraints;
    let raw = 0;
    let j = 0;
    for (let i = 0; i < cs.length; i++) {
      const w = plan.weights[i]!;
      const skew = cs[i]!.maxSkew - 1;
      const counts = plan.counts[i]!;
      if (counts === null) {
        const digit = Math.floor(key / hostCombos);
        if (digit > 0) raw = raw + ((digit - 1) * w + skew);
      } else {
        const digit = Math.floor((key % hostCombos) / this.strides[j]!) % (counts.view.values.length + 1);
        j++;
        if (digit > 0) raw = raw + (counts.count[digit - 1]! * w + skew);
      }
    }
    return raw;
  }

  /** The key digits of the domain constraints after the first. */
  private otherDomains(plan: SoftPlan, n: number): number {
    let key = 0;
    for (let j = 1; j < this.domains.length; j++) {
      const view = plan.counts[this.domains[j]!]!.view;
      if (view.hasKey[n] === 1) key += (1 + view.valueOf[n]!) * this.strides[j]!;
    }
    return key;
  }

  /** A key first seen this cycle: its rounded raw score, from the candidate that brought it. */
  private register(plan: SoftPlan, node: Node, n: number, key: number, stamp: number): void {
    if (key >= this.at.length) this.grow(key + 1);
    this.at[key] = stamp;
    this.rounded[key] = goRound(rawScore(plan, node, n));
    this.used[this.usedCount++] = key;
  }

  /** Strides of the plan's domain constraints; the hostname digit's stride, or -1 when no table fits. */
  private layout(plan: SoftPlan): number {
    // (written in place, every cycle: lists emptied by `length = 0` lose their storage in V8)
    let d = 0;
    let hosts = 0;
    let combos = 1;
    for (let i = 0; i < plan.counts.length && combos <= MAX_COMBOS && hosts <= 1; i++) {
      const counts = plan.counts[i]!;
      if (counts === null) {
        hosts++;
        continue;
      }
      this.domains[d] = i;
      this.strides[d++] = combos;
      combos *= counts.view.values.length + 1;
    }
    if (this.domains.length !== d) this.domains.length = this.strides.length = d;
    return combos > MAX_COMBOS || hosts > 1 ? -1 : combos;
  }

  private grow(size: number): void {
    const n = Math.max(size, this.at.length * 2);
    const at = new Int32Array(n);
    at.set(this.at);
    this.at = at;
    const rounded = new Float64Array(n);
    rounded.set(this.rounded);
    this.rounded = rounded;
    this.normalized = new Float64Array(n);
    const used = new Int32Array(n);
    used.set(this.used);
    this.used = used;
  }
}

/**
 * keyOf[k] = key[pos[k]] from `from` on while the key is current (keyAt = epoch) and already seen this
 * cycle (seen = stamp); returns the first k that is not (m when none). A loop without calls or property
 * reads: V8 compiles it on the stack (OSR) during the first long call, before anything after the loop has
 * run, and such code deoptimises on every later call at the first site it has no feedback for.
 */
function gatherKeys(pos: Int32Array, m: number, keyAt: Int32Array, epoch: number, key: Int32Array, keyOf: Int32Array, seen: Int32Array, stamp: number, from = 0): number {
  const size = seen.length;
  for (let k = from; k < m; k++) {
    const p = pos[k]!;
    if (keyAt[p] !== epoch) return k;
    const kk = key[p]!;
    if (kk >= size || seen[kk] !== stamp) return k;
    keyOf[k] = kk;
  }
  return m;
}

/** One candidate's raw score: ScoreCycle.scoreAll's sum over the constraints, in order. */
export function rawScore(plan: SoftPlan, node: Node, n: number): number {
  const cs = plan.constraints;
  let raw = 0;
  for (let i = 0; i < cs.length; i++) {
    const w = plan.weights[i]!;
    const skew = cs[i]!.maxSkew - 1;
    const counts = plan.counts[i]!;
    if (counts === null) {
      const hasKey = plan.hostViews[i]!.hasKey;
      if (n < hasKey.length ? hasKey[n] === 1 : node.labels[cs[i]!.topologyKey] !== undefined) raw = raw + (plan.lines[i]!.countAt(n) * w + skew);
    } else if (counts.view.hasKey[n] === 1) raw = raw + (counts.count[counts.view.valueOf[n]!]! * w + skew);
  }
  return raw;
}
