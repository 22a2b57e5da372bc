/**
 * The score side of the fused default-profile path (default-profile.ts): every non-skipped plugin's raw
 * scores plugin-major over the candidates, the plugin's own NormalizeScore, then the weights, as
 * prioritize() does (all scores are integers and each total gets its additions in prioritize()'s order).
 * - One pass over the candidate objects: ImageLocality (the no-image score unless some node has images),
 *   NodeResourcesFit and NodeResourcesBalancedAllocation (remembered per spec, resource-scores.ts), and
 *   the candidates' node indexes; taints and images are read only while some node has them
 *   (node-score-flags.ts).
 * - TaintToleration: a constant without PreferNoSchedule taints among the candidates.
 * - PodTopologySpread: one call over the node indexes (score-table.ts).
 * - The last pass tracks the highest total, its ties and first position for selectHost.
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import { SimError } from '../../core/errors.js';
import type { CycleState, PreScorePlugin } from '../framework/interfaces.js';
import { MAX_NODE_SCORE, MIN_NODE_SCORE } from '../framework/interfaces.js';
import { Code } from '../framework/status.js';
import type { Status } from '../framework/status.js';
import { defaultNormalizeScore } from '../plugins/helper/normalize-score.js';
import type { ImageLocality } from '../plugins/imagelocality/image-locality.js';
import type { InterPodAffinity } from '../plugins/interpodaffinity/inter-pod-affinity.js';
import type { NodeAffinity } from '../plugins/nodeaffinity/node-affinity.js';
import type { NodeResourcesBalancedAllocation } from '../plugins/noderesources/balanced-allocation.js';
import type { NodeResourcesFit } from '../plugins/noderesources/fit.js';
import type { PodTopologySpread } from '../plugins/podtopologyspread/pod-topology-spread.js';
import type { TopScore } from '../plugins/podtopologyspread/score-table.js';
import type { TaintToleration } from '../plugins/tainttoleration/taint-toleration.js';
import { NO_IMAGES_NODE } from './formulas.js';
import type { NodeScoreFlags } from './node-score-flags.js';
import { IMAGES, TAINTED } from './resource-scores.js';
import type { ResourceScores } from './resource-scores.js';
import { StandingBlocks } from './standing-blocks.js';
import type { KeyTable } from './standing-blocks.js';
import type { Standing, StandingLists } from './standing-list.js';
import { pinnedNames } from './static-feasibility.js';

/** Indexes in the default profile's score list. */
export const S_NODE_AFFINITY = 1;
export const S_SPREAD = 3;
export const S_AFFINITY = 4;
/** Index of NodeResourcesBalancedAllocation in the score list (its PreScore may Skip). */
export const BALANCED = 5;
/** Candidates ranked one by one, in node counts, after which a standing list ranks by blocks (a build costs about one). */
const BLOCKS_AFTER = 4;

/** The score plugins of the default profile. */
export interface ScorePlugins {
  taint: TaintToleration;
  nodeAffinity: NodeAffinity;
  fit: NodeResourcesFit;
  spread: PodTopologySpread;
  interPod: InterPodAffinity;
  balanced: NodeResourcesBalancedAllocation;
  image: ImageLocality;
}

export class DefaultScore {
  private readonly taintRaw: number[] = [];
  private readonly raw: number[] = [];
  /** Scratch: the candidates' node indexes, PodTopologySpread's raw scores. */
  private idx = new Int32Array(64);
  private spreadRaw = new Float64Array(64);
  /** score()'s answer when its last pass tracked the highest total. */
  private readonly top: TopScore = { max: 0, ties: 0, first: 0, locator: null };

  /**
   * `inlineScores`: whether the fit/balanced scores take the inline formulas (the common resource
   * settings); `nodeFlags`: whether any node has PreferNoSchedule taints or images (undefined without
   * the store's events: every candidate's arrays are read).
   */
  constructor(
    private readonly p: ScorePlugins,
    private readonly resources: ResourceScores,
    private readonly inlineScores: boolean,
    private readonly nodeFlags: NodeScoreFlags | undefined,
    /** The fast path's standing candidate lists (standing-list.ts), when it keeps them. */
    private readonly standings: StandingLists | undefined = undefined,
  ) {}

