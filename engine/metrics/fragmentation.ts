/**
 * GPU fragmentation w.r.t. a typical-pod distribution T (FGD paper, section 4 of its protocol as summarised in docs/gpu-and-traces.md
 * sec. 2 step 2 and sec. 4.2), shared by the FGD score plugin and the alloc_curve metric.
 */
import type { TypicalPod } from '../cluster/gpu.js';
import { MAX_GPUS_PER_NODE, modelAllowed, parseModels } from '../cluster/gpu.js';

/** The share of pods the typical-pod distribution must cover (the paper: 95 %). */
export const TYPICAL_POD_COVERAGE = 0.95;

/** One pod's spec as the distribution sees it (memory is not part of it). */
export interface PodShape {
  cpuMillis: number;
  /** Per-GPU milli (0 for a CPU-only pod). */
  gpuMilli: number;
  gpuCount: number;
  modelsText: string;
}

export interface TypicalPodStats {
  distinct: number;
  kept: number;
  /** Share of all pods covered by the kept specs (0..1). */
  coverage: number;
  pods: TypicalPod[];
}

function specOrder(a: PodShape & { n: number }, b: PodShape & { n: number }): number {
  if (a.n !== b.n) return b.n - a.n;
  if (a.cpuMillis !== b.cpuMillis) return b.cpuMillis - a.cpuMillis;
  if (a.gpuMilli !== b.gpuMilli) return b.gpuMilli - a.gpuMilli;
  if (a.gpuCount !== b.gpuCount) return b.gpuCount - a.gpuCount;
  return a.modelsText < b.modelsText ? 1 : a.modelsText > b.modelsText ? -1 : 0;
}

/** Groups pods by spec, keeps the most frequent specs until they cover `coverage` of the pods, renormalises. */
export function typicalPods(shapes: Iterable<PodShape>, coverage = TYPICAL_POD_COVERAGE): TypicalPodStats {
  const groups = new Map<string, PodShape & { n: number }>();
  let total = 0;
  for (const s of shapes) {
    total++;
    const gpuMilli = s.gpuCount > 0 ? s.gpuMilli : 0;
    const gpuCount = s.gpuMilli > 0 ? s.gpuCount : 0;
    const key = `${s.cpuMillis}/${gpuMilli}/${gpuCount}/${s.modelsText}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { cpuMillis: s.cpuMillis, gpuMilli, gpuCount, modelsText: s.modelsText, n: 1 });
  }
  const sorted = [...groups.values()].sort(specOrder);
  const kept: (PodShape & { n: number })[] = [];
  let covered = 0;
  for (const g of sorted) {
    if (total > 0 && covered >= coverage * total) break;
    kept.push(g);
    covered += g.n;
  }
  const pods = kept.map((g) => ({ cpuMillis: g.cpuMillis, gpuMilli: g.gpuMilli, gpuCount: g.gpuCount, modelsText: g.modelsText, models: parseModels(g.modelsText), weight: g.n / covered }));
  return { distinct: groups.size, kept: kept.length, coverage: total > 0 ? covered / total : 0, pods };
}

/**
 * The typical pods as flat arrays (built once per distribution), with a per-model "model allowed" mask
 * and the distinct per-GPU milli thresholds in descending order, so that one pass over a node's GPUs
 * (sorted, descending) yields, for every threshold, how many GPUs reach it and the milli of those that don't.
 */
class FragTable {
  readonly cpu: Float64Array;
  readonly count: Int32Array;
  readonly weight: Float64Array;
  /** Distinct per-GPU milli of the GPU typical pods, descending; `thresholdOf[t]` indexes it. */
  readonly thresholds: Float64Array;
  readonly thresholdOf: Int32Array;
  readonly fitting: Int32Array;
  readonly small: Float64Array;
  readonly sorted = new Int32Array(MAX_GPUS_PER_NODE);
  private readonly masks = new Map<string, Uint8Array>();

  constructor(private readonly typical: readonly TypicalPod[]) {
    this.cpu = Float64Array.from(typical, (t) => t.cpuMillis);
    this.count = Int32Array.from(typical, (t) => t.gpuCount);
    this.weight = Float64Array.from(typical, (t) => t.weight);
    const distinct = [...new Set(typical.map((t) => t.gpuMilli))].sort((a, b) => b - a);
    this.thresholds = Float64Array.from(distinct);
    this.thresholdOf = Int32Array.from(typical, (t) => distinct.indexOf(t.gpuMilli));
    this.fitting = new Int32Array(distinct.length);
    this.small = new Float64Array(distinct.length);
  }

  /** 1 where typical pod t can use GPUs of this model. */
  mask(model: string): Uint8Array {
    let m = this.masks.get(model);
    if (!m) {
      m = Uint8Array.from(this.typical, (t) => (t.gpuCount > 0 && modelAllowed(t.models, model) ? 1 : 0));
      this.masks.set(model, m);
    }
    return m;
  }
}

const tables = new WeakMap<readonly TypicalPod[], FragTable>();
function tableOf(typical: readonly TypicalPod[]): FragTable {
  let t = tables.get(typical);
  if (!t) {
    t = new FragTable(typical);
    tables.set(typical, t);
  }
  return t;
}

/**
 * Node fragmentation F_n in milli-GPU: for each typical pod t (weight p_t), the idle GPU milli that t
 * could not use on this node: all of it if t needs no GPU, its model is excluded, or the node cannot
 * host t (not k_t GPUs with f_i >= g_t, or not enough CPU); else only the GPUs with f_i < g_t.
 * `len` is the number of GPUs in `free` (scratch arrays may be longer).
 */
export function nodeFragmentation(cpuFree: number, model: string, free: Int32Array, len: number, typical: readonly TypicalPod[]): number {
  let idle = 0;
  for (let i = 0; i < len; i++) idle += free[i]!;
  if (idle === 0) return 0;
  const tab = tableOf(typical);
  const { cpu, count, weight, thresholds, thresholdOf, fitting, small, sorted } = tab;
  // Free milli sorted descending (insertion sort: at most MAX_GPUS_PER_NODE values).
  for (let i = 0; i < len; i++) {
    const f = free[i]!;
    let j = i;
    while (j > 0 && sorted[j - 1]! < f) {
      sorted[j] = sorted[j - 1]!;
      j--;
    }
    sorted[j] = f;
  }
  let j = 0;
  let reached = 0;
  for (let h = 0; h < thresholds.length; h++) {
    const g = thresholds[h]!;
    while (j < len && sorted[j]! >= g) reached += sorted[j++]!;
    fitting[h] = j;
    small[h] = idle - reached;
  }
  const mask = tab.mask(model);
  let frag = 0;
  for (let t = 0; t < weight.length; t++) {
    if (mask[t] === 0 || cpuFree < cpu[t]!) {
      frag += weight[t]! * idle;
      continue;
    }
    const h = thresholdOf[t]!;
    frag += weight[t]! * (fitting[h]! >= count[t]! ? small[h]! : idle);
  }
  return frag;
}
