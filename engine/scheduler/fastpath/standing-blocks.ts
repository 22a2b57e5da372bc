/**
 * Ranking a standing list's window (standing-list.ts) by blocks of node positions instead of candidate
 * by candidate. With a standing list and PodTopologySpread's score table, a candidate's total is
 * base + fit + balanced (per node position) + the weight of its spread key (per key, over the window's
 * keys), so the highest total is the best, over the keys present in the window, of key weight + the
 * highest fit + balanced among the window's candidates of that key. Positions are grouped by key, and
 * each block of 32 positions keeps, per group, its highest fit + balanced and how many have it: a
 * window (a cyclic range of positions, since it holds consecutive passing positions) is then a few
 * dozen block summaries plus the positions at its two ends, whatever its size. The tied candidates are
 * found the same way, in candidate order, only for the one selectHost draws. The highest total, its
 * ties and the chosen candidate are those of the candidate-by-candidate ranking (integers: the same
 * sums), so the same random draw picks the same node.
 */
import type { TieLocator, TopScore } from '../plugins/podtopologyspread/score-table.js';

const SHIFT = 5;
const BLOCK = 1 << SHIFT;
/** Most key groups a list keeps summaries for (beyond, after a rebuild keeping only live ones, no blocks). */
const MAX_GROUPS = 64;

/** What a ranking reads per node position: verdicts and the two resource scores (standing-list.ts). */
export interface BlockSource {
  readonly ok: Uint8Array;
  readonly fit: Uint8Array;
  readonly balanced: Uint8Array;
}

/** A window of consecutive passing positions (standing-list.ts): its candidates' positions and indexes. */
export interface BlockWindow {
  readonly windowSize: number;
  posAt(k: number): number;
  indexOf(p: number): number;
}

/** A spread score table begun for the list's keys (score-table.ts beginStanding). */
export interface KeyTable {
  standingKey(p: number): number;
  standingWeightsOf(present: Int32Array, count: number, weight: number, pre: number): Float64Array;
}

export class StandingBlocks implements TieLocator {
  /** The list's key epoch the groups were computed at. */
  epoch = -1;
  private readonly n: number;
  private readonly nb: number;
  /** Group slots per block (grows to MAX_GROUPS), groups allocated, each group's key and passing positions. */
  private cap = 8;
  private groups = 0;
  private keyOfGroup = new Int32Array(MAX_GROUPS);
  private groupOfKey = new Int32Array(64);
  private readonly members = new Int32Array(MAX_GROUPS);
  /** Per node position: its group (-1 when it does not pass) and fit + balanced. */
  private readonly gid: Int16Array;
  private readonly val: Int16Array;
  /**
   * Per group slot and block (group-major: a group's blocks are contiguous, at g x nb + b): the highest
   * fit + balanced (-1: none) and how many positions have it (0 with none).
   */
  private bmax: Int16Array;
  private bcnt: Int16Array;
  /**
   * Positions touched since the last rank() (repeats allowed; past n entries, everything is rebuilt), and
   * their blocks: typed arrays with counts (a list emptied by `length = 0` loses its storage in V8).
   */
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private stale = false;
  private readonly dirty: Uint8Array;
  private readonly dirtyList: Int32Array;
  private dirtyCount = 0;
  /** One cycle: the groups with members, per group the window's best fit + balanced, its count, the tie target. */
  private readonly live = new Int32Array(MAX_GROUPS);
  private liveCount = 0;
  private readonly gmax = new Int32Array(MAX_GROUPS);
  private readonly gcnt = new Int32Array(MAX_GROUPS);
  private readonly target = new Int32Array(MAX_GROUPS);
  private readonly present = new Int32Array(MAX_GROUPS);
  /** The window of the last rank(), its first and last positions. */
  private window: BlockWindow | null = null;
  private a = 0;
  private e = 0;

  constructor(n: number) {
    this.n = n;
    this.nb = (n + BLOCK - 1) >> SHIFT;
    this.gid = new Int16Array(n).fill(-1);
    this.val = new Int16Array(n);
    this.bmax = new Int16Array(this.nb * this.cap).fill(-1);
    this.bcnt = new Int16Array(this.nb * this.cap);
    this.dirty = new Uint8Array(this.nb);
    this.touched = new Int32Array(n);
    this.dirtyList = new Int32Array(this.nb);
  }

  /** Node position p changed (verdict, scores or key): it and its block's summary are redone before the next rank. */
  touch(p: number): void {
    if (this.touchedCount < this.n) this.touched[this.touchedCount++] = p;
    else this.stale = true;
  }

  /**
   * Every group and summary from scratch at `epoch`; false when more than MAX_GROUPS keys are present
   * (the caller then ranks candidate by candidate).
   */
  build(src: BlockSource, keys: KeyTable, epoch: number): boolean {
    this.epoch = epoch;
    this.groups = 0;
    this.groupOfKey.fill(0);
    this.members.fill(0);
    this.touchedCount = 0;
    this.stale = false;
    for (let i = 0; i < this.dirtyCount; i++) this.dirty[this.dirtyList[i]!] = 0;
    this.dirtyCount = 0;
    for (let p = 0; p < this.n; p++) {
      if (src.ok[p] !== 1) {
        this.gid[p] = -1;
        continue;
      }
      const g = this.groupOf(keys.standingKey(p));
      if (g < 0) return false;
      this.gid[p] = g;
      this.members[g]!++;
      this.val[p] = src.fit[p]! + src.balanced[p]!;
    }
    for (let b = 0; b < this.nb; b++) this.summarise(b);
    return true;
  }

