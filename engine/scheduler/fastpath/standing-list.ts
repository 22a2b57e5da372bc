/**
 * The candidate list of a spec whose cycles walk every node (percentageOfNodesToScore 100, or fewer than
 * 100 nodes), kept from one cycle to the next. Such a walk always processes every node, so its start
 * never moves, and between two pods of a Deployment only the nodes the cluster version lists as changed
 * (the previous pod's node, mostly) can answer differently: the filters that may run here read the spec
 * and the node alone (static filters, NodePorts, NodeResourcesFit, GpuFit; PodTopologySpread and
 * InterPodAffinity filters must be Skipped, and no pod may be nominated). So the next cycle re-filters
 * the changed nodes only; while none of them changes its verdict the list stands as it was, with each
 * candidate's NodeResourcesFit and BalancedAllocation scores, and PodTopologySpread's per-candidate key
 * (score-table.ts) refreshed for the changed ones. Any other change (a verdict flips, the node list, the
 * start, the Skips, too many changes) drops the list: the next walk builds it again.
 * The scores are the inline formulas' (formulas.ts), as setFrom() computes them.
 */
import type { Node } from '../../cluster/node.js';
import type { Pod, PodSpec } from '../../cluster/pod.js';
import { CPU, MEMORY } from '../../cluster/resources.js';
import type { ClusterVersion } from '../framework/cluster-version.js';
import { balancedScore, fitScore } from './formulas.js';
import type { InlineFit } from './formulas.js';

/** Changes since the last cycle above which the list is rebuilt instead (a walk costs about that much). */
const MAX_CHANGES = 64;

export class Standing {
  /** The cluster version the list is current at. */
  version = 0;
  readonly list: Node[];
  /** Position in `list` per node index, -1 when not a candidate. */
  readonly posOf: Int32Array;
  readonly fit: Uint8Array;
  readonly balanced: Uint8Array;
  /** PodTopologySpread's key per candidate (score-table.ts), valid for `keyPlan` unless listed in `stale`. */
  readonly key: Int32Array;
  keyPlan: unknown = null;
  keyCombos = 0;
  /** Candidates whose key must be recomputed before use (their node changed). */
  readonly stale: number[] = [];
  /** Candidates per key, for the keys of `keyPlan`. */
  keyCount = new Int32Array(64);

  constructor(
    readonly spec: PodSpec,
    readonly nodes: readonly Node[],
    readonly start: number,
    readonly skipBits: number,
    candidates: readonly Node[],
    maxIndex: number,
  ) {
    const m = candidates.length;
    this.list = candidates.slice();
    this.posOf = new Int32Array(maxIndex + 1).fill(-1);
    for (let k = 0; k < m; k++) this.posOf[candidates[k]!.index] = k;
    this.fit = new Uint8Array(m);
    this.balanced = new Uint8Array(m);
    this.key = new Int32Array(m);
  }
}

/** Whether a node passes the cycle's filters (the fused walk's verdict for one node). */
export type NodeVerdict = (node: Node, i: number) => boolean;

export class StandingLists {
  /** The list of the spec whose cycle ran last, and whether that spec's previous cycle could have used one. */
  private current: Standing | null = null;
  private lastSpec: PodSpec | null = null;
  private readonly changed: Node[] = [];
  /** The list this cycle's candidates are (set by reuse() or keep(), cleared when a cycle starts). */
  active: Standing | null = null;
  /** Cycles that reused a list, and cycles scored from one (DefaultScore counts those). */
  reused = 0;
  scored = 0;

  constructor(
    private readonly cluster: ClusterVersion,
    private readonly fit: InlineFit,
  ) {}

  /** A cycle starts: no list is active until reuse() or keep() says so. */
  begin(): void {
    this.active = null;
  }

  /**
   * The standing list of `pod`'s spec, brought up to date, when it still holds for this cycle; null when
   * the walk must run (it then calls keep()).
   */
  reuse(pod: Pod, nodes: readonly Node[], start: number, skipBits: number, passes: NodeVerdict): Node[] | null {
    const s = this.current;
    if (s === null || s.spec !== pod.spec || s.nodes !== nodes || s.start !== start || s.skipBits !== skipBits) return null;
    const changed = this.changed;
    if (!this.cluster.changedSince(s.version, MAX_CHANGES, changed)) return this.drop();
    const spec = s.spec;
    for (const node of changed) {
      const i = node.index;
      const k = i < s.posOf.length ? s.posOf[i]! : -1;
      if ((k >= 0) !== passes(node, i)) return this.drop();
      if (k < 0) continue;
      s.fit[k] = fitScore(this.fit, node, spec.nonZeroCpu, spec.nonZeroMemory);
      s.balanced[k] = balancedScore(node, spec.requests[CPU]!, spec.requests[MEMORY]!);
      s.stale.push(k);
    }
    s.version = this.cluster.version;
    this.active = s;
    this.reused++;
    return s.list;
  }

  /**
   * After a walk that processed every node from `start` and found `candidates` (fit and balanced scores
   * remembered in `fit`/`balanced` by node index, current): keeps them for the next cycle of the spec.
   * Only on the spec's second cycle in a row, so that interleaved specs do not pay for copies.
   */
  keep(pod: Pod, nodes: readonly Node[], start: number, skipBits: number, candidates: readonly Node[], fit: Uint8Array, balanced: Uint8Array): void {
    const spec = pod.spec;
    const again = this.lastSpec === spec;
    this.lastSpec = spec;
    if (!again) return;
    let maxIndex = 0;
    for (const node of candidates) if (node.index > maxIndex) maxIndex = node.index;
    for (const node of nodes) if (node.index > maxIndex) maxIndex = node.index;
    const s = new Standing(spec, nodes, start, skipBits, candidates, maxIndex);
    for (let k = 0; k < candidates.length; k++) {
      const i = candidates[k]!.index;
      s.fit[k] = fit[i]!;
      s.balanced[k] = balanced[i]!;
    }
    s.version = this.cluster.version;
    this.current = s;
    this.active = s;
  }

  /** A walk ran without keeping its candidates (another spec's, or one that cannot stand). */
  walked(pod: Pod): void {
    this.lastSpec = pod.spec;
  }

  private drop(): null {
    this.current = null;
    return null;
  }
}
