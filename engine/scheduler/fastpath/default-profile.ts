/**
 * A fused filter/score path for the default plugin set (any args) (PERFORMANCE.md lesson 1): the runtime
 * walks the nodes once with direct, monomorphic calls into the profile's plugin instances instead of one
 * megamorphic call per plugin per node.
 * - Filter: the static filters (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity) come from a
 *   per-spec byte per node (static-feasibility.ts); then NodePorts, NodeResourcesFit, PodTopologySpread,
 *   InterPodAffinity and GpuFit, each unless its PreFilter returned Skip, in the profile's order. Only
 *   pass/fail is computed: when no node passes, the runtime redoes the walk plugin by plugin for the
 *   statuses (the same walk, so the same nodes and the same nextStartNodeIndex).
 * - Score: every non-skipped plugin's raw scores plugin-major into reusable arrays, the plugin's own
 *   NormalizeScore, then the weights, as prioritize() does (default-score.ts).
 * It calls the same methods (or the same formulas, formulas.ts), so decisions and rng draws are identical;
 * the explain hook always takes the per-plugin path. test/scheduler/fast-path.test.ts compares placements.
 */
export type { TopScore } from '../plugins/podtopologyspread/score-table.js';
import { FailureMemo } from './failure-memo.js';
import type { LabelFingerprint, Replayable } from './failure-memo.js';
import { ClusterVersion } from '../framework/cluster-version.js';
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import type { ClusterStore } from '../../cluster/store.js';
import { CycleState } from '../framework/interfaces.js';
import type { PreScorePlugin } from '../framework/interfaces.js';
import { Code } from '../framework/status.js';
import type { Status } from '../framework/status.js';
import { GpuFit } from '../plugins/gpufit/gpu-fit.js';
import { ImageLocality } from '../plugins/imagelocality/image-locality.js';
import { InterPodAffinity } from '../plugins/interpodaffinity/inter-pod-affinity.js';
import { NodeAffinity } from '../plugins/nodeaffinity/node-affinity.js';
import { NodeName } from '../plugins/nodename/node-name.js';
import { NodePorts } from '../plugins/nodeports/node-ports.js';
import { NodeResourcesBalancedAllocation } from '../plugins/noderesources/balanced-allocation.js';
import { NodeResourcesFit } from '../plugins/noderesources/fit.js';
import { NodeUnschedulable } from '../plugins/nodeunschedulable/node-unschedulable.js';
import { PodTopologySpread } from '../plugins/podtopologyspread/pod-topology-spread.js';
import type { TopScore } from '../plugins/podtopologyspread/score-table.js';
import { TaintToleration } from '../plugins/tainttoleration/taint-toleration.js';
import type { Profile } from '../profile.js';
import { simpleFit } from './formulas.js';
import { BALANCED, DefaultScore, S_AFFINITY, S_NODE_AFFINITY, S_SPREAD } from './default-score.js';
import { nodeIndexes } from './node-indexes.js';
import { WalkStatusesBuilder } from '../framework/walk-statuses.js';
import type { WalkStatuses } from '../framework/walk-statuses.js';
import { NodeScoreFlags } from './node-score-flags.js';
import { ResourceScores } from './resource-scores.js';
import { StandingLists, skipBits } from './standing-list.js';
import type { Standing } from './standing-list.js';
import { StandingVerdicts } from './standing-verdicts.js';
import { StaticFeasibility, pinnedNames } from './static-feasibility.js';

/** Standing-list counters (standing-list.ts StandingLists). */
export interface StandingHits {
  reused: number;
  scored: number;
  blocks: number;
  built: number;
}

const FILTERS = ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity', 'GpuFit'];
const SCORES = ['TaintToleration:3', 'NodeAffinity:2', 'NodeResourcesFit:1', 'PodTopologySpread:2', 'InterPodAffinity:2', 'NodeResourcesBalancedAllocation:1', 'ImageLocality:1'];
/** Indexes in FILTERS of the filters a PreFilter may Skip and the walk calls. */
const F_PORTS = 4;
const F_SPREAD = 6;
const F_AFFINITY = 7;
const F_GPU = 8;
/** Scores whose PreScore may Skip (the others have no PreScore that skips). */
const SCORES_SKIPPABLE = [S_NODE_AFFINITY, S_SPREAD, S_AFFINITY, BALANCED];