  /**
   * The touched positions and their blocks' summaries brought up to date; false as for build(). A summary
   * is updated in place (the old value leaves, the new one joins) unless the old value was its group's
   * last at the block's highest: then the block is summarised again.
   */
  private refresh(src: BlockSource, keys: KeyTable): boolean {
    if (this.stale) return this.build(src, keys, this.epoch);
    const touched = this.touched;
    const nb = this.nb;
    for (let i = 0; i < this.touchedCount; i++) {
      const p = touched[i]!;
      const old = this.gid[p]!;
      const oldVal = this.val[p]!;
      if (old >= 0) this.members[old]!--;
      let g = -1;
      if (src.ok[p] !== 1) this.gid[p] = -1;
      else {
        g = this.groupOf(keys.standingKey(p));
        if (g < 0) return this.build(src, keys, this.epoch);
        this.gid[p] = g;
        this.members[g]!++;
        this.val[p] = src.fit[p]! + src.balanced[p]!;
      }
      const b = p >> SHIFT;
      if (this.dirty[b] === 1) continue;
      if (old >= 0 && this.bmax[old * nb + b] === oldVal && --this.bcnt[old * nb + b]! === 0) {
        this.dirty[b] = 1;
        this.dirtyList[this.dirtyCount++] = b;
        continue;
      }
      if (g >= 0) this.join(g * nb + b, this.val[p]!);
    }
    this.touchedCount = 0;
    const list = this.dirtyList;
    for (let i = 0; i < this.dirtyCount; i++) {
      this.dirty[list[i]!] = 0;
      this.summarise(list[i]!);
    }
    this.dirtyCount = 0;
    return true;
  }

  /** A key's group, allocated on first sight (slots grow, the summaries re-laid out); -1 past MAX_GROUPS. */
  private groupOf(key: number): number {
    if (key >= this.groupOfKey.length) {
      const grown = new Int32Array(Math.max(key + 1, this.groupOfKey.length * 2));
      grown.set(this.groupOfKey);
      this.groupOfKey = grown;
    }
    const known = this.groupOfKey[key]!;
    if (known > 0) return known - 1;
    if (this.groups === MAX_GROUPS) return -1;
    const g = this.groups++;
    this.groupOfKey[key] = g + 1;
    this.keyOfGroup[g] = key;
    this.members[g] = 0;
    if (this.groups > this.cap) this.widen();
    // (a slot reused after a rebuild keeps old summaries: none until its positions are summarised)
    this.bmax.fill(-1, g * this.nb, (g + 1) * this.nb);
    this.bcnt.fill(0, g * this.nb, (g + 1) * this.nb);
    return g;
  }

  /** Doubles the group slots, every summary copied across (a group's rows keep their offsets). */
  private widen(): void {
    const cap = this.cap * 2;
    const bmax = new Int16Array(this.nb * cap).fill(-1);
    const bcnt = new Int16Array(this.nb * cap);
    bmax.set(this.bmax);
    bcnt.set(this.bcnt);
    this.cap = cap;
    this.bmax = bmax;
    this.bcnt = bcnt;
  }

  /** Block b's highest fit + balanced per group and its count, from its positions. */
  private summarise(b: number): void {
    const nb = this.nb;
    const bmax = this.bmax;
    const bcnt = this.bcnt;
    for (let g = 0; g < this.groups; g++) {
      bmax[g * nb + b] = -1;
      bcnt[g * nb + b] = 0;
    }
    const end = Math.min(this.n, (b + 1) << SHIFT);
    for (let p = b << SHIFT; p < end; p++) {
      const g = this.gid[p]!;
      if (g >= 0) this.join(g * nb + b, this.val[p]!);
    }
  }

  /** A position's fit + balanced joins the summary at `at`: a new highest, or one more at the highest. */
  private join(at: number, v: number): void {
    if (v > this.bmax[at]!) {
      this.bmax[at] = v;
      this.bcnt[at] = 1;
    } else if (v === this.bmax[at]) this.bcnt[at]!++;
  }