  /**
   * Sets totals[0..m) to the weighted scores of the cycle's non-skipped plugins; returns the highest
   * total with its ties and first position when the last pass could track it (selectHost then skips its
   * scan), else null.
   */
  score(state: CycleState, pod: Pod, feasible: readonly Node[], totals: Float64Array, skip: readonly boolean[]): TopScore | null {
    const m = feasible.length;
    this.top.locator = null;
    const p = this.p;
    const spec = pod.spec;
    const noImages = p.image.score(state, pod, NO_IMAGES_NODE);
    const skipBalanced = skip[BALANCED] === true;
    let tainted = false;
    let idx: Int32Array | null = null;
    if (this.inlineScores && pinnedNames(spec) === null) {
      // One pass over the candidate objects: image (as if none had images), fit, balanced, node indexes.
      const f = this.nodeFlags;
      const check = f === undefined ? TAINTED | IMAGES : (f.preferNoSchedule > 0 ? TAINTED : 0) | (f.withImages > 0 ? IMAGES : 0);
      // Without taints or images anywhere, the walk's prepared scores and indexes serve as they are.
      const prepared = check === 0 && this.resources.setPrepared(spec, feasible, noImages, totals, skipBalanced);
      idx = prepared ? this.resources.walkIdx : this.indexScratch(m);
      const flags = prepared ? 0 : this.resources.setFrom(spec, feasible, noImages, totals, skipBalanced, idx, check);
      tainted = (flags & TAINTED) !== 0;
      if ((flags & IMAGES) !== 0) {
        for (let i = 0; i < m; i++) {
          const node = feasible[i]!;
          if (node.images.length !== 0) totals[i] = this.resources.redoWith(spec, idx[i]!, p.image.score(state, pod, node), skipBalanced);
        }
      }
    } else {
      for (let i = 0; i < m; i++) {
        const node = feasible[i]!;
        if (node.taints.length !== 0) tainted = true;
        let t = node.images.length === 0 ? noImages : p.image.score(state, pod, node);
        t += p.fit.score(state, pod, node);
        if (!skipBalanced) t += p.balanced.score(state, pod, node);
        totals[i] = t;
      }
    }
    // The plugin whose pass comes last may track the highest total; the untainted TaintToleration
    // constant goes into PodTopologySpread's pass when nothing is added in between (same order of additions).
    const top = this.top;
    const spreadLast = !skip[S_SPREAD] && skip[S_AFFINITY] === true;
    const taintLast = skip[S_NODE_AFFINITY] === true && skip[S_SPREAD] === true && skip[S_AFFINITY] === true;
    const foldTaint = !tainted && skip[S_NODE_AFFINITY] === true && !skip[S_SPREAD];
    let known = false;
    if (!foldTaint) known = this.addTaintToleration(state, pod, feasible, totals, tainted, taintLast ? top : null);
    if (!skip[S_NODE_AFFINITY]) this.addNodeAffinity(state, pod, feasible, totals);
    if (!skip[S_SPREAD]) known = this.addSpread(state, feasible, idx, totals, foldTaint ? 3 * MAX_NODE_SCORE : 0, spreadLast ? top : null);
    if (!skip[S_AFFINITY]) this.addInterPod(state, pod, feasible, totals);
    return known ? top : null;
  }

  /**
   * PreScore of one of the profile's plugins for a standing list's window, with what each reads of the
   * candidates: PodTopologySpread their node positions, InterPodAffinity their count, NodeResourcesFit,
   * BalancedAllocation and NodeAffinity nothing; any other plugin gets the window's nodes listed.
   */
  preScoreWindow(plugin: PreScorePlugin, state: CycleState, pod: Pod, s: Standing): Status | null {
    const p = this.p;
    if (plugin === p.spread) return p.spread.preScoreAt(state, pod, s, s.windowSize);
    if (plugin === p.interPod) return p.interPod.preScoreOf(state, pod, s.windowSize);
    if (plugin === p.fit) return p.fit.preScore(state, pod);
    if (plugin === p.balanced) return p.balanced.preScore(state, pod);
    if (plugin === p.nodeAffinity) return p.nodeAffinity.preScore(state, pod);
    return plugin.preScore(state, pod, s.windowNodes());
  }

  /**
   * score() for a standing list's window (standing-list.ts): ranked by blocks, or scored from the list
   * by node position, when the cycle's plugins read nothing else of the nodes (no PreferNoSchedule taints
   * or images anywhere, NodeAffinity and InterPodAffinity skipped); else score() over its nodes listed.
   */
  scoreWindow(state: CycleState, pod: Pod, s: Standing, totals: Float64Array, skip: readonly boolean[], lazy: boolean): TopScore | null {
    const f = this.nodeFlags;
    const plain = f !== undefined && f.preferNoSchedule === 0 && f.withImages === 0;
    if (plain && this.inlineScores && pinnedNames(pod.spec) === null && skip[S_NODE_AFFINITY] === true && skip[S_AFFINITY] === true) {
      this.top.locator = null;
      const noImages = this.p.image.score(state, pod, NO_IMAGES_NODE);
      const skipBalanced = skip[BALANCED] === true;
      if (lazy && !skipBalanced && this.rankByBlocks(state, s, noImages, !skip[S_SPREAD])) return this.top;
      if (this.scoreStanding(state, s, noImages, skipBalanced, !skip[S_SPREAD], totals)) return this.top;
    }
    return this.score(state, pod, s.windowNodes(), totals, skip);
  }

