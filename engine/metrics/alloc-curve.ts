/**
 * alloc_curve.csv: GPU allocation and fragmentation as a function of arrived GPU demand, the FGD paper's
 * metric (fgd-experiment.md sec. 4). A report is taken after every scheduling decision (a pod bound, or
 * found unschedulable); a pod's GPU demand (count x milli) "arrives" at its first decision. With C the
 * cluster's GPU capacity in milli-GPU when the first decision is taken:
 *   x = round-half-even(100 * arrived / C), alloc% = round(100 * allocated / C, 2), frag = cluster
 *   fragmentation (sum of node fragmentation w.r.t. the typical pods, milli-GPU).
 * Row x (0 .. max(130, largest x seen)) holds the mean over the reports in bin x; an empty bin takes the
 * reports of bins x-1..x+1; if those are empty too the cells stay empty.
 */
import type { Node } from '../cluster/node.js';
import { CPU } from '../cluster/resources.js';
import type { ClusterStore } from '../cluster/store.js';
import { MILLI_PER_GPU, gpuDemandMilli } from '../cluster/gpu.js';
import type { Cell } from './sink.js';
import { nodeFragmentation } from './fragmentation.js';

export const ALLOC_CURVE_COLUMNS = ['arrived_pct', 'alloc_pct', 'frag_pct', 'frag_ratio_pct', 'unallocated_gpus', 'reports'] as const;
/** The paper's x range: demand tuned to 130 % of capacity. */
export const ALLOC_CURVE_MAX_X = 130;

/** Python's round() to an integer: halves go to the even neighbour. */
export function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

export function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

export class AllocCurve {
  private nodeUsed = new Float64Array(0);
  private nodeFrag = new Float64Array(0);
  private nodeCap = new Float64Array(0);
  private liveCapMilli = 0;
  private usedMilli = 0;
  private fragMilli = 0;
  private idleMilli = 0;
  private arrivedMilli = 0;
  private capacityMilli = 0;
  private readonly seen = new Set<number>();
  private readonly bins = { alloc: [] as number[], frag: [] as number[], ratio: [] as number[], n: [] as number[] };
  reports = 0;

  constructor(private readonly store: ClusterStore) {
    store.events.onNode((type, node) => {
      if (type === 'NodeAdded' || type === 'NodeRemoved') this.refresh(node);
    });
    store.events.onPod((type, pod) => {
      if ((type === 'PodBound' || type === 'PodPhaseChanged' || type === 'PodRemoved') && pod.nodeIndex >= 0) this.refresh(store.nodes[pod.nodeIndex]!);
    });
    store.events.onRecord((_t, event, object) => {
      if (event === 'PodScheduled' || event === 'PodUnschedulable') this.report(object);
    });
  }

  /** GPU capacity (milli) the curve is relative to. */
  get capacity(): number {
    return this.capacityMilli;
  }

  /** GPU capacity (milli) of the live nodes now. */
  get liveCapacity(): number {
    return this.liveCapMilli;
  }

  /** Currently allocated GPU milli over live nodes. */
  get allocated(): number {
    return this.usedMilli;
  }

  private refresh(node: Node): void {
    const i = node.index;
    if (i >= this.nodeUsed.length) {
      const size = Math.max(i + 1, this.nodeUsed.length * 2);
      const u = new Float64Array(size);
      u.set(this.nodeUsed);
      const f = new Float64Array(size);
      f.set(this.nodeFrag);
      const c = new Float64Array(size);
      c.set(this.nodeCap);
      this.nodeUsed = u;
      this.nodeFrag = f;
      this.nodeCap = c;
    }
    let used = 0;
    let frag = 0;
    let idle = 0;
    let cap = 0;
    const g = node.gpus;
    if (g && !node.deleted) {
      for (let k = 0; k < g.free.length; k++) idle += g.free[k]!;
      cap = g.free.length * MILLI_PER_GPU;
      used = cap - idle;
      const typical = this.store.gpuTypicalPods;
      frag = typical.length > 0 ? nodeFragmentation(node.allocatable[CPU]! - node.requested[CPU]!, g.model, g.free, g.free.length, typical) : 0;
    }
    this.usedMilli += used - this.nodeUsed[i]!;
    this.fragMilli += frag - this.nodeFrag[i]!;
    this.liveCapMilli += cap - this.nodeCap[i]!;
    this.nodeUsed[i] = used;
    this.nodeFrag[i] = frag;
    this.nodeCap[i] = cap;
    this.idleMilli = this.liveCapMilli - this.usedMilli;
  }

  private report(key: string): void {
    if (this.capacityMilli === 0) this.capacityMilli = this.liveCapMilli;
    if (this.capacityMilli === 0) return;
    const slash = key.indexOf('/');
    const pod = this.store.pod(key.slice(0, slash), key.slice(slash + 1));
    if (pod && !this.seen.has(pod.uid)) {
      this.seen.add(pod.uid);
      this.arrivedMilli += gpuDemandMilli(pod.spec.gpu);
    }
    const x = roundHalfEven((this.arrivedMilli / this.capacityMilli) * 100);
    const b = this.bins;
    while (b.n.length <= x) {
      b.alloc.push(0);
      b.frag.push(0);
      b.ratio.push(0);
      b.n.push(0);
    }
    b.alloc[x]! += round2((this.usedMilli / this.capacityMilli) * 100);
    b.frag[x]! += this.fragMilli;
    b.ratio[x]! += this.idleMilli > 0 ? (100 * this.fragMilli) / this.idleMilli : 0;
    b.n[x]!++;
    this.reports++;
  }

  /** Mean allocation % and fragmentation % at x (with the x-1..x+1 fallback), or undefined. */
  at(x: number): { alloc: number; frag: number; ratio: number; n: number } | undefined {
    const b = this.bins;
    const sum = (lo: number, hi: number): { alloc: number; frag: number; ratio: number; n: number } => {
      const s = { alloc: 0, frag: 0, ratio: 0, n: 0 };
      for (let i = Math.max(lo, 0); i <= hi && i < b.n.length; i++) {
        s.alloc += b.alloc[i]!;
        s.frag += b.frag[i]!;
        s.ratio += b.ratio[i]!;
        s.n += b.n[i]!;
      }
      return s;
    };
    let s = sum(x, x);
    if (s.n === 0) s = sum(x - 1, x + 1);
    if (s.n === 0) return undefined;
    return { alloc: round2(s.alloc / s.n), frag: round2(((s.frag / s.n) * 100) / this.capacityMilli), ratio: s.ratio / s.n, n: s.n };
  }

  rows(): Cell[][] {
    const out: Cell[][] = [];
    const maxX = Math.max(ALLOC_CURVE_MAX_X, this.bins.n.length - 1);
    const gpus = this.capacityMilli / MILLI_PER_GPU;
    for (let x = 0; x <= maxX; x++) {
      const v = this.at(x);
      out.push(v ? [x, v.alloc.toFixed(2), v.frag.toFixed(2), v.ratio.toFixed(4), ((gpus * (100 - v.alloc)) / 100).toFixed(2), this.bins.n[x] ?? 0] : [x, '', '', '', '', 0]);
    }
    return out;
  }
}
