/**
 * One scheduling cycle's filter/score part (pkg/scheduler/schedule_one.go schedulePod,
 * findNodesThatPassFilters, prioritizeNodes, selectHost; framework/runtime/framework.go):
 * PreFilter (Skip drops that plugin's Filter for the cycle), Filter over the nodes starting at the
 * rotating nextStartNodeIndex and stopping once numFeasibleNodesToFind nodes passed (the first failing
 * plugin decides a node), PreScore (Skip drops that plugin's Score), Score + NormalizeScore, weights,
 * the 0..MaxNodeScore check, and the choice of the best node with ties broken uniformly at random.
 */
import { numFeasibleNodesToFind } from './sampling.js';
import { Narrowing } from './prefilter-result.js';
import { nearMiss, skipBits } from '../fastpath/failure-memo.js';
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import type { Rng } from '../../core/rng.js';
import type { Profile } from '../profile.js';
import { NodeRanking } from '../node-rank.js';
import { Prioritizer } from './prioritize.js';
import type { TieBreak } from '../node-rank.js';
import type { ExplainHook, ExplainNode, ExplainRecord } from './explain.js';
import { newRecordOf, setRejected } from './explain.js';
import { CycleState } from './interfaces.js';
import { Code, PreFilterResult } from './status.js';
import type { Status } from './status.js';
import type { FilterProfile } from './node-simulation.js';
import type { WalkStatuses } from './walk-statuses.js';
import type { Standing } from '../fastpath/standing-list.js';
import { pluginError as thrownBy } from './plugin-error.js';
import { SkippedFilterViews } from './profile-views.js';
import type { NodeFilter } from './profile-views.js';

export { MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, MIN_FEASIBLE_NODES_TO_FIND, numFeasibleNodesToFind } from './sampling.js';

/** How the scheduler's queue side takes part in a cycle (nominated pods, pkg/scheduler/schedule_one.go). */
export interface CycleOptions {
  /** status.nominatedNodeName's node: filtered first, and chosen without scoring if it passes. */
  nominatedNode?: Node;
  /**
   * Replaces the plain filter loop while pods are nominated (RunFilterPluginsWithNominatedPods); it gets
   * the profile's filters minus those whose PreFilter returned Skip. The fused fast path is off then.
   */
  filterNode?: (profile: FilterProfile, state: CycleState, pod: Pod, node: Node) => Status | null;
  /**
   * With filterNode: the nodes that carry nominated pods. The others filter as without nominations
   * (no pod to add), so the fused path stays on for them. Without this list every node takes filterNode.
   */
  nominatedNodes?: readonly Node[];
  /** The nominator's version: with it, the fused path may reuse a failing cycle's statuses (failure-memo.ts). */
  nominatorVersion?: number;
}

export interface CycleOutcome {
  /** Chosen node, or null when no node is feasible. */
  node: Node | null;
  /** Status of every rejected node by name (PreFilter rejections apply to all nodes). */
  statuses: ReadonlyMap<string, Status>;
  feasibleCount: number;
  state: CycleState;
  /** The PreFilter rejection's message when PreFilter rejected the pod (FitError's PreFilterMsg), else ''. */
  preFilterMsg: string;
}

const NO_NODES: readonly Node[] = Object.freeze([]);

/** The statuses of a cycle that rejected no node (never written: outcomes are read only). */
const NO_STATUSES: ReadonlyMap<string, Status> = new Map();

export class FrameworkRuntime {
  /** Rotating start of the node walk, shared by all profiles as upstream's Scheduler field. */
  nextStartNodeIndex = 0;
  explain: ExplainHook | null = null;
  /** Nodes the last cycle filtered as kube-scheduler would (remembered failures count their whole walk). */
  walked = 0;
  private readonly feasible: Node[] = [];
  private skipFilter: boolean[] = [];
  /** The standing list whose window this cycle's candidates are (set by the walk, else null): its nodes are listed only if read. */
  private window: Standing | null = null;
  /** The plugin-by-plugin walk's statuses (taken by schedule()). */
  private plainStatuses: Map<string, Status> | null = null;
  /** The fused walk's statuses when it found no node (taken by schedule()). */
  private walkStatuses: WalkStatuses | null = null;
  /** Node indexes of opts.nominatedNodes during a fused walk (cleared after it). */
  private nominatedMark = new Uint8Array(0);
  private readonly recByName = new Map<string, ExplainNode>();
  /** This cycle's PreFilterResult. */
  private readonly narrowing = new Narrowing();

  /** The `nodeRank` tie-break (scheduler option tieBreak), else undefined: upstream's uniform choice. */
  private readonly ranking: NodeRanking | undefined;
  /** PreScore, Score and selectHost (prioritize.ts). */
  private readonly scoring: Prioritizer;

