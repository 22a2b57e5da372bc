/**
 * A spec's filter verdicts and scores on every node, kept from one cycle to the next while pods of that
 * spec keep coming (a Deployment's replicas). The filters that may run here read the spec and the node
 * alone (static filters, NodePorts, NodeResourcesFit, GpuFit; PodTopologySpread and InterPodAffinity
 * filters must be Skipped, and no pod may be nominated), so between two cycles only the nodes the cluster
 * version lists as changed (the previous pod's node, mostly) can answer differently: a cycle re-filters
 * and re-scores those only. The walk is then a scan of one byte per node from the rotating start for
 * upstream's numFeasibleNodesToFind feasible nodes (the same nodes, order and processed count as the
 * walk), and the scores are read by node position: NodeResourcesFit and BalancedAllocation (the inline
 * formulas, formulas.ts) and PodTopologySpread's key (score-table.ts windowWeights).
 *
 * A list is kept for one spec at a time. It is built from a walk over every node (free: that walk
 * computes everything), or, for sampled walks, once the spec has had enough cycles in a row to pay for
 * a pass over every node. Too many changes between two cycles, another node list or other Skips drop it.
 */
import type { Node } from '../../cluster/node.js';
import type { Pod, PodSpec } from '../../cluster/pod.js';
import type { ClusterVersion } from '../framework/cluster-version.js';
import { scoreInto } from './formulas.js';
import type { InlineFit } from './formulas.js';
import type { StandingBlocks } from './standing-blocks.js';
import type { DomainVerdicts } from '../plugins/podtopologyspread/pod-topology-spread.js';

/** Changes since the spec's last cycle above which the list is dropped (a walk costs about that much). */
const MAX_CHANGES = 64;

export class Standing {
  /** The cluster version the verdicts and scores are current at. */
  version = 0;
  readonly n: number;
  /** Per node position: 1 when the node passes the filters. */
  readonly ok: Uint8Array;
  /** Per node position (where ok): NodeResourcesFit's and BalancedAllocation's scores. */
  readonly fit: Uint8Array;
  readonly balanced: Uint8Array;
  /** Node position per node index, -1 for nodes not in the list. */
  readonly posOf: Int32Array;
  /** PodTopologySpread's key per node position, valid where keyAt equals keyEpoch (score-table.ts). */
  readonly key: Int32Array;
  readonly keyAt: Int32Array;
  keyEpoch = 1;
  keyPlan: unknown = null;
  keyCombos = 0;
  /**
   * For windows of every passing node (walks over every node): candidates per key, kept across cycles
   * while countEpoch equals keyEpoch (0: recount); counted marks the positions in keyCount, and
   * staleKeys lists the passing positions changed since, to count again.
   */
  keyCount = new Int32Array(64);
  readonly counted: Uint8Array;
  countEpoch = 0;
  readonly staleKeys: number[] = [];
  /** Bumped whenever a verdict changes: the window below is then scanned again. */
  flips = 0;
  /**
   * The last window, for (start, toFind, flips): its size and processed count. Its candidates' node
   * positions (posAt, positions()) and nodes (nodeAt, windowNodes()) are listed only when asked: the
   * block ranking reads a few, and copying them cost as much as the ranking.
   */
  windowSize = 0;
  private windowPos = new Int32Array(0);
  windowStart = -1;
  windowToFind = -1;
  windowFlips = -1;
  windowProcessed = 0;
  /** Whether the window holds every passing node. */
  windowFull = false;
  /**
   * Windows scanned; the one windowPos holds (a window scanned without `extra` is read from the passing
   * list until its positions are asked for: windowAt is where it starts there, else -1); the one whose
   * nodes `listed` holds.
   */
  private scans = 0;
  private posScan = -1;
  private windowAt = -1;
  private listedScan = -1;
  private readonly listed: Node[] = [];
  /** The passing positions in ascending order (passing[0..passCount)), kept on every flip once indexed. */
  private passing = new Int32Array(0);
  private passCount = 0;
  private indexed = false;
  /**
   * The block ranking of the windows (standing-blocks.ts), once the candidates ranked one by one add up
   * to a few passes over every node (blockWork counts them; -Infinity: never for this list).
   */
  blocks: StandingBlocks | null = null;
  blockWork = 0;

