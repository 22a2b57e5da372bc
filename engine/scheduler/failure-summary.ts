/**
 * What a failing cycle tells the queue and the event log: the plugins that rejected the pod
 * (unschedulablePlugins) and FitError's text, once per statuses map (failing cycles may share one). A
 * near miss's overlay (the statuses it changes, with a few nodes changed) adjusts their counts.
 */
import { fitErrorMessage } from './framework/fit-error.js';
import type { Status } from './framework/status.js';
import { StatusOverlay } from './framework/status-overlay.js';
import { WalkStatuses } from './framework/walk-statuses.js';
import { StatusTally } from './framework/status-tally.js';

export class FailureSummaries {
  private readonly summaries = new WeakMap<ReadonlyMap<string, Status>, FailureSummary>();

  /**
   * The rejecting plugins and the FitError text, once per statuses map (failing cycles may share one). A
   * near miss's overlay (its previous statuses with a few nodes changed) adjusts the previous counts.
   */
  of(statuses: ReadonlyMap<string, Status>, total: number, preFilterMsg: string): FailureSummary {
    const known = this.summaries.get(statuses);
    if (known !== undefined && known.total === total && known.preFilterMsg === preFilterMsg) return known;
    let summary: FailureSummary;
    if (statuses instanceof StatusOverlay && preFilterMsg === '') {
      // The counts of the statuses it changes, adjusted for its own changes.
      const parent = this.of(statuses.parent, total, '');
      const counts = new StatusCounts(parent.counts);
      for (const [name, now] of statuses.changes) {
        counts.add(statuses.parent.get(name)!, -1);
        counts.add(now, 1);
      }
      summary = counts.summary(total);
    } else if (preFilterMsg !== '') {
      const plugins = new Set<string>();
      for (const s of statuses.values()) plugins.add(s.plugin);
      summary = { plugins, text: fitErrorMessage(total, new Map(), preFilterMsg), total, preFilterMsg, counts: new StatusCounts() };
    } else {
      const counts = new StatusCounts();
      // (counts do not depend on the order: a fused walk's statuses are read position by position)
      for (const [s, n] of statuses instanceof WalkStatuses ? statuses.counts() : StatusTally.of(statuses.values()).counts()) counts.add(s, n);
      summary = counts.summary(total);
    }
    this.summaries.set(statuses, summary);
    return summary;
  }
}

export interface FailureSummary {
  plugins: ReadonlySet<string>;
  text: string;
  total: number;
  preFilterMsg: string;
  /** The reason and plugin counts behind them (empty after a PreFilter rejection). */
  counts: StatusCounts;
}

/** Reasons (each once per node) and rejecting plugins over a cycle's statuses, by count. */
class StatusCounts {
  readonly reasons: Map<string, number>;
  readonly plugins: Map<string, number>;

  constructor(from?: StatusCounts) {
    this.reasons = new Map(from?.reasons);
    this.plugins = new Map(from?.plugins);
  }

  add(s: Status, n: number): void {
    for (const r of s.reasons) this.reasons.set(r, (this.reasons.get(r) ?? 0) + n);
    this.plugins.set(s.plugin, (this.plugins.get(s.plugin) ?? 0) + n);
  }

  summary(total: number): FailureSummary {
    const plugins = new Set<string>();
    for (const [p, n] of this.plugins) if (n > 0) plugins.add(p);
    return { plugins, text: fitErrorMessage(total, this.reasons), total, preFilterMsg: '', counts: this };
  }
}