  constructor(
    private readonly rng: Rng,
    tieBreak: TieBreak = 'random',
  ) {
    this.ranking = tieBreak === 'nodeRank' ? new NodeRanking(rng) : undefined;
    this.scoring = new Prioritizer(rng, this.ranking, this.recByName);
  }

  /** Runs PreFilter..selectHost for `pod` over `nodes` (already in node-tree order). */
  schedule(profile: Profile, pod: Pod, nodes: readonly Node[], nowMs: number, opts: CycleOptions = {}): CycleOutcome {
    this.ranking?.prepare(nodes);
    const rec = this.explain !== null && this.explain.want(pod, pod.attempts) ? this.newRecord(pod, nowMs, nodes) : null;
    this.walked = 0;
    if (rec === null && nodes.length > 0) {
      const replayed = this.replay(profile, pod, nodes, opts);
      if (replayed !== null) return replayed;
    }
    const state = new CycleState();
    // The statuses map is made when a walk or a rejection fills it: a remembered failure brings its own.
    const out: CycleOutcome = { node: null, statuses: NO_STATUSES, feasibleCount: 0, state, preFilterMsg: '' };
    if (nodes.length === 0) return this.finish(rec, out);
    const pre = this.runPreFilter(profile, state, pod, nodes, rec);
    if (pre !== null) {
      out.preFilterMsg = pre.message;
      const statuses = new Map<string, Status>();
      for (const n of nodes) statuses.set(n.name, pre);
      out.statuses = statuses;
      if (rec) for (const e of rec.nodes) setRejected(e, pre);
      return this.finish(rec, out);
    }
    const override = opts.filterNode ? this.withoutSkipped(profile, opts.filterNode) : null;
    if (opts.nominatedNode) this.walked = 1;
    if (opts.nominatedNode && this.filterOne(profile, state, pod, opts.nominatedNode, override) === null) {
      out.node = opts.nominatedNode;
      out.feasibleCount = 1;
      if (rec) {
        for (const e of rec.nodes) e.reason = `not evaluated (the nominated node ${opts.nominatedNode.name} passed first)`;
        const e = this.recByName.get(opts.nominatedNode.name);
        if (e) {
          e.feasible = true;
          e.reason = null;
        }
      }
      return this.finish(rec, out);
    }
    const narrowed = this.narrowing.names;
    const walk = narrowed === null ? nodes : this.narrowing.walk(nodes, narrowed);
    if (rec !== null && narrowed !== null) rec.preFilterResult = [...narrowed].sort();
    const memo = rec === null && narrowed === null && opts.nominatorVersion !== undefined && profile.hostSelection === 'score' ? profile.fast?.failures : undefined;
    const skipKey = memo !== undefined ? skipBits(this.skipFilter) : 0;
    const readsLabels = memo !== undefined && profile.fast!.readsLabels(this.skipFilter);
    // A nominated pod's own nomination does not count on its node: a near miss only (it filters that node again).
    const remembered = pod.nominatedNodeName === '' ? memo?.get(pod, opts.nominatorVersion!, skipKey, readsLabels) : undefined;
    if (remembered !== undefined) {
      this.walked += walk.length;
      out.statuses = remembered; // the same walk at the same cluster version: no node, the same statuses
      return this.finish(rec, out);
    }
    // Near misses need to know which nodes carry nominated pods (the scheduler always says).
    const nominated = override === null ? NO_NODES : opts.nominatedNodes;
    const fingerprint = !readsLabels ? null : memo !== undefined && nominated !== undefined ? profile.fast!.labelFingerprint(state, this.skipFilter) : undefined;
    if (memo !== undefined && nominated !== undefined && fingerprint !== undefined) {
      const mark = nominated.length === 0 ? null : this.markNominated(nominated, 1);
      const near = nearMiss(profile.fast!, state, pod, { walk, nominatorVersion: opts.nominatorVersion!, skipKey, skip: this.skipFilter, fingerprint, nominated, mark, override });
      if (mark !== null) this.markNominated(nominated, 0);
      if (near !== undefined) {
        this.walked += walk.length;
        out.statuses = near;
        return this.finish(rec, out);
      }
    }
    this.walkStatuses = null;
    this.window = null;
    this.plainStatuses = null;
    const feasible = this.findNodesThatPassFilters(profile, state, pod, walk, nodes.length, rec, override, opts.nominatedNodes);
    // The rejected nodes' statuses: the plugin-by-plugin walk's, or the fused walk's below (a cycle that
    // finds nodes through the fused path makes no map: only failures read them).
    let statuses = this.plainStatuses as Map<string, Status> | null;
    this.plainStatuses = null;
    if (statuses !== null) out.statuses = statuses;
    // A standing list's window stands for the candidates without listing them (feasible is then unused).
    const window = this.window as Standing | null;
    this.window = null;
    const count = window === null ? feasible.length : window.windowSize;
    const walked = this.walkStatuses as WalkStatuses | null;
    if (walked !== null) {
      // The fused walk's statuses, one per position; a walk narrowed by a PreFilterResult gets the absent nodes added below.
      if (narrowed === null) out.statuses = walked;
      else {
        out.statuses = statuses ??= new Map();
        for (const [name, s] of walked) statuses.set(name, s);
      }
      this.walkStatuses = null;
    }
    if (memo !== undefined && count === 0) {
      const nearable = nominated !== undefined && fingerprint !== undefined;
      memo.remember(pod, opts.nominatorVersion!, skipKey, readsLabels, out.statuses, nearable ? walk : null, fingerprint ?? null, nearable ? nominated : NO_NODES);
    }
    if (narrowed !== null && count === 0) out.statuses = statuses ??= new Map();
    if (narrowed !== null && (count === 0 || rec !== null)) this.rejectAbsent(nodes, narrowed, count === 0 ? statuses : null, rec);
    out.feasibleCount = count;
    if (count === 0) return this.finish(rec, out);
    if (window !== null) out.node = this.scoring.fromWindow(profile, state, pod, window, count);
    else if (count === 1 || profile.hostSelection === 'first-fit') out.node = feasible[0]!;
    else if (profile.hostSelection === 'random') out.node = feasible[this.rng.int(count)]!;
    else out.node = this.scoring.prioritize(profile, state, pod, feasible, rec);
    return this.finish(rec, out);
  }