  /**
   * The scores of a standing candidate list (standing-list.ts) without touching a node: per candidate
   * image + fit (+ balanced), then TaintToleration's constant (no PreferNoSchedule taint anywhere) and
   * PodTopologySpread's weighted score by key, in one pass that tracks the highest total. All scores are
   * integers, so the sums are prioritize()'s. False (nothing decided) when PodTopologySpread has no table.
   */
  private scoreStanding(state: CycleState, s: Standing, base: number, skipBalanced: boolean, spread: boolean, totals: Float64Array): boolean {
    const m = s.windowSize;
    const pos = s.positions();
    const keyOf = this.indexScratch(m);
    const full = s.windowFull;
    const weights = spread ? this.p.spread.standingWeights(state, s, pos, m, full, keyOf, 2, 3 * MAX_NODE_SCORE) : null;
    if (spread && weights === null) return false;
    const top = this.top;
    // A full window's keys are read by node position, a partial one's from keyOf.
    const keys = full ? s.key : keyOf;
    top.max = rankWindow(pos, m, s.fit, s.balanced, skipBalanced ? 0 : 1, base, weights ?? NO_KEY_WEIGHTS, weights === null ? 0 : 1, keys, full ? 1 : 0, totals);
    top.ties = rankedTies;
    top.first = rankedFirst;
    this.standings!.scored++;
    return true;
  }

  /**
   * The standing list's window ranked by blocks (standing-blocks.ts), once the list has ranked a few
   * passes' worth of candidates one by one; false (nothing decided) when the spread table does not fit,
   * too early, or the keys outgrow the blocks (never again for this list). Without PodTopologySpread
   * every candidate has one key, whose weight is TaintToleration's constant (as in rankWindow).
   */
  private rankByBlocks(state: CycleState, s: Standing, base: number, spread: boolean): boolean {
    const m = s.windowSize;
    if (!s.windowConsecutive) return false;
    const table = spread ? this.p.spread.standingTable(state, s) : ONE_KEY;
    if (table === null) return false;
    let blocks = s.blocks;
    if (blocks === null) {
      s.blockWork += m;
      if (s.blockWork < BLOCKS_AFTER * s.n) return false;
      blocks = s.blocks = new StandingBlocks(s.n);
    }
    const epoch = spread ? s.keyEpoch : ONE_KEY_EPOCH;
    if ((blocks.epoch === epoch || blocks.build(s, table, epoch)) && blocks.rank(s, table, s, base, 2, 3 * MAX_NODE_SCORE, this.top)) {
      this.standings!.scored++;
      this.standings!.blocks++;
      return true;
    }
    s.blocks = null;
    s.blockWork = -Infinity;
    return false;
  }

  /** A scratch Int32Array of at least m entries for the candidates' node indexes. */
  private indexScratch(m: number): Int32Array {
    if (this.idx.length < m) this.idx = new Int32Array(Math.max(m, this.idx.length * 2));
    return this.idx;
  }

  /**
   * TaintToleration (weight 3): without taints on any candidate every raw score is 0, normalized to 100.
   * True when `top` was filled (untainted only).
   */
  private addTaintToleration(state: CycleState, pod: Pod, feasible: readonly Node[], totals: Float64Array, tainted: boolean, top: TopScore | null): boolean {
    const m = feasible.length;
    if (!tainted) {
      if (top !== null) return addTracked(totals, m, 3 * MAX_NODE_SCORE, top);
      for (let i = 0; i < m; i++) totals[i] = totals[i]! + 3 * MAX_NODE_SCORE;
      return false;
    }
    const raw = this.taintRaw;
    raw.length = m;
    const taint = this.p.taint;
    for (let i = 0; i < m; i++) {
      const node = feasible[i]!;
      raw[i] = node.taints.length === 0 ? 0 : taint.score(state, pod, node);
    }
    defaultNormalizeScore(MAX_NODE_SCORE, true, raw);
    for (let i = 0; i < m; i++) totals[i] = totals[i]! + 3 * raw[i]!;
    return false;
  }

  private addNodeAffinity(state: CycleState, pod: Pod, feasible: readonly Node[], totals: Float64Array): void {
    const raw = this.raw;
    const na = this.p.nodeAffinity;
    raw.length = feasible.length;
    for (let i = 0; i < feasible.length; i++) raw[i] = na.score(state, pod, feasible[i]!);
    na.normalizeScore(state, pod, feasible, raw);
    addWeighted(na.name, feasible, raw, 2, totals);
  }

