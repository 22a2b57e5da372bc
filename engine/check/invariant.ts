/**
 * Invariants: named checks that must hold after every simulated event. A check either sweeps the
 * whole state (run at the checker's cadence) or reacts to store events (bind time, state changes).
 * Other subsystems add their own checks by appending to INVARIANTS (see invariants.ts).
 */
import type { ClusterStore } from '../cluster/store.js';
import type { Simulator } from '../core/simulator.js';
import { SimError } from '../core/errors.js';

/** One broken invariant: which, on what object, and what was seen. */
export interface Violation {
  invariant: string;
  /** The object concerned, e.g. `Node n-1` or `Pod default/web-x`. */
  object: string;
  message: string;
}

/** A recorded lifecycle event (an events.csv row) kept for the violation report. */
export interface RecentEvent {
  timeMs: number;
  event: string;
  object: string;
  node: string;
  detail: string;
}

/** What a workload controller wants and has, for the convergence check. */
export interface ConvergenceTarget {
  /** e.g. `ReplicaSet default/web-abc`. */
  object: string;
  desired: number;
  active: number;
  /** 'equal': active must reach desired once quiet; 'atMost': active may never exceed desired. */
  mode: 'equal' | 'atMost';
}

/** A controller's view for the convergence check (wired in by the simulation). */
export type ConvergenceSource = () => Iterable<ConvergenceTarget>;

export interface CheckContext {
  readonly store: ClusterStore;
  readonly sim: Simulator;
  /** Names of the Filter plugins enabled in the profile that schedules `schedulerName`. */
  enforcedFilters(schedulerName: string): ReadonlySet<string>;
  readonly convergence: readonly ConvergenceSource[];
  /** Simulated ms of the last disturbance (node change, fault, pod failure); convergence waits settleMs after it. */
  lastDisturbanceMs: number;
  readonly settleMs: number;
}

/** A sweep over the whole state, run at the checker's cadence; returns the first violation found. */
export type Sweep = () => Violation | undefined;

export interface Invariant {
  readonly name: string;
  /** One line for the docs. */
  readonly description: string;
  /**
   * Starts checking one run: may subscribe to store events (bind-time checks) and call `report`
   * at once, and may return a sweep for the checker's cadence. Per-run state lives in the closure.
   */
  start(ctx: CheckContext, report: (v: Violation) => void): Sweep | undefined;
}

/** Thrown when an invariant breaks: stops the run (exit code 1 via the CLI). */
export class InvariantError extends SimError {
  constructor(
    readonly violation: Violation,
    readonly timeMs: number,
    readonly recent: readonly RecentEvent[],
  ) {
    super('E_INVARIANT', formatViolation(violation, timeMs, recent), {
      hint: 'this is a bug in kubesim (or in a plugin): please report it with the scenario file and seed',
    });
  }
}

function formatViolation(v: Violation, timeMs: number, recent: readonly RecentEvent[]): string {
  const lines = [`invariant "${v.invariant}" violated at t=${timeMs} ms on ${v.object}: ${v.message}`, `  last ${recent.length} events (time_ms event object node detail):`];
  for (const e of recent) lines.push(`    ${e.timeMs} ${e.event} ${e.object} ${e.node || '-'} ${e.detail}`.trimEnd());
  return lines.join('\n');
}