  /**
   * A failing cycle repeated at the same cluster version (FailureMemo.replay): its statuses without
   * PreFilter, whose state is made only if something reads it (preemption's dry run). A backlog retried
   * after every deletion makes hundreds of thousands of these an hour. Null: run the cycle.
   */
  private replay(profile: Profile, pod: Pod, nodes: readonly Node[], opts: CycleOptions): CycleOutcome | null {
    const fast = profile.fast;
    if (fast === undefined || fast.failures === undefined || opts.nominatorVersion === undefined || profile.hostSelection !== 'score') return null;
    const r = fast.failures.replay(pod, opts.nominatorVersion, fast.samePreFilter);
    if (r === undefined) return null;
    this.walked = nodes.length;
    const state = CycleState.deferred((s) => this.runPreFilter(profile, s, pod, nodes, null));
    return { node: null, statuses: r.statuses, feasibleCount: 0, state, preFilterMsg: '' };
  }

  private finish(rec: ExplainRecord | null, out: CycleOutcome): CycleOutcome {
    if (rec && this.explain) {
      rec.selected = out.node ? out.node.name : null;
      this.explain.done(rec);
    }
    return out;
  }

  private runPreFilter(profile: Profile, state: CycleState, pod: Pod, nodes: readonly Node[], rec: ExplainRecord | null): Status | null {
    const skip = this.skipFilter;
    const n = profile.filter.length;
    // (a plain loop: setting length and fill() cost more than the PreFilter plugins on a repeat attempt)
    if (skip.length !== n) skip.length = n;
    for (let i = 0; i < n; i++) skip[i] = false;
    this.narrowing.reset();
    for (const p of profile.preFilter) {
      const s = p.preFilter(state, pod, nodes);
      if (s instanceof PreFilterResult) {
        if (this.narrowing.merge(p.name, s)) continue;
        return this.narrowing.emptyStatus();
      }
      if (s === null || s.code === Code.Success) continue;
      if (s.code === Code.Skip) {
        const i = profile.filter.indexOf(p as never);
        if (i >= 0) skip[i] = true;
        rec?.skipped.push(`${p.name} (PreFilter)`);
        continue;
      }
      return s.withPlugin(p.name);
    }
    return null;
  }

  /** Nodes outside the PreFilterResult: "node(s) didn't satisfy plugin(s) [...]", UnschedulableAndUnresolvable. */
  private rejectAbsent(nodes: readonly Node[], names: ReadonlySet<string>, statuses: Map<string, Status> | null, rec: ExplainRecord | null): void {
    const absent = this.narrowing.absentStatus();
    for (const n of nodes) {
      if (names.has(n.name)) continue;
      statuses?.set(n.name, absent);
      if (rec) setRejected(this.recByName.get(n.name)!, absent);
    }
  }

