/**
 * PodTopologySpread (plugins/podtopologyspread): hard constraints (DoNotSchedule) in PreFilter/Filter,
 * soft ones (ScheduleAnyway) in PreScore/Score; system default constraints for pods without any.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterStore } from '../../../cluster/store.js';
import type { CycleState, FilterPlugin, Handle, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';
import type { PodTopologySpreadArgs } from './common.js';
import { DEFAULT_POD_TOPOLOGY_SPREAD_ARGS, SYSTEM_DEFAULT_CONSTRAINTS, ownerSelects } from './common.js';
import type { HardPlan } from './plan.js';
import { SpreadPlans } from './plan.js';
import { checkNode, preFilterMinimums } from './filtering.js';
import { SpreadIndex } from './spread-index.js';
import { ListedCandidates, ScoreCycle } from './scoring.js';
import type { Candidates } from './scoring.js';
import type { ScoreTable, StandingKeys, TopScore } from './score-table.js';
import type { ClusterEventWithHint } from '../../framework/queueing-hint.js';
import { spreadEvents } from './hints.js';

export const NAME = 'PodTopologySpread';
/** Most topology values domainVerdicts() computes a verdict for (zones and regions, not hostnames). */
export const MAX_DOMAIN_VERDICTS = 64;

/** Filter's verdicts by topology value (PodTopologySpread.domainVerdicts). */
export interface DomainVerdicts {
  readonly hasKey: readonly number[];
  readonly valueOf: readonly number[];
  readonly ok: Uint8Array;
}
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;
const PRE_FILTER_KEY = `PreFilter${NAME}`;
const PRE_SCORE_KEY = `PreScore${NAME}`;
/** Filter outcomes are fixed: shared Status values, nothing allocated per node. */
const CONSTRAINTS_NOT_MATCH = Status.unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH).withPlugin(NAME);
const NODE_LABEL_NOT_MATCH = Status.unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH).withPlugin(NAME);