/** What the fast path reads of the cluster store. */
export type FastPathStore = Pick<ClusterStore, 'events' | 'nodes'>;

/** Filter of one node by the plugins (the nominated-pods rule), as the runtime's override. */
export type NodeFilterFn = (state: CycleState, pod: Pod, node: Node) => Status | null;

interface Plugins {
  unschedulable: NodeUnschedulable;
  nodeName: NodeName;
  taint: TaintToleration;
  nodeAffinity: NodeAffinity;
  ports: NodePorts;
  fit: NodeResourcesFit;
  spread: PodTopologySpread;
  interPod: InterPodAffinity;
  gpu: GpuFit;
  balanced: NodeResourcesBalancedAllocation;
  image: ImageLocality;
}

function pluginsOf(profile: Profile): Plugins | undefined {
  const [u, n, t, na, np, f, pts, ipa, g] = profile.filter;
  const ba = profile.score[BALANCED]!.plugin;
  const img = profile.score[6]!.plugin;
  if (!(u instanceof NodeUnschedulable && n instanceof NodeName && t instanceof TaintToleration && na instanceof NodeAffinity && np instanceof NodePorts)) return undefined;
  if (!(f instanceof NodeResourcesFit && pts instanceof PodTopologySpread && ipa instanceof InterPodAffinity && g instanceof GpuFit)) return undefined;
  if (!(ba instanceof NodeResourcesBalancedAllocation && img instanceof ImageLocality)) return undefined;
  if (profile.score[0]!.plugin !== t || profile.score[S_NODE_AFFINITY]!.plugin !== na || profile.score[2]!.plugin !== f) return undefined;
  if (profile.score[S_SPREAD]!.plugin !== pts || profile.score[S_AFFINITY]!.plugin !== ipa) return undefined;
  return { unschedulable: u, nodeName: n, taint: t, nodeAffinity: na, ports: np, fit: f, spread: pts, interPod: ipa, gpu: g, balanced: ba, image: img };
}

export class DefaultFastPath {
  /** The score side (default-score.ts). */
  private readonly scorer: DefaultScore;
  /** Fit verdicts, and fit/balanced scores by the inline formulas, remembered per spec. */
  private readonly resources: ResourceScores;
  /** NodeUnschedulable, NodeName, TaintToleration, NodeAffinity filters, cached per spec. */
  readonly statics: StaticFeasibility;
  /** Failing cycles remembered per cluster version (only with the store's events). */
  readonly failures: FailureMemo | undefined;
  /** Candidate lists of walks over every node, kept across cycles (only with the store's events and inline scores). */
  private readonly standings: StandingLists | undefined;
  private readonly verdicts: StandingVerdicts;

  /** Whether the profile's PreFilter plugins are exactly NodeAffinity, NodePorts, PodTopologySpread, InterPodAffinity, GpuFit. */
  private readonly defaultPreFilters: boolean;

  private constructor(
    private readonly p: Plugins,
    store: FastPathStore | undefined,
    cluster: ClusterVersion | undefined,
    preFilters: readonly unknown[],
  ) {
    const want = [p.nodeAffinity, p.ports, p.spread, p.interPod, p.gpu];
    this.defaultPreFilters = preFilters.length === want.length && want.every((x, i) => preFilters[i] === x);
    const events = store?.events;
    const inlineFit = simpleFit(p.fit);
    this.resources = new ResourceScores(inlineFit);
    const inlineScores = inlineFit !== null && p.balanced.args.resources.map((r) => r.name).join() === 'cpu,memory';
    this.statics = new StaticFeasibility([p.unschedulable, p.nodeName, p.taint, p.nodeAffinity], new CycleState(), events);
    const version = store === undefined ? undefined : (cluster ?? new ClusterVersion(store));
    this.failures = version === undefined ? undefined : new FailureMemo(version);
    this.standings = version === undefined || inlineFit === null ? undefined : new StandingLists(version, inlineFit);
    this.verdicts = new StandingVerdicts(p.fit);
    this.scorer = new DefaultScore(p, this.resources, inlineScores, store === undefined ? undefined : new NodeScoreFlags(store), this.standings);
  }

