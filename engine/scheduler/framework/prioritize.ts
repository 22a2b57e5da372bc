/**
 * The score side of a scheduling cycle (schedule_one.go prioritizeNodes + selectHost): PreScore, each
 * Score plugin with its NormalizeScore and weight, the explain record's scores, the highest total's
 * choice; or the fused path's (fastpath/default-score.ts), which a standing list's window takes by node
 * positions without listing its nodes.
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import { SimError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { Standing } from '../fastpath/standing-list.js';
import type { NodeRanking } from '../node-rank.js';
import type { Profile } from '../profile.js';
import type { ExplainNode, ExplainRecord } from './explain.js';
import type { CycleState } from './interfaces.js';
import { MAX_NODE_SCORE, MIN_NODE_SCORE } from './interfaces.js';
import { pluginError as thrownBy } from './plugin-error.js';
import { selectHost } from './select-host.js';
import { Code } from './status.js';
import type { Status } from './status.js';

const NO_NODES: readonly Node[] = Object.freeze([]);

export class Prioritizer {
  private totals = new Float64Array(64);
  private readonly scores: number[] = [];
  private readonly skipScore: boolean[] = [];

  constructor(
    private readonly rng: Rng,
    /** The `nodeRank` tie-break, else undefined: upstream's uniform choice. */
    private readonly ranking: NodeRanking | undefined,
    /** The explain record's entries by node name (the runtime fills it per recorded cycle). */
    private readonly recByName: ReadonlyMap<string, ExplainNode>,
  ) {}

  /**
   * The chosen node among a standing list's window (schedule()'s choice, without the explain record):
   * the fused path's PreScore and ranking read node positions; any other plugin gets the nodes listed.
   */
  fromWindow(profile: Profile, state: CycleState, pod: Pod, window: Standing, m: number): Node {
    const fast = profile.fast!; // (a standing list is the fused path's, which serves hostSelection 'score' only)
    if (m === 1) return window.nodeAt(0);
    const skip = this.preScore(profile, state, pod, NO_NODES, window, null);
    if (!fast.canScore(skip)) return this.prioritizeScored(profile, state, pod, window.windowNodes(), null);
    if (this.totals.length < m) this.totals = new Float64Array(Math.max(m, this.totals.length * 2));
    // (without the nodeRank tie-break, which reads the totals and the nodes, the totals may stay unwritten: top's locator)
    const top = fast.scoreWindow(state, pod, window, this.totals, skip, this.ranking === undefined);
    const listed = this.ranking === undefined ? NO_NODES : window.windowNodes();
    return window.nodeAt(selectHost(this.totals, m, listed, this.rng, this.ranking, top));
  }

  /**
   * RunPreScorePlugins over `feasible`, or over a standing list's `window` through the fused path
   * (profile.fast): returns the Score skip flags (a plugin whose PreScore Skips is not scored).
   */
  private preScore(profile: Profile, state: CycleState, pod: Pod, feasible: readonly Node[], window: Standing | null, rec: ExplainRecord | null): boolean[] {
    const skip = this.skipScore;
    const n = profile.score.length;
    if (skip.length !== n) skip.length = n;
    for (let i = 0; i < n; i++) skip[i] = false;
    for (const p of profile.preScore) {
      const s = window !== null ? profile.fast!.preScoreWindow(p, state, pod, window) : p.preScore(state, pod, feasible);
      if (s === null || s.code === Code.Success) continue;
      if (s.code === Code.Skip) {
        for (let i = 0; i < n; i++) if (profile.score[i]!.plugin === (p as unknown)) skip[i] = true;
        rec?.skipped.push(`${p.name} (PreScore)`);
        continue;
      }
      throw pluginError(p.name, 'PreScore', s);
    }
    return skip;
  }

  /** prioritizeNodes + selectHost. */
  prioritize(profile: Profile, state: CycleState, pod: Pod, feasible: Node[], rec: ExplainRecord | null): Node {
    this.preScore(profile, state, pod, feasible, null, rec);
    return this.prioritizeScored(profile, state, pod, feasible, rec);
  }

  /** prioritizeNodes after PreScore (the skip flags set), + selectHost. */
  private prioritizeScored(profile: Profile, state: CycleState, pod: Pod, feasible: Node[], rec: ExplainRecord | null): Node {
    const m = feasible.length;
    if (this.totals.length < m) this.totals = new Float64Array(Math.max(m, this.totals.length * 2));
    const totals = this.totals;
    const skip = this.skipScore;
    if (rec === null && profile.fast !== undefined && profile.fast.canScore(skip)) {
      // (the fused path writes every total: no clearing first)
      const top = profile.fast.score(state, pod, feasible, totals, skip);
      return feasible[selectHost(totals, m, feasible, this.rng, this.ranking, top)]!;
    }
    totals.fill(0, 0, m);
    const scores = this.scores;
    scores.length = m;
    const recNodes = rec ? feasible.map((n) => this.recByName.get(n.name)!) : null;
    for (let k = 0; k < profile.score.length; k++) {
      if (skip[k]) continue;
      const { plugin, weight } = profile.score[k]!;
      for (let i = 0; i < m; i++) {
        try {
          scores[i] = plugin.score(state, pod, feasible[i]!);
        } catch (e) {
          throw thrownBy(plugin.name, 'Score', pod, feasible[i]!.name, e);
        }
      }
      const raw = recNodes ? scores.slice() : null;
      if (plugin.normalizeScore) {
        const s = plugin.normalizeScore(state, pod, feasible, scores);
        if (s !== null && s.code !== Code.Success) throw pluginError(plugin.name, 'NormalizeScore', s);
      }
      for (let i = 0; i < m; i++) {
        const v = scores[i]!;
        if (!(v >= MIN_NODE_SCORE && v <= MAX_NODE_SCORE)) {
          throw new SimError('E_PLUGIN', `plugin ${plugin.name} returned score ${v} for node ${feasible[i]!.name}, outside ${MIN_NODE_SCORE}..${MAX_NODE_SCORE} after NormalizeScore`);
        }
        totals[i] = totals[i]! + v * weight;
        if (recNodes) recNodes[i]!.scores[plugin.name] = { raw: raw![i]!, normalized: v, weighted: v * weight };
      }
    }
    if (recNodes) for (let i = 0; i < m; i++) recNodes[i]!.total = totals[i]!;
    return feasible[selectHost(totals, m, feasible, this.rng, this.ranking)]!;
  }
}

function pluginError(plugin: string, point: string, s: Status): SimError {
  return new SimError('E_PLUGIN', `${point} of plugin ${plugin} failed: ${s.codeName} ${s.message}`);
}
