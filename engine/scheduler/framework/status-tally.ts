/**
 * Statuses counted by Status object: what a FitError message needs of a walk or a dry run (how many
 * nodes, and each status's reasons once per node), without a map of thousands of node names. A walk's
 * statuses are mostly a few shared objects, often in runs, so runs are counted first.
 */
import type { Status } from './status.js';

export class StatusTally {
  /** Statuses added. */
  size = 0;
  private readonly byStatus = new Map<Status, number>();
  private run: Status | undefined;
  private runLength = 0;

  static of(statuses: Iterable<Status>): StatusTally {
    const t = new StatusTally();
    for (const s of statuses) t.add(s);
    return t;
  }

  /** A dry run's sink: one status per node. */
  set(_nodeName: string, s: Status): void {
    this.add(s);
  }

  add(s: Status): void {
    this.size++;
    if (s === this.run) {
      this.runLength++;
      return;
    }
    this.flush();
    this.run = s;
    this.runLength = 1;
  }

  /** How many times each Status object was added. */
  counts(): ReadonlyMap<Status, number> {
    this.flush();
    return this.byStatus;
  }

  /** Each reason of every status, once per node. */
  reasonCounts(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [s, n] of this.counts()) for (const r of s.reasons) out.set(r, (out.get(r) ?? 0) + n);
    return out;
  }

  private flush(): void {
    if (this.run === undefined) return;
    this.byStatus.set(this.run, (this.byStatus.get(this.run) ?? 0) + this.runLength);
    this.run = undefined;
    this.runLength = 0;
  }
}