  /**
   * What the label-reading filters read this cycle besides each node (FailureMemo.near): null when neither
   * runs, PodTopologySpread's fingerprint when only it runs, undefined when InterPodAffinity runs (its
   * state has no fingerprint yet: such cycles get no near miss).
   */
  labelFingerprint(state: CycleState, skip: readonly boolean[]): LabelFingerprint {
    if (!skip[F_AFFINITY]) return undefined;
    if (skip[F_SPREAD]) return null;
    return this.p.spread.filterFingerprint(state) ?? undefined;
  }

  /** Whether a filter that reads the pod's labels (PodTopologySpread, InterPodAffinity) runs this cycle. */
  readsLabels(skip: readonly boolean[]): boolean {
    return !skip[F_SPREAD] || !skip[F_AFFINITY];
  }

  /**
   * Whether PreFilter would answer for `pod` now as it did for the remembered failure `r` of the same
   * spec, namespace and cluster version (FailureMemo.replay): PreFilter reads the spec and the cluster,
   * and only PodTopologySpread and InterPodAffinity read the pod's labels or owner. So: the same labels
   * and owner, or both of those Skipped then and Skip now without reading them (a Job's pods, one set of
   * labels per Job). False when the profile's PreFilter plugins are not exactly the default ones.
   */
  readonly samePreFilter = (pod: Pod, r: Replayable): boolean => {
    if (!this.defaultPreFilters) return false;
    if (r.podLabels === pod.labels && r.owner === pod.owner) return true;
    const skipped = (1 << F_SPREAD) | (1 << F_AFFINITY);
    return (r.skip & skipped) === skipped && this.p.spread.skipsWithoutPlan(pod) && this.p.interPod.skipsWithoutState(pod);
  };

  /**
   * The fused path for `profile` when it is exactly the default plugin set (any args), else undefined.
   * The store's events keep the static cache current; without a store it is recomputed every cycle.
   * `cluster`: the scheduler's cluster version, shared (else the failure memo keeps its own).
   */
  static for(profile: Profile, store?: FastPathStore, cluster?: ClusterVersion): DefaultFastPath | undefined {
    if (profile.hostSelection !== 'score') return undefined;
    if (profile.filter.map((p) => p.name).join() !== FILTERS.join()) return undefined;
    if (profile.score.map((s) => `${s.plugin.name}:${s.weight}`).join() !== SCORES.join()) return undefined;
    const plugins = pluginsOf(profile);
    return plugins === undefined ? undefined : new DefaultFastPath(plugins, store, cluster, profile.preFilter);
  }

  canScore(skipScore: readonly boolean[]): boolean {
    for (let i = 0; i < skipScore.length; i++) if (skipScore[i] && !SCORES_SKIPPABLE.includes(i)) return false;
    return true;
  }

  /** Cycles whose walk a standing list replaced, those scored from it and ranked by blocks, lists built; for tests and profiling. */
  get standingHits(): StandingHits {
    const l = this.standings;
    return { reused: l?.reused ?? 0, scored: l?.scored ?? 0, blocks: l?.blocks ?? 0, built: l?.built ?? 0 };
  }

  /**
   * The spec's standing list (standing-list.ts) with this walk's window scanned, when it holds for this
   * cycle: its window is what the walk would find, in the same order, with the same processed count, so
   * the caller skips the walk. For sampled walks the list is built here once the spec has had enough
   * cycles in a row to pay for it. Null: walk. Only without nominated pods and without a PreFilterResult.
   */
  standing(state: CycleState, pod: Pod, nodes: readonly Node[], start: number, toFind: number, skip: readonly boolean[]): Standing | null {
    const lists = this.standings;
    if (lists === undefined) return null;
    lists.begin();
    lists.asked = true;
    lists.count(pod.spec);
    if (pinnedNames(pod.spec) !== null) return null;
    const p = this.p;
    const indexes = nodeIndexes(nodes);
    const v = this.verdicts;
    const extra = v.begin(state, pod, nodes, this.statics.forPod(pod, nodes), indexes, skip[F_PORTS] ? null : p.ports, skip[F_GPU] ? null : p.gpu, skip[F_SPREAD] ? null : p.spread, skip[F_AFFINITY] ? null : p.interPod);
    const passes = v.passes;
    const bits = skipBits(skip);
    let s = lists.reuse(pod, nodes, start, toFind, bits, passes, extra);
    const n = nodes.length;
    // A build passes over every node, about n / toFind walks' worth: after that many cycles in a row. A
    // walk over every node without the spread filter builds it for free instead (findFeasible).
    const buildAfter = toFind < n ? Math.ceil(n / toFind) + 1 : extra !== null ? 2 : Infinity;
    if (s === null && lists.streak >= buildAfter) {
      s = lists.build(pod, nodes, bits, (st, fit) => {
        for (let q = 0; q < n; q++) if (passes(nodes[q]!, indexes[q]!)) st.set(q, true, fit);
      });
      s.scan(start, toFind, extra);
    }
    return s === null || s.windowSize === 0 ? null : s;
  }

