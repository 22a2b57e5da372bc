/**
 * NodeResourcesFit and NodeResourcesBalancedAllocation scores of the fused path, remembered per pod spec
 * and node (PERFORMANCE.md lesson 4). Both depend only on the spec's requests and on the node's
 * allocatable and accounting, and a node's accounting changes only through adjustNodeAccounting, which
 * bumps node.accountingVersion. So a remembered score is reused while the node's version is the one it
 * was computed at: the next pod of a Deployment recomputes the node the previous one landed on and
 * reads the other candidates' scores (two divisions-heavy formulas per node otherwise).
 *
 * NodeResourcesFit's filter verdict is remembered the same way (it reads the same accounting).
 * Scores are integers 0..MaxNodeScore, so a byte each; a version slot of 0 means "never computed".
 * At most MAX_SPECS specs are remembered; a new one evicts the oldest, which only costs recomputation.
 */
import type { Node } from '../../cluster/node.js';
import type { PodSpec } from '../../cluster/pod.js';
import { scoreInto } from './formulas.js';
import type { InlineFit } from './formulas.js';

/** Specs remembered at once (a run has a few dozen templates; each costs 11 bytes per node). */
export const MAX_SPECS = 32;

export class Entry {
  fit: Uint8Array;
  balanced: Uint8Array;
  /** node.accountingVersion + 1 at which fit/balanced were computed, per node index; 0 = none. */
  version: Uint32Array;
  /** NodeResourcesFit's filter verdict (1 = fits) and the version it was computed at. */
  fits: Uint8Array;
  fitsVersion: Uint32Array;

  constructor(nodes: number) {
    this.fit = new Uint8Array(nodes);
    this.balanced = new Uint8Array(nodes);
    this.version = new Uint32Array(nodes);
    this.fits = new Uint8Array(nodes);
    this.fitsVersion = new Uint32Array(nodes);
  }

  grow(nodes: number): void {
    if (nodes <= this.version.length) return;
    const size = Math.max(nodes, this.version.length * 2);
    this.fit = grown(this.fit, new Uint8Array(size));
    this.balanced = grown(this.balanced, new Uint8Array(size));
    this.version = grown(this.version, new Uint32Array(size));
    this.fits = grown(this.fits, new Uint8Array(size));
    this.fitsVersion = grown(this.fitsVersion, new Uint32Array(size));
  }
}

function grown<T extends Uint8Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** setFrom() flags: a candidate carries taints; a candidate carries images. */
export const TAINTED = 1;
export const IMAGES = 2;

export class ResourceScores {
  private readonly entries = new Map<PodSpec, Entry>();
  /** setFrom()'s scratch: positions of the candidates whose scores are not remembered. */
  private staleAt = new Int32Array(64);
  /**
   * The candidates' node indexes as the last walk found them (prepare()), with the spec, list and count
   * they hold for: setPrepared() then reads the scores without touching a node object.
   */
  walkIdx = new Int32Array(64);
  private preparedSpec: PodSpec | null = null;
  private preparedList: readonly Node[] | null = null;
  private preparedCount = 0;

  /** `fit`: the inline formula's settings, null when scores go through the plugins (addTo unused). */
  constructor(private readonly fit: InlineFit | null) {}

  /**
   * totals[i] += fit score (+ balanced score unless `skipBalanced`) of feasible[i]; returns whether any
   * candidate carries taints (the caller's TaintToleration shortcut).
   */
  addTo(spec: PodSpec, feasible: readonly Node[], totals: Float64Array, skipBalanced: boolean): boolean {
    return (this.walk(spec, feasible, 0, feasible.length, totals, skipBalanced, null, null, TAINTED) & TAINTED) !== 0;
  }

  /**
   * The fused path's first pass over the candidates: totals[i] = base + fit score (+ balanced score unless
   * `skipBalanced`) of feasible[i], idx[i] = its node index; `base` is ImageLocality's score on a node
   * without images. Returns, of the flags asked for in `check` (TAINTED, IMAGES), those some candidate
   * has: it carries taints; it carries images (those totals start from `base` all the same: the caller
   * redoes them with redoWith()).
   */
  setFrom(spec: PodSpec, feasible: readonly Node[], base: number, totals: Float64Array, skipBalanced: boolean, idx: Int32Array, check: number): number {
    const e = this.entry(spec);
    const m = feasible.length;
    const { fit, balanced, version } = e;
    const size = version.length;
    const withBalanced = skipBalanced ? 0 : 1;
    if (this.staleAt.length < m) this.staleAt = new Int32Array(Math.max(m, this.staleAt.length * 2));
    const staleAt = this.staleAt;
    let stale = 0;
    let flags = 0;
    // The remembered scores in one tight loop; the candidates whose node changed are scored after it.
    for (let i = 0; i < m; i++) {
      const node = feasible[i]!;
      const n = node.index;
      idx[i] = n;
      if (check !== 0) {
        if ((check & TAINTED) !== 0 && node.taints.length !== 0) flags |= TAINTED;
        if ((check & IMAGES) !== 0 && node.images.length !== 0) flags |= IMAGES;
      }
      if (n < size && version[n] === node.accountingVersion + 1) totals[i] = base + fit[n]! + balanced[n]! * withBalanced;
      else staleAt[stale++] = i;
    }
    for (let s = 0; s < stale; s++) {
      const i = staleAt[s]!;
      this.walk(spec, feasible, i, i + 1, totals, skipBalanced, base, null, 0);
    }
    return flags;
  }