  constructor(
    readonly spec: PodSpec,
    readonly nodes: readonly Node[],
    readonly skipBits: number,
  ) {
    const n = nodes.length;
    this.n = n;
    this.ok = new Uint8Array(n);
    this.fit = new Uint8Array(n);
    this.balanced = new Uint8Array(n);
    let maxIndex = 0;
    for (const node of nodes) if (node.index > maxIndex) maxIndex = node.index;
    this.posOf = new Int32Array(maxIndex + 1).fill(-1);
    for (let p = 0; p < n; p++) this.posOf[nodes[p]!.index] = p;
    this.key = new Int32Array(n);
    this.keyAt = new Int32Array(n);
    this.counted = new Uint8Array(n);
  }

  /** Node position p's verdict and, when it passes, its scores for the spec (formulas.ts). */
  set(p: number, passes: boolean, fit: InlineFit): void {
    const was = this.ok[p]!;
    const now = passes ? 1 : 0;
    if (was !== now) {
      this.ok[p] = now;
      this.flips++;
      if (this.indexed) this.flip(p, now === 1);
    }
    this.keyAt[p] = 0;
    if (this.blocks !== null) this.blocks.touch(p);
    if (this.counted[p] === 1) {
      const old = this.key[p]!;
      this.keyCount[old] = this.keyCount[old]! - 1;
      this.counted[p] = 0;
    }
    if (passes && this.countEpoch !== 0) {
      // (past a node count of changes a recount is cheaper than the list)
      if (this.staleKeys.length < this.n) this.staleKeys.push(p);
      else this.countEpoch = 0;
    }
    if (!passes) return;
    scoreInto(fit, this.nodes[p]!, this.spec, this.fit, this.balanced, p);
  }

  /** Whether the last window is a run of consecutive passing positions (scanned without `extra`). */
  get windowConsecutive(): boolean {
    return this.windowStart >= 0;
  }

  /** Lists the passing positions (after the verdicts were filled); flips keep the list from then on. */
  index(): void {
    const n = this.n;
    this.passing = new Int32Array(n);
    let c = 0;
    for (let p = 0; p < n; p++) if (this.ok[p] === 1) this.passing[c++] = p;
    this.passCount = c;
    this.indexed = true;
  }

  /** Position p joins (passes) or leaves the ascending passing list. */
  private flip(p: number, passes: boolean): void {
    const list = this.passing;
    const at = lowerBound(list, this.passCount, p);
    if (passes) {
      list.copyWithin(at + 1, at, this.passCount);
      list[at] = p;
      this.passCount++;
    } else {
      list.copyWithin(at, at + 1, this.passCount);
      this.passCount--;
    }
  }

  /**
   * The candidates of a walk from `start` for `toFind` nodes: the passing positions from `start` on,
   * cyclically, that `extra` (a filter whose verdicts are not kept: PodTopologySpread's, which follows
   * every domain's count) also passes; and the nodes that walk processed (up to the node that completed
   * the set, or every node). Remembered while nothing flips, when there is no `extra`.
   */
  scan(start: number, toFind: number, extra: WindowExtra | null = null): number {
    if (extra === null && this.windowStart === start && this.windowToFind === toFind && this.windowFlips === this.flips) return this.windowProcessed;
    const n = this.n;
    const count = this.passCount;
    const list = this.passing;
    const most = Math.min(count, toFind);
    if (this.windowPos.length < most) this.windowPos = new Int32Array(Math.max(most, this.windowPos.length * 2));
    const pos = this.windowPos;
    const j = lowerBound(list, count, start);
    const scan = ++this.scans;
    const take = extra === null ? most : filterWindow(list, count, j, toFind, extra, pos);
    this.windowSize = take;
    this.windowAt = extra === null ? j : -1;
    this.posScan = extra === null ? -1 : scan;
    this.windowFull = extra === null && take === count;
    this.windowStart = extra === null ? start : -1;
    this.windowToFind = toFind;
    this.windowFlips = this.flips;
    this.windowProcessed = take > 0 && take === toFind ? ((this.posAt(take - 1) - start + n) % n) + 1 : n;
    return this.windowProcessed;
  }

