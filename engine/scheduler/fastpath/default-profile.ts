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
 *   NormalizeScore, then the weights, as prioritize() does (all scores are integers, so the order of
 *   the additions cannot change a total).
 * It calls the same methods (or the same formulas, formulas.ts), so decisions and rng draws are identical;
 * the explain hook always takes the per-plugin path. test/scheduler/fast-path.test.ts compares placements.
 */
export type { TopScore } from '../plugins/podtopologyspread/score-table.js';
import { FailureMemo } from './failure-memo.js';
import type { LabelFingerprint } from './failure-memo.js';
import { ClusterVersion } from '../framework/cluster-version.js';
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import type { ClusterStore } from '../../cluster/store.js';
import { SimError } from '../../core/errors.js';
import { CycleState, MAX_NODE_SCORE, MIN_NODE_SCORE } from '../framework/interfaces.js';
import { Code } from '../framework/status.js';
import type { Status } from '../framework/status.js';
import { GpuFit } from '../plugins/gpufit/gpu-fit.js';
import { defaultNormalizeScore } from '../plugins/helper/normalize-score.js';
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
import { NO_IMAGES_NODE, simpleFit } from './formulas.js';
import { nodeIndexes } from './node-indexes.js';
import { NodeScoreFlags } from './node-score-flags.js';
import { IMAGES, ResourceScores, TAINTED } from './resource-scores.js';
import { StaticFeasibility, pinnedNames } from './static-feasibility.js';