  /**
   * findNodesThatPassFilters without statuses: walks `nodes` from `start` (rotating) until `toFind`
   * passed, pushing them into `feasible`; returns the number of nodes processed. Nodes marked in
   * `nominated` (they carry nominated pods) go through `override`, the plugin-by-plugin two-pass rule.
   */
  findFeasible(state: CycleState, pod: Pod, nodes: readonly Node[], start: number, toFind: number, skip: readonly boolean[], feasible: Node[], override: NodeFilterFn | null, nominated: Uint8Array | null): number {
    const asked = this.standings?.asked === true;
    this.standings?.begin();
    const ok = this.statics.forPod(pod, nodes);
    const p = this.p;
    const ports = skip[F_PORTS] ? null : p.ports;
    const spread = skip[F_SPREAD] ? null : p.spread;
    const interPod = skip[F_AFFINITY] ? null : p.interPod;
    const gpu = skip[F_GPU] ? null : p.gpu;
    const fit = p.fit;
    // Fit verdicts remembered per spec, except for specs pinned to a node or two (one per DaemonSet pod).
    const e = pinnedNames(pod.spec) === null ? this.resources.entry(pod.spec, ok.length) : null;
    const fits = e === null ? null : e.fits;
    const fitsVersion = e === null ? null : e.fitsVersion;
    // With inline scores, each candidate's fit/balanced scores are made current here, while its node is
    // at hand: the score pass then reads them by index (ResourceScores.setPrepared).
    const resources = this.resources;
    const prep = e !== null && resources.inline ? e : null;
    const spec = pod.spec;
    resources.prepared(null, null, 0);
    if (prep !== null) resources.reserve(Math.min(toFind, nodes.length));
    const walkIdx = prep === null ? null : resources.walkIdx;
    const prepVersion = prep === null ? null : prep.version;
    const n = nodes.length;
    const indexes = nodeIndexes(nodes);
    // The spec's statically feasible positions when remembered: the walk visits only those.
    const positions = this.statics.positions(pod, nodes, indexes);
    const m = positions === null ? n : positions.length;
    let k = positions === null ? start : lowerBound(positions, start);
    let at = start;
    let visited = 0;
    // feasible is overwritten from index 0 and cut to length at the end: clearing it first would make
    // V8 drop its backing store and grow it again every cycle.
    let found = 0;
    while (visited < m && found < toFind) {
      if (k === m) k = 0;
      at = positions === null ? k : positions[k]!;
      k++;
      visited++;
      const i = indexes[at]!;
      if (ok[i] === 0) continue;
      const node = nodes[at]!;
      if (nominated !== null && nominated[i] === 1) {
        if (override!(state, pod, node) !== null) continue;
        if (prep !== null) {
          const v = node.accountingVersion + 1;
          if (prepVersion![i] !== v) resources.prepare(prep, spec, node, i, v);
          walkIdx![found] = i;
        }
        feasible[found++] = node;
        continue;
      }
      if (ports !== null && ports.filter(state, pod, node) !== null) continue;
      const v = node.accountingVersion + 1;
      if (fitsVersion !== null && i < fitsVersion.length) {
        if (fitsVersion[i] !== v) {
          fits![i] = fit.fits(pod, node) ? 1 : 0;
          fitsVersion[i] = v;
        }
        if (fits![i] === 0) continue;
      } else if (!fit.fits(pod, node)) continue;
      if (spread !== null && spread.filter(state, pod, node) !== null) continue;
      if (interPod !== null && interPod.filter(state, pod, node) !== null) continue;
      if (gpu !== null && gpu.filter(state, pod, node) !== null) continue;
      if (prep !== null) {
        if (prepVersion![i] !== v) resources.prepare(prep, spec, node, i, v);
        walkIdx![found] = i;
      }
      feasible[found++] = node;
    }
    feasible.length = found;
    if (prep !== null) resources.prepared(spec, feasible, found);
    const lists = this.standings;
    // A walk over every node (without nominated pods, with only node-local filters) computed every verdict
    // and score a standing list holds: on the spec's second cycle in a row, it is kept.
    if (lists !== undefined && asked && lists.streak >= 2 && prep !== null && toFind >= n && found > 0 && nominated === null && spread === null && interPod === null) {
      lists.buildFromWalk(pod, nodes, skipBits(skip), feasible, prep.fit, prep.balanced);
    }
    // Nodes processed, as the walk over every node counts them: up to the node that completed the set.
    return found >= toFind ? ((at - start + n) % n) + 1 : n;
  }