  /** Whether inline scores are on: the walk may then prepare the candidates' scores (prepare()). */
  get inline(): boolean {
    return this.fit !== null;
  }

  /** The walk's share: makes node i's remembered scores current (v = node.accountingVersion + 1). */
  prepare(e: Entry, spec: PodSpec, node: Node, i: number, v: number): void {
    scoreInto(this.fit!, node, spec, e.fit, e.balanced, i);
    e.version[i] = v;
  }

  /** Room for k candidates in walkIdx (the walk writes each candidate's node index there). */
  reserve(k: number): void {
    if (k > this.walkIdx.length) this.walkIdx = new Int32Array(Math.max(k, this.walkIdx.length * 2));
  }

  /** Marks the walk's candidates (`count` of them, in `list`) as prepared for `spec`, or nothing (null). */
  prepared(spec: PodSpec | null, list: readonly Node[] | null, count: number): void {
    this.preparedSpec = spec;
    this.preparedList = list;
    this.preparedCount = count;
  }

  /**
   * totals[i] = base + fit (+ balanced unless `skipBalanced`) of the walk's candidates when the walk
   * prepared exactly these (same spec, list and count; nothing changes a node between the walk and the
   * scores): the node indexes come from walkIdx. False (nothing written) otherwise.
   */
  setPrepared(spec: PodSpec, feasible: readonly Node[], base: number, totals: Float64Array, skipBalanced: boolean): boolean {
    const m = feasible.length;
    if (this.preparedSpec !== spec || this.preparedList !== feasible || this.preparedCount !== m) return false;
    this.preparedSpec = null;
    const e = this.entries.get(spec);
    if (e === undefined) return false;
    const { fit, balanced } = e;
    const idx = this.walkIdx;
    if (skipBalanced) for (let k = 0; k < m; k++) totals[k] = base + fit[idx[k]!]!;
    else for (let k = 0; k < m; k++) totals[k] = base + fit[idx[k]!]! + balanced[idx[k]!]!;
    return true;
  }

  /** totals[i] = image + fit (+ balanced) for a candidate setFrom() just scored (its entry is current). */
  redoWith(spec: PodSpec, n: number, image: number, skipBalanced: boolean): number {
    const e = this.entry(spec);
    return image + e.fit[n]! + (skipBalanced ? 0 : e.balanced[n]!);
  }

  /** Scores feasible[from..to): remembered where current, else computed and remembered. */
  private walk(spec: PodSpec, feasible: readonly Node[], from: number, to: number, totals: Float64Array, skipBalanced: boolean, base: number | null, idx: Int32Array | null, check: number): number {
    const e = this.entry(spec);
    const f = this.fit!;
    let { fit, balanced, version } = e;
    let flags = 0;
    for (let i = from; i < to; i++) {
      const node = feasible[i]!;
      const n = node.index;
      if (idx !== null) idx[i] = n;
      if (check !== 0) {
        if ((check & TAINTED) !== 0 && node.taints.length !== 0) flags |= TAINTED;
        if ((check & IMAGES) !== 0 && node.images.length !== 0) flags |= IMAGES;
      }
      const v = node.accountingVersion + 1;
      if (n >= version.length) {
        e.grow(n + 1);
        ({ fit, balanced, version } = e);
      }
      if (version[n] !== v) {
        scoreInto(f, node, spec, fit, balanced, n);
        version[n] = v;
      }
      totals[i] = (base === null ? totals[i]! : base) + fit[n]! + (skipBalanced ? 0 : balanced[n]!);
    }
    return flags;
  }

  /** The spec's entry, with room for node index `maxIndex`. */
  entry(spec: PodSpec, maxIndex = 0): Entry {
    let e = this.entries.get(spec);
    if (e === undefined) {
      if (this.entries.size >= MAX_SPECS) this.entries.delete(this.entries.keys().next().value!);
      e = new Entry(64);
      this.entries.set(spec, e);
    }
    e.grow(maxIndex + 1);
    return e;
  }
}