  /** The window's k-th candidate's node position. */
  posAt(k: number): number {
    if (this.posScan === this.scans) return this.windowPos[k]!;
    const i = this.windowAt + k;
    return this.passing[i < this.passCount ? i : i - this.passCount]!;
  }

  /** The window's k-th candidate. */
  nodeAt(k: number): Node {
    return this.nodes[this.posAt(k)]!;
  }

  /** For a window of consecutive passing positions (windowConsecutive): the candidate index of position p in it. */
  indexOf(p: number): number {
    const i = lowerBound(this.passing, this.passCount, p);
    return i >= this.windowAt ? i - this.windowAt : i + this.passCount - this.windowAt;
  }

  /** The window's node positions, positions()[0..windowSize) (listed once per window). */
  positions(): Int32Array {
    if (this.posScan !== this.scans) {
      // (the loop is a module function: see default-score.ts rankWindow, V8's on-stack compilation)
      copyWindow(this.passing, this.passCount, this.windowAt, this.windowSize, this.windowPos);
      this.posScan = this.scans;
    }
    return this.windowPos;
  }

  /** The window's candidates as a list (made once per window, for the plugins that read nodes). */
  windowNodes(): Node[] {
    const out = this.listed;
    if (this.listedScan === this.scans) return out;
    const m = this.windowSize;
    const pos = this.positions();
    for (let k = 0; k < m; k++) out[k] = this.nodes[pos[k]!]!;
    out.length = m;
    this.listedScan = this.scans;
    return out;
  }
}

/** The `take` passing positions from list[j] on, cyclically, into pos. */
function copyWindow(list: Int32Array, count: number, j: number, take: number, pos: Int32Array): void {
  for (let k = 0; k < take; k++) {
    if (j === count) j = 0;
    pos[k] = list[j++]!;
  }
}

/**
 * A cycle's filters that follow pods across a domain (standing-verdicts.ts), asked of the window's
 * positions only: `keeps(p)`; or, when PodTopologySpread's verdicts per domain decide alone, those read
 * inline by node index (a zone-spread pod that fits one zone in three looks at ~1,500 positions a cycle).
 */
export interface WindowExtra {
  keeps(p: number): boolean;
  /** The per-domain verdicts when they alone decide (node index i passes when hasKey[i] and ok[valueOf[i]]); else null. */
  readonly domainOnly: DomainVerdicts | null;
  /** Node index by position. */
  readonly indexes: Int32Array;
}

/** Like copyWindow, for up to toFind positions that `extra` passes, looking at each passing position once. */
function filterWindow(list: Int32Array, count: number, j: number, toFind: number, extra: WindowExtra, pos: Int32Array): number {
  const d = extra.domainOnly;
  if (d !== null) return filterByDomain(list, count, j, toFind, extra, d, pos);
  let take = 0;
  for (let seen = 0; seen < count && take < toFind; seen++) {
    if (j === count) j = 0;
    const p = list[j++]!;
    if (extra.keeps(p)) pos[take++] = p;
  }
  return take;
}

/** filterWindow with the per-domain verdicts read inline (`keeps` only for nodes newer than them). */
function filterByDomain(list: Int32Array, count: number, j: number, toFind: number, extra: WindowExtra, d: DomainVerdicts, pos: Int32Array): number {
  const indexes = extra.indexes;
  const { hasKey, valueOf, ok } = d;
  const known = hasKey.length;
  let take = 0;
  for (let seen = 0; seen < count && take < toFind; seen++) {
    if (j === count) j = 0;
    const p = list[j++]!;
    const i = indexes[p]!;
    if (i < known ? hasKey[i] === 1 && ok[valueOf[i]!] === 1 : extra.keeps(p)) pos[take++] = p;
  }
  return take;
}