  /**
   * The statuses of a walk in which no node passed (findFeasible found none): every node from `start`, in
   * order, gets the Status of its first failing filter, as the plugin-by-plugin walk gives it (the static
   * filters' Status comes from the per-spec cache), one per position. Null if a node passes after all
   * (then the caller takes the plugin-by-plugin walk).
   */
  rejectAll(state: CycleState, pod: Pod, nodes: readonly Node[], start: number, skip: readonly boolean[], override: NodeFilterFn | null, nominated: Uint8Array | null): WalkStatuses | null {
    const n = nodes.length;
    const statuses = new WalkStatusesBuilder(n);
    let idx = start;
    for (let i = 0; i < n; i++) {
      const at = idx;
      const node = nodes[at]!;
      idx = idx + 1 === n ? 0 : idx + 1;
      const s = nominated !== null && nominated[node.index] === 1 ? override!(state, pod, node) : this.statusOf(state, pod, node, skip);
      if (s === null) return null;
      statuses.set(at, s);
    }
    return statuses.build(nodes, start);
  }

  /** The first failing filter's Status (with its plugin name) on `node`, or null if all pass. */
  statusOf(state: CycleState, pod: Pod, node: Node, skip: readonly boolean[]): Status | null {
    const p = this.p;
    const s = this.statics.rejection(pod, node);
    if (s !== null) return s;
    if (!skip[F_PORTS]) {
      const r = p.ports.filter(state, pod, node);
      if (r !== null && r.code !== Code.Success) return r.withPlugin(p.ports.name);
    }
    const r = p.fit.filter(state, pod, node);
    if (r !== null && r.code !== Code.Success) return r.withPlugin(p.fit.name);
    if (!skip[F_SPREAD]) {
      const r = p.spread.filter(state, pod, node);
      if (r !== null && r.code !== Code.Success) return r.withPlugin(p.spread.name);
    }
    if (!skip[F_AFFINITY]) {
      const r = p.interPod.filter(state, pod, node);
      if (r !== null && r.code !== Code.Success) return r.withPlugin(p.interPod.name);
    }
    if (!skip[F_GPU]) {
      const r = p.gpu.filter(state, pod, node);
      if (r !== null && r.code !== Code.Success) return r.withPlugin(p.gpu.name);
    }
    return null;
  }

  /** PreScore, then the scores, of a standing list's window, by node positions (default-score.ts). */
  preScoreWindow(plugin: PreScorePlugin, state: CycleState, pod: Pod, window: Standing): Status | null {
    return this.scorer.preScoreWindow(plugin, state, pod, window);
  }
  scoreWindow(state: CycleState, pod: Pod, window: Standing, totals: Float64Array, skip: readonly boolean[], lazy: boolean): TopScore | null {
    return this.scorer.scoreWindow(state, pod, window, totals, skip, lazy);
  }

  /**
   * Sets totals[0..m) to the weighted scores of the cycle's non-skipped plugins; returns the highest
   * total with its ties and first position when the last pass could track it, else null (default-score.ts).
   */
  score(state: CycleState, pod: Pod, feasible: readonly Node[], totals: Float64Array, skip: readonly boolean[]): TopScore | null {
    return this.scorer.score(state, pod, feasible, totals, skip);
  }
}

/** The first k with sorted[k] >= value (sorted.length if none). */
function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