  /**
   * PodTopologySpread (weight 2): Score, NormalizeScore and weight in one call over the node indexes,
   * each total first raised by `pre`; true when `top` was filled.
   */
  private addSpread(state: CycleState, feasible: readonly Node[], known: Int32Array | null, totals: Float64Array, pre: number, top: TopScore | null): boolean {
    const m = feasible.length;
    let idx = known;
    if (idx === null) {
      idx = this.indexScratch(m);
      for (let i = 0; i < m; i++) idx[i] = feasible[i]!.index;
    }
    if (this.spreadRaw.length < m) this.spreadRaw = new Float64Array(Math.max(m, this.spreadRaw.length * 2));
    return this.p.spread.addWeightedScores(state, feasible, idx, m, this.spreadRaw, 2, totals, pre, top);
  }

  private addInterPod(state: CycleState, pod: Pod, feasible: readonly Node[], totals: Float64Array): void {
    const raw = this.raw;
    const ipa = this.p.interPod;
    raw.length = feasible.length;
    for (let i = 0; i < feasible.length; i++) raw[i] = ipa.score(state, pod, feasible[i]!);
    checked(ipa.name, ipa.normalizeScore(state, pod, feasible, raw));
    addWeighted(ipa.name, feasible, raw, 2, totals);
  }
}

function checked(plugin: string, s: Status | null): void {
  if (s !== null && s.code !== Code.Success) throw new SimError('E_PLUGIN', `NormalizeScore of plugin ${plugin} failed: ${s.codeName} ${s.message}`);
}

/** rankWindow()'s ties and first position of the highest total (module variables: no property writes). */
let rankedTies = 0;
let rankedFirst = 0;
/** Without PodTopologySpread every candidate adds TaintToleration's constant (rankWindow's `keyed` 0). */
const NO_KEY_WEIGHTS = new Float64Array([3 * MAX_NODE_SCORE]);
/** The same for a block ranking: one key, 0, of that weight; its epoch is none of a list's key epochs (from 1). */
const ONE_KEY: KeyTable = { standingKey: () => 0, standingWeightsOf: () => NO_KEY_WEIGHTS };
const ONE_KEY_EPOCH = -2;

/**
 * totals[k] = base + fit + balanced x wb of node position pos[k], + weights[its key] (`keyed` 1: the key
 * is keys[pos[k]] when `byPosition` is 1, else keys[k]) or weights[0]. Returns the highest total, with
 * its ties and first position in rankedTies / rankedFirst. A loop with no calls or property reads (see
 * score-table.ts gatherKeys: V8's on-stack compilation).
 */
function rankWindow(pos: Int32Array, m: number, fit: Uint8Array, balanced: Uint8Array, wb: number, base: number, weights: Float64Array, keyed: number, keys: Int32Array, byPosition: number, totals: Float64Array): number {
  let best = -Infinity;
  let ties = 0;
  let first = 0;
  for (let k = 0; k < m; k++) {
    const p = pos[k]!;
    const t = base + fit[p]! + balanced[p]! * wb + weights[keys[byPosition === 1 ? p : k]! * keyed]!;
    totals[k] = t;
    if (t > best) {
      best = t;
      ties = 1;
      first = k;
    } else if (t === best) ties++;
  }
  rankedTies = ties;
  rankedFirst = first;
  return best;
}

/** totals += add, tracking the highest total as selectHost's scan does; true (top filled). */
function addTracked(totals: Float64Array, m: number, add: number, top: TopScore): boolean {
  let best = -Infinity;
  let ties = 0;
  let first = 0;
  for (let i = 0; i < m; i++) {
    const t = totals[i]! + add;
    totals[i] = t;
    if (t > best) {
      best = t;
      ties = 1;
      first = i;
    } else if (t === best) ties++;
  }
  top.max = best;
  top.ties = ties;
  top.first = first;
  return true;
}

/** totals += weight * scores, with prioritize()'s 0..MaxNodeScore check. */
function addWeighted(plugin: string, feasible: readonly Node[], scores: readonly number[], weight: number, totals: Float64Array): void {
  for (let i = 0; i < feasible.length; i++) {
    const v = scores[i]!;
    if (!(v >= MIN_NODE_SCORE && v <= MAX_NODE_SCORE)) {
      throw new SimError('E_PLUGIN', `plugin ${plugin} returned score ${v} for node ${feasible[i]!.name}, outside ${MIN_NODE_SCORE}..${MAX_NODE_SCORE} after NormalizeScore`);
    }
    totals[i] = totals[i]! + v * weight;
  }
}