/** The first j < size with sorted[j] >= value (size if none). */
function lowerBound(sorted: Int32Array, size: number, value: number): number {
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether a node passes the cycle's filters (the fused walk's verdict for one node). */
export type NodeVerdict = (node: Node, i: number) => boolean;

export class StandingLists {
  private current: Standing | null = null;
  /** The spec of the last cycle asked, and how many cycles in a row it has had. */
  private lastSpec: PodSpec | null = null;
  streak = 0;
  private readonly changed: Node[] = [];
  /** Cycles that reused a list, cycles scored from one and of those ranked by blocks (DefaultScore counts both), lists built. */
  reused = 0;
  scored = 0;
  blocks = 0;
  built = 0;

  constructor(
    private readonly cluster: ClusterVersion,
    private readonly fit: InlineFit,
  ) {}

  /** Whether this cycle asked for a list (standing()): only then may its walk build one. */
  asked = false;

  /** A cycle starts: it has not asked for a list yet. */
  begin(): void {
    this.asked = false;
  }

  /** Counts the spec's cycles in a row. */
  count(spec: PodSpec): void {
    this.streak = this.lastSpec === spec ? this.streak + 1 : 1;
    this.lastSpec = spec;
  }

  /**
   * The spec's standing list brought up to date, with its window for this walk scanned, when it still
   * holds; null when the walk must run. The window may be empty (the walk then builds the statuses).
   */
  reuse(pod: Pod, nodes: readonly Node[], start: number, toFind: number, skipBits: number, passes: NodeVerdict, extra: WindowExtra | null): Standing | null {
    const s = this.current;
    if (s === null || s.spec !== pod.spec || s.nodes !== nodes || s.skipBits !== skipBits) return null;
    const changed = this.changed;
    const count = this.cluster.changedSince(s.version, MAX_CHANGES, changed);
    if (count < 0) {
      this.current = null;
      return null;
    }
    for (let c = 0; c < count; c++) {
      const node = changed[c]!;
      const i = node.index;
      const p = i < s.posOf.length ? s.posOf[i]! : -1;
      if (p >= 0) s.set(p, passes(node, i), this.fit);
    }
    s.version = this.cluster.version;
    s.scan(start, toFind, extra);
    this.reused++;
    return s;
  }

  /**
   * Builds the spec's list: `fill` sets every passing node's verdict and scores (Standing.set, or the
   * walk's remembered scores). It is current at the cluster's version.
   */
  build(pod: Pod, nodes: readonly Node[], skipBits: number, fill: (s: Standing, fit: InlineFit) => void): Standing {
    const s = new Standing(pod.spec, nodes, skipBits);
    fill(s, this.fit);
    s.index();
    s.version = this.cluster.version;
    this.current = s;
    this.built++;
    return s;
  }

  /**
   * Builds the spec's list from a walk over every node: its candidates pass, with the fit and balanced
   * scores it made current (by node index), and no other node does.
   */
  buildFromWalk(pod: Pod, nodes: readonly Node[], skipBits: number, candidates: readonly Node[], fit: Uint8Array, balanced: Uint8Array): void {
    this.build(pod, nodes, skipBits, (s) => {
      for (const node of candidates) {
        const i = node.index;
        const p = s.posOf[i]!;
        s.ok[p] = 1;
        s.fit[p] = fit[i]!;
        s.balanced[p] = balanced[i]!;
      }
    });
  }
}

/** The Skip flags as bits (a list holds for the Skips it was built with). */
export function skipBits(skip: readonly boolean[]): number {
  let bits = 0;
  for (let i = 0; i < skip.length; i++) if (skip[i]) bits |= 1 << i;
  return bits;
}