  /** The override bound to the profile's filters that PreFilter did not skip. */
  private withoutSkipped(profile: Profile, filterNode: NonNullable<CycleOptions['filterNode']>): NodeFilter {
    return this.skippedViews.get(profile, filterNode, this.skipFilter);
  }

  private readonly skippedViews = new SkippedFilterViews();

  /** Filters one node: the override when pods are nominated, else every filter not skipped. */
  private filterOne(profile: Profile, state: CycleState, pod: Pod, node: Node, override: NodeFilter | null): Status | null {
    if (override !== null) return override(state, pod, node);
    const filters = profile.filter;
    const skip = this.skipFilter;
    for (let f = 0; f < filters.length; f++) {
      if (skip[f]) continue;
      const plugin = filters[f]!;
      let s: Status | null;
      try {
        s = plugin.filter(state, pod, node);
      } catch (e) {
        throw thrownBy(plugin.name, 'Filter', pod, node.name, e);
      }
      if (s !== null && s.code !== Code.Success) return s.withPlugin(plugin.name);
    }
    return null;
  }

  /** Walks `nodes` (all nodes, or a PreFilterResult's); the rotating start advances modulo allCount. */
  private findNodesThatPassFilters(profile: Profile, state: CycleState, pod: Pod, nodes: readonly Node[], allCount: number, rec: ExplainRecord | null, override: NodeFilter | null, nominated: readonly Node[] | undefined): Node[] {
    const feasible = this.feasible;
    const n = nodes.length;
    if (n === 0) {
      feasible.length = 0;
      return feasible;
    }
    const firstFit = profile.hostSelection === 'first-fit';
    let toFind = numFeasibleNodesToFind(profile.percentageOfNodesToScore, n);
    if (profile.score.length === 0 || firstFit) toFind = 1;
    if (profile.hostSelection === 'random') toFind = n;
    const start = firstFit ? 0 : this.nextStartNodeIndex % n;
    const fast = rec === null && (override === null || nominated !== undefined) ? profile.fast : undefined;
    if (fast !== undefined) {
      // The spec's standing list gives what the walk would find (fastpath/standing-list.ts).
      const standing = override === null && this.narrowing.names === null ? fast.standing(state, pod, nodes, start, toFind, this.skipFilter) : null;
      if (standing !== null) {
        this.window = standing;
        return this.processed(feasible, standing.windowProcessed, allCount, firstFit);
      }
      const mark = override === null ? null : this.markNominated(nominated!, 1);
      const processed = fast.findFeasible(state, pod, nodes, start, toFind, this.skipFilter, feasible, override, mark);
      // No node passed: the same walk again builds the statuses (it processed every node, so the start stays).
      const rejectedAll = feasible.length === 0 ? fast.rejectAll(state, pod, nodes, start, this.skipFilter, override, mark) : null;
      if (mark !== null) this.markNominated(nominated!, 0);
      this.walkStatuses = rejectedAll;
      if (feasible.length > 0 || rejectedAll !== null) return this.processed(feasible, processed, allCount, firstFit);
      // (never by construction: the plugin-by-plugin walk below decides)
    }
    feasible.length = 0; // (the fused walk overwrites it in place)
    const statuses = (this.plainStatuses = new Map<string, Status>());
    let processed = 0;
    for (let i = 0; i < n && feasible.length < toFind; i++) {
      const node = nodes[(start + i) % n]!;
      processed++;
      const rejected = this.filterOne(profile, state, pod, node, override);
      if (rejected === null) feasible.push(node);
      else statuses.set(node.name, rejected);
      if (rec) {
        const e = this.recByName.get(node.name)!;
        if (rejected === null) {
          e.feasible = true;
          e.reason = null;
        } else setRejected(e, rejected);
      }
    }
    return this.processed(feasible, processed, allCount, firstFit);
  }

  /** A walk's end: the rotating start advances by the nodes it processed (modulo allCount); its candidates. */
  private processed(feasible: Node[], processed: number, allCount: number, firstFit: boolean): Node[] {
    if (!firstFit) this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % allCount;
    this.walked += processed;
    return feasible;
  }

  private markNominated(nodes: readonly Node[], value: number): Uint8Array {
    let mark = this.nominatedMark;
    for (const node of nodes) {
      if (node.index >= mark.length) {
        const grown = new Uint8Array(Math.max(node.index + 1, mark.length * 2));
        grown.set(mark);
        this.nominatedMark = mark = grown;
      }
      mark[node.index] = value;
    }
    return mark;
  }

  private newRecord(pod: Pod, nowMs: number, nodes: readonly Node[]): ExplainRecord {
    const rec = newRecordOf(pod, nowMs, nodes);
    this.recByName.clear();
    for (const e of rec.nodes) this.recByName.set(e.node, e);
    return rec;
  }
}