const FILTERS = ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity', 'GpuFit'];
const SCORES = ['TaintToleration:3', 'NodeAffinity:2', 'NodeResourcesFit:1', 'PodTopologySpread:2', 'InterPodAffinity:2', 'NodeResourcesBalancedAllocation:1', 'ImageLocality:1'];
/** Indexes in FILTERS of the filters a PreFilter may Skip and the walk calls. */
const F_PORTS = 4;
const F_SPREAD = 6;
const F_AFFINITY = 7;
const F_GPU = 8;
/** Indexes in SCORES. */
const S_NODE_AFFINITY = 1;
const S_SPREAD = 3;
const S_AFFINITY = 4;
/** Index of NodeResourcesBalancedAllocation in the score list (its PreScore may Skip). */
export const BALANCED = 5;
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
  private readonly taintRaw: number[] = [];
  private readonly raw: number[] = [];
  /** Scratch: the candidates' node indexes, PodTopologySpread's raw scores. */
  private idx = new Int32Array(64);
  private spreadRaw = new Float64Array(64);
  /** score()'s answer when its last pass tracked the highest total. */
  private readonly top: TopScore = { max: 0, ties: 0, first: 0 };
  /** Fit verdicts, and fit/balanced scores by the inline formulas, remembered per spec. */
  private readonly resources: ResourceScores;
  /** Whether the fit/balanced scores take the inline formulas (the common resource settings). */
  private readonly inlineScores: boolean;
  /** NodeUnschedulable, NodeName, TaintToleration, NodeAffinity filters, cached per spec. */
  readonly statics: StaticFeasibility;
  /** Failing cycles remembered per cluster version (only with the store's events). */
  readonly failures: FailureMemo | undefined;
  /** Whether any node has PreferNoSchedule taints or images (only with the store's events). */
  private readonly nodeFlags: NodeScoreFlags | undefined;

  private constructor(
    private readonly p: Plugins,
    store: FastPathStore | undefined,
    cluster: ClusterVersion | undefined,
  ) {
    const events = store?.events;
    const inlineFit = simpleFit(p.fit);
    this.resources = new ResourceScores(inlineFit);
    this.inlineScores = inlineFit !== null && p.balanced.args.resources.map((r) => r.name).join() === 'cpu,memory';
    this.statics = new StaticFeasibility([p.unschedulable, p.nodeName, p.taint, p.nodeAffinity], new CycleState(), events);
    this.failures = store === undefined ? undefined : new FailureMemo(cluster ?? new ClusterVersion(store));
    this.nodeFlags = store === undefined ? undefined : new NodeScoreFlags(store);
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
   * The fused path for `profile` when it is exactly the default plugin set (any args), else undefined.
   * The store's events keep the static cache current; without a store it is recomputed every cycle.
   * `cluster`: the scheduler's cluster version, shared (else the failure memo keeps its own).
   */
  static for(profile: Profile, store?: FastPathStore, cluster?: ClusterVersion): DefaultFastPath | undefined {
    if (profile.hostSelection !== 'score') return undefined;
    if (profile.filter.map((p) => p.name).join() !== FILTERS.join()) return undefined;
    if (profile.score.map((s) => `${s.plugin.name}:${s.weight}`).join() !== SCORES.join()) return undefined;
    const plugins = pluginsOf(profile);
    return plugins === undefined ? undefined : new DefaultFastPath(plugins, store, cluster);
  }

  canScore(skipScore: readonly boolean[]): boolean {
    for (let i = 0; i < skipScore.length; i++) if (skipScore[i] && !SCORES_SKIPPABLE.includes(i)) return false;
    return true;
  }

  /**
   * findNodesThatPassFilters without statuses: walks `nodes` from `start` (rotating) until `toFind`
   * passed, pushing them into `feasible`; returns the number of nodes processed. Nodes marked in
   * `nominated` (they carry nominated pods) go through `override`, the plugin-by-plugin two-pass rule.
   */
  findFeasible(state: CycleState, pod: Pod, nodes: readonly Node[], start: number, toFind: number, skip: readonly boolean[], feasible: Node[], override: NodeFilterFn | null, nominated: Uint8Array | null): number {
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
        if (override!(state, pod, node) === null) feasible[found++] = node;
        continue;
      }
      if (ports !== null && ports.filter(state, pod, node) !== null) continue;
      if (fitsVersion !== null && i < fitsVersion.length) {
        const v = node.accountingVersion + 1;
        if (fitsVersion[i] !== v) {
          fits![i] = fit.fits(pod, node) ? 1 : 0;
          fitsVersion[i] = v;
        }
        if (fits![i] === 0) continue;
      } else if (!fit.fits(pod, node)) continue;
      if (spread !== null && spread.filter(state, pod, node) !== null) continue;
      if (interPod !== null && interPod.filter(state, pod, node) !== null) continue;
      if (gpu !== null && gpu.filter(state, pod, node) !== null) continue;
      feasible[found++] = node;
    }
    feasible.length = found;
    // Nodes processed, as the walk over every node counts them: up to the node that completed the set.
    return found >= toFind ? ((at - start + n) % n) + 1 : n;
  }

  /**
   * The statuses of a walk in which no node passed (findFeasible found none): every node from `start`, in
   * order, gets the Status of its first failing filter, as the plugin-by-plugin walk gives it (the static
   * filters' Status comes from the per-spec cache). False if a node passes after all (then the caller
   * takes the plugin-by-plugin walk).
   */
  rejectAll(state: CycleState, pod: Pod, nodes: readonly Node[], start: number, skip: readonly boolean[], statuses: Map<string, Status>, override: NodeFilterFn | null, nominated: Uint8Array | null): boolean {
    const n = nodes.length;
    let idx = start;
    for (let i = 0; i < n; i++) {
      const node = nodes[idx]!;
      idx = idx + 1 === n ? 0 : idx + 1;
      const s = nominated !== null && nominated[node.index] === 1 ? override!(state, pod, node) : this.statusOf(state, pod, node, skip);
      if (s === null) return false;
      statuses.set(node.name, s);
    }
    return true;
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

  /**
   * Adds the weighted scores of the cycle's non-skipped plugins into totals[0..m); returns the highest
   * total with its ties and first position when the last pass could track it (selectHost then skips its
   * scan), else null.
   */
  score(state: CycleState, pod: Pod, feasible: readonly Node[], totals: Float64Array, skip: readonly boolean[]): TopScore | null {
    const m = feasible.length;
    const p = this.p;
    const spec = pod.spec;
    const noImages = p.image.score(state, pod, NO_IMAGES_NODE);
    const skipBalanced = skip[BALANCED] === true;
    let tainted = false;
    let idx: Int32Array | null = null;
    if (this.inlineScores && pinnedNames(spec) === null) {
      // One pass over the candidate objects: image (as if none had images), fit, balanced, node indexes.
      idx = this.indexScratch(m);
      const f = this.nodeFlags;
      const check = f === undefined ? TAINTED | IMAGES : (f.preferNoSchedule > 0 ? TAINTED : 0) | (f.withImages > 0 ? IMAGES : 0);
      const flags = this.resources.setFrom(spec, feasible, noImages, totals, skipBalanced, idx, check);
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
