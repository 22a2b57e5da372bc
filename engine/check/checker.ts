/**
 * The invariant checker: starts every invariant of a list on one run, runs their sweeps after
 * every event (or every N events, or every T simulated ms), checks that simulated time never goes
 * backwards, and stops the run with an InvariantError that carries the last recorded events.
 */
import type { ClusterStore } from '../cluster/store.js';
import type { SimEvent } from '../core/queue.js';
import type { Simulator } from '../core/simulator.js';
import type { CheckContext, ConvergenceSource, Invariant, Sweep, Violation } from './invariant.js';
import { InvariantError } from './invariant.js';
import { DEFAULT_SETTLE_MS } from './convergence.js';
import { INVARIANTS } from './invariants.js';
import { RecentEvents } from './recent.js';

export interface CheckOptions {
  /** Sweep after every `everyEvents` handled events (default 1). */
  everyEvents?: number;
  /** Or sweep once per `everyMs` of simulated time (first event at or after each multiple). */
  everyMs?: number;
  settleMs?: number;
  invariants?: readonly Invariant[];
}

export const DEFAULT_CHECK = Object.freeze({ everyEvents: 1, settleMs: DEFAULT_SETTLE_MS });

export interface CheckWiring {
  enforcedFilters(schedulerName: string): ReadonlySet<string>;
  convergence: readonly ConvergenceSource[];
}

export class InvariantChecker {
  readonly recent = new RecentEvents();
  private readonly sweeps: Sweep[] = [];
  private readonly ctx: CheckContext;
  private lastTimeMs = 0;
  private lastRecordMs = 0;
  private sinceSweep = 0;
  private nextSweepMs = 0;
  /** Sweeps run so far (reported in tests and docs). */
  sweepsRun = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
    wiring: CheckWiring,
    private readonly options: CheckOptions = {},
  ) {
    this.ctx = { store, sim, enforcedFilters: wiring.enforcedFilters, convergence: wiring.convergence, lastDisturbanceMs: 0, settleMs: options.settleMs ?? DEFAULT_CHECK.settleMs };
    store.events.onRecord((timeMs, event, object, node, detail) => {
      if (timeMs < this.lastRecordMs || timeMs !== store.now) {
        this.fail({ invariant: 'time-monotonic', object: `${event} ${object}`, message: `recorded at ${timeMs} ms at simulated time ${store.now} ms, after a record at ${this.lastRecordMs} ms` });
      }
      this.lastRecordMs = timeMs;
      this.recent.push({ timeMs, event, object, node, detail });
    });
    const report = (v: Violation): void => this.fail(v);
    for (const inv of options.invariants ?? INVARIANTS) {
      const sweep = inv.start(this.ctx, report);
      if (sweep) this.sweeps.push(sweep);
    }
    const previous = sim.onAfterEvent;
    sim.onAfterEvent = (ev) => {
      previous?.(ev);
      this.afterEvent(ev);
    };
  }

  private afterEvent(ev: SimEvent): void {
    if (ev.time < this.lastTimeMs) this.fail({ invariant: 'time-monotonic', object: 'simulator', message: `event at ${ev.time} ms handled after ${this.lastTimeMs} ms` });
    this.lastTimeMs = ev.time;
    const { everyMs } = this.options;
    if (everyMs !== undefined) {
      if (ev.time < this.nextSweepMs) return;
      this.nextSweepMs = (Math.floor(ev.time / everyMs) + 1) * everyMs;
    } else if (++this.sinceSweep < (this.options.everyEvents ?? DEFAULT_CHECK.everyEvents)) {
      return;
    }
    this.sinceSweep = 0;
    this.sweep();
  }

  /** Runs every sweep now (also called at the end of a run). */
  sweep(): void {
    this.sweepsRun++;
    for (const s of this.sweeps) {
      const v = s();
      if (v) this.fail(v);
    }
  }

  private fail(v: Violation): never {
    throw new InvariantError(v, this.store.now, this.recent.list());
  }
}