  /**
   * Ranks the window (consecutive passing positions in cyclic order): fills `top` with the highest total
   * base + fit + balanced + the weight of the key (`weight` x the normalized spread score + `pre`), its
   * ties, with this as the locator of the tied candidates (and the tied candidate as `first` when there
   * is one tie; else -1). False when the groups
   * outgrow MAX_GROUPS (nothing filled).
   */
  rank(src: BlockSource, keys: KeyTable, window: BlockWindow, base: number, weight: number, pre: number, top: TopScore): boolean {
    if (!this.refresh(src, keys)) return false;
    this.window = window;
    const a = window.posAt(0);
    const e = window.posAt(window.windowSize - 1);
    this.a = a;
    this.e = e;
    let live = 0;
    for (let g = 0; g < this.groups; g++) {
      if (this.members[g]! > 0) this.live[live++] = g;
      this.gmax[g] = -1;
      this.gcnt[g] = 0;
    }
    this.liveCount = live;
    if (e < a) {
      this.aggregate(a, this.n - 1);
      this.aggregate(0, e);
    } else this.aggregate(a, e);
    let count = 0;
    for (let i = 0; i < live; i++) {
      const g = this.live[i]!;
      if (this.gmax[g]! >= 0) this.present[count++] = this.keyOfGroup[g]!;
    }
    const w = keys.standingWeightsOf(this.present, count, weight, pre);
    let best = -Infinity;
    for (let i = 0; i < live; i++) {
      const g = this.live[i]!;
      if (this.gmax[g]! < 0) continue;
      const t = base + this.gmax[g]! + w[this.keyOfGroup[g]!]!;
      if (t > best) best = t;
    }
    let ties = 0;
    for (let i = 0; i < live; i++) {
      const g = this.live[i]!;
      const hit = this.gmax[g]! >= 0 && base + this.gmax[g]! + w[this.keyOfGroup[g]!]! === best;
      this.target[g] = hit ? this.gmax[g]! : -2;
      if (hit) ties += this.gcnt[g]!;
    }
    top.max = best;
    top.ties = ties;
    // (selectHost reads `first` only for a single tie; with more it draws one and asks tie())
    top.first = ties === 1 ? this.tie(0) : -1;
    top.locator = this;
    return true;
  }

  /** The window's best fit + balanced per group and its count over positions lo..hi. */
  private aggregate(lo: number, hi: number): void {
    const bl = lo >> SHIFT;
    const bh = hi >> SHIFT;
    if (bl === bh) {
      this.scan(lo, hi);
      return;
    }
    this.scan(lo, ((bl + 1) << SHIFT) - 1);
    if (bh > bl + 1) this.blocks(bl + 1, bh);
    this.scan(bh << SHIFT, hi);
  }

  private scan(lo: number, hi: number): void {
    const gid = this.gid;
    const val = this.val;
    const gmax = this.gmax;
    const gcnt = this.gcnt;
    for (let p = lo; p <= hi; p++) {
      const g = gid[p]!;
      if (g < 0) continue;
      const v = val[p]!;
      if (v > gmax[g]!) {
        gmax[g] = v;
        gcnt[g] = 1;
      } else if (v === gmax[g]) gcnt[g]!++;
    }
  }

  /** The whole blocks from..to-1, group by group along the group's row. */
  private blocks(from: number, to: number): void {
    const nb = this.nb;
    const bmax = this.bmax;
    const bcnt = this.bcnt;
    for (let i = 0; i < this.liveCount; i++) {
      const g = this.live[i]!;
      let most = this.gmax[g]!;
      let count = this.gcnt[g]!;
      for (let at = g * nb + from, end = g * nb + to; at < end; at++) {
        const v = bmax[at]!;
        if (v > most) {
          most = v;
          count = bcnt[at]!;
        } else if (v === most) count += bcnt[at]!; // (a block without the group adds its count, 0)
      }
      this.gmax[g] = most;
      this.gcnt[g] = count;
    }
  }

  /** The candidate index of the j-th tied candidate of the last rank(), in candidate order. */
  tie(j: number): number {
    const a = this.a;
    const e = this.e;
    let p: number;
    if (e < a) {
      p = this.find(a, this.n - 1, j);
      if (p < 0) p = this.find(0, e, -p - 1);
    } else p = this.find(a, e, j);
    if (p < 0) throw new Error(`standing-blocks: tie ${j} not in the window`);
    return this.window!.indexOf(p);
  }

  /** The position of the j-th tie over lo..hi, or -(ties left) - 1 when the range has at most j. */
  private find(lo: number, hi: number, j: number): number {
    const bl = lo >> SHIFT;
    const bh = hi >> SHIFT;
    if (bl === bh) return this.findIn(lo, hi, j);
    let r = this.findIn(lo, ((bl + 1) << SHIFT) - 1, j);
    if (r >= 0) return r;
    j = -r - 1;
    for (let b = bl + 1; b < bh; b++) {
      const c = this.tiesIn(b);
      if (j < c) return this.findIn(b << SHIFT, ((b + 1) << SHIFT) - 1, j);
      j -= c;
    }
    r = this.findIn(bh << SHIFT, hi, j);
    return r;
  }

  private findIn(lo: number, hi: number, j: number): number {
    const gid = this.gid;
    const val = this.val;
    const target = this.target;
    for (let p = lo; p <= hi; p++) {
      const g = gid[p]!;
      if (g >= 0 && val[p] === target[g]) {
        if (j === 0) return p;
        j--;
      }
    }
    return -j - 1;
  }

  private tiesIn(b: number): number {
    const nb = this.nb;
    let c = 0;
    for (let i = 0; i < this.liveCount; i++) {
      const g = this.live[i]!;
      if (this.bmax[g * nb + b] === this.target[g]) c += this.bcnt[g * nb + b]!;
    }
    return c;
  }
}