export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  /** EventsToRegister with queueing hints (hints.ts). */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    return spreadEvents(this.args);
  }
  private readonly plans: SpreadPlans;
  private readonly scoring = new ScoreCycle();
  /** The last PreFilter's cycle state and plan: Filter finds its plan without a state lookup per node. */
  private lastState: CycleState | null = null;
  private lastPlan: HardPlan | null = null;
  /** Whether the default constraints (system or listed) include a DoNotSchedule one. */
  private readonly hardDefaults: boolean;
  constructor(store: ClusterStore, private readonly args: PodTopologySpreadArgs) {
    this.plans = new SpreadPlans(new SpreadIndex(store), args);
    this.hardDefaults = (args.defaultingType === 'System' ? SYSTEM_DEFAULT_CONSTRAINTS : args.defaultConstraints).some((c) => c.whenUnsatisfiable === 'DoNotSchedule');
  }

  preFilter(state: CycleState, pod: Pod): Status | null {
    this.lastState = null;
    if (this.skipsWithoutPlan(pod)) return Status.skip();
    const plan = this.plans.hard(pod);
    if (plan.constraints.length === 0) return Status.skip();
    preFilterMinimums(plan);
    state.write(PRE_FILTER_KEY, plan);
    this.lastState = state;
    this.lastPlan = plan;
    return null;
  }

  /**
   * No constraints of its own and none by default: PreFilter Skips without looking the plan up (a Job's
   * pods). With system defaults (soft) this reads the spec only, not the labels or the owner.
   */
  skipsWithoutPlan(pod: Pod): boolean {
    return pod.spec.topologySpreadConstraints.length === 0 && (!this.hardDefaults || !ownerSelects(pod));
  }

  /**
   * Everything this cycle's Filter reads besides the node itself, as numbers: per hard constraint its
   * domain counts (identity and version), the global minimum and the pod's own match. Two cycles of one
   * spec with equal fingerprints give every unchanged node the same verdict (a failure memo's near miss).
   * Null when PreFilter did not run for `state`.
   */
  filterFingerprint(state: CycleState): number[] | null {
    if (state !== this.lastState || this.lastPlan === null) return null;
    const s = this.lastPlan;
    const out: number[] = [];
    for (let i = 0; i < s.constraints.length; i++) out.push(s.counts[i]!.id, s.counts[i]!.version, s.minMatch[i]!, s.self[i]!);
    return out;
  }

  filter(state: CycleState, _pod: Pod, node: Node): Status | null {
    const s = state === this.lastState ? this.lastPlan : state.read<HardPlan>(PRE_FILTER_KEY);
    if (!s || s.constraints.length === 0) return null;
    const r = checkNode(s, node);
    return r === 0 ? null : r < 0 ? NODE_LABEL_NOT_MATCH : CONSTRAINTS_NOT_MATCH;
  }

  /**
   * Filter's verdict this cycle by topology value, for a pod with one DoNotSchedule constraint over a key
   * with at most MAX_DOMAIN_VERDICTS values (a zone, not a hostname): a node of index n < hasKey.length
   * passes iff hasKey[n] === 1 and ok[valueOf[n]] === 1, checkNode()'s test computed once per value.
   * Null otherwise (and for no PreFilter state): ask filter().
   */
  domainVerdicts(state: CycleState): DomainVerdicts | null {
    const s = state === this.lastState ? this.lastPlan : state.read<HardPlan>(PRE_FILTER_KEY);
    if (!s || s.constraints.length !== 1) return null;
    const counts = s.counts[0]!;
    const view = counts.view;
    const values = view.values.length;
    if (values > MAX_DOMAIN_VERDICTS) return null;
    const ok = this.verdicts;
    const limit = s.constraints[0]!.maxSkew + s.minMatch[0]! - s.self[0]!;
    for (let id = 0; id < values; id++) ok[id] = counts.count[id]! > limit ? 0 : 1;
    return { hasKey: view.hasKey, valueOf: view.valueOf, ok };
  }

  private readonly verdicts = new Uint8Array(MAX_DOMAIN_VERDICTS);

  preScore(state: CycleState, pod: Pod, nodes: readonly Node[]): Status | null {
    this.listed.list = nodes;
    return this.preScoreAt(state, pod, this.listed, nodes.length);
  }

  private readonly listed = new ListedCandidates();

  /** PreScore for m candidates given by their order (a standing list's window: fastpath/standing-list.ts). */
  preScoreAt(state: CycleState, pod: Pod, candidates: Candidates, m: number): Status | null {
    if (m === 0) return null;
    const plan = this.plans.soft(pod);
    if (plan.constraints.length === 0) return Status.skip();
    this.scoring.prepare(plan, candidates, m);
    state.write(PRE_SCORE_KEY, this.scoring);
    return null;
  }

  score(state: CycleState, _pod: Pod, node: Node): number {
    const s = state.read<ScoreCycle>(PRE_SCORE_KEY);
    return s ? s.score(node) : 0;
  }

  /** Score for every node of `nodes` into `out` (the fused path's loop: one state read per cycle). */
  scoreAll(state: CycleState, nodes: readonly Node[], out: number[]): void {
    const s = state.read<ScoreCycle>(PRE_SCORE_KEY);
    if (s) s.scoreAll(nodes, out);
    else out.fill(0, 0, nodes.length);
  }

  /**
   * Score, NormalizeScore and the weight for nodes[0..m) (node indexes idx[0..m)) into totals, each total
   * first raised by `pre`: the fused path's one call per cycle (scoring.ts addWeighted). Without PreScore
   * state every score is 0. True when `top` was filled with the highest new total.
   */
  addWeightedScores(state: CycleState, nodes: readonly Node[], idx: Int32Array, m: number, raw: Float64Array, weight: number, totals: Float64Array, pre: number, top: TopScore | null): boolean {
    const s = state.read<ScoreCycle>(PRE_SCORE_KEY);
    if (s) return s.addWeighted(nodes, idx, m, raw, weight, totals, pre, top);
    if (pre !== 0) for (let k = 0; k < m; k++) totals[k] = totals[k]! + pre;
    return false;
  }

  /**
   * Per PodTopologySpread key of a standing candidate list's m candidates (node positions pos), `pre` +
   * weight x the normalized score, and each candidate's key in keyOf (score-table.ts windowWeights);
   * null without PreScore state, with ignored candidates or without a table.
   */
  standingWeights(state: CycleState, keys: StandingKeys, pos: Int32Array, m: number, full: boolean, keyOf: Int32Array, weight: number, pre: number): Float64Array | null {
    const s = state.read<ScoreCycle>(PRE_SCORE_KEY);
    return s ? s.standingWeights(keys, pos, m, full, keyOf, weight, pre) : null;
  }

  /** The score table begun for a standing list's keys (scoring.ts standingTable); null without PreScore state. */
  standingTable(state: CycleState, keys: StandingKeys): ScoreTable | null {
    const s = state.read<ScoreCycle>(PRE_SCORE_KEY);
    return s ? s.standingTable(keys) : null;
  }

  normalizeScore(state: CycleState, _pod: Pod, nodes: readonly Node[], scores: number[]): Status | null {
    const s = state.read<ScoreCycle>(PRE_SCORE_KEY);
    if (s) s.normalize(nodes, scores);
    return null;
  }
}

export function newPodTopologySpread(args: unknown, handle: Handle): PodTopologySpread {
  return new PodTopologySpread(handle.store, (args as PodTopologySpreadArgs | undefined) ?? DEFAULT_POD_TOPOLOGY_SPREAD_ARGS);
}
