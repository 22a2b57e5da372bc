/**
 * The discrete-event loop: a clock in integer ms plus the event heap, with step() and run(until).
 * Time never goes backwards: scheduling before `now` throws SimError E_PAST.
 */
import { SimError } from './errors.js';
import { EventQueue } from './queue.js';
import type { EventHandler, SimEvent } from './queue.js';

export interface EveryOptions {
  /** Time of the first tick; default now + period. */
  start?: number;
  /** Priority of every tick; default 0. */
  priority?: number;
}

export interface Periodic {
  /** Cancels the pending tick; no tick runs after this. */
  stop(): void;
}

export class Simulator {
  /** Current simulated time in integer ms. */
  now = 0;
  readonly queue = new EventQueue();
  /** Events handled so far (cancelled events are not counted). */
  eventsProcessed = 0;
  /** Called after each handled event, e.g. by an invariant checker. */
  onAfterEvent?: (ev: SimEvent) => void;
  private stopRequested = false;

  /** Schedules `handler(data, ev)` at absolute `time` (integer ms >= now). Lower priority runs first. */
  at(time: number, handler: EventHandler, data?: unknown, priority = 0): SimEvent {
    if (!(time >= this.now) || !Number.isInteger(time)) throw this.pastError(time);
    return this.queue.push(time, priority, handler, data);
  }

  /** Schedules `handler(data, ev)` `delayMs` (integer >= 0) from now. */
  after(delayMs: number, handler: EventHandler, data?: unknown, priority = 0): SimEvent {
    return this.at(this.now + delayMs, handler, data, priority);
  }

  /** Marks the event cancelled; it will not run. Cancelling a handled event has no effect. */
  cancel(ev: SimEvent): void {
    ev.cancelled = true;
  }

  /**
   * Runs `handler(tickIndex, ev)` at start, start + period, ... (start defaults to now + period)
   * until stop() is called. The next tick is scheduled after the handler returns.
   */
  every(periodMs: number, handler: EventHandler, options: EveryOptions = {}): Periodic {
    if (!Number.isInteger(periodMs) || periodMs <= 0) {
      throw new SimError('E_DURATION', `invalid period ${periodMs}: it must be a positive integer number of ms`, {
        hint: 'use a period of at least 1ms',
      });
    }
    const priority = options.priority ?? 0;
    let stopped = false;
    let tickIndex = 0;
    const tick = (_data: unknown, ev: SimEvent): void => {
      handler(tickIndex++, ev);
      if (!stopped) pending = this.queue.push(ev.time + periodMs, priority, tick, undefined);
    };
    let pending = this.at(options.start ?? this.now + periodMs, tick, undefined, priority);
    return {
      stop: () => {
        stopped = true;
        pending.cancelled = true;
      },
    };
  }

  /** Handles the next event. Returns false when no event is left. */
  step(): boolean {
    const ev = this.queue.pop();
    if (ev === undefined) return false;
    this.handle(ev);
    return true;
  }

  /**
   * Handles events in order until none is left, or, with `until`, every event with time <= until
   * and then sets now = until. A stop() ends the loop after the current event and leaves now there.
   */
  run(until?: number): void {
    if (until !== undefined && (!(until >= this.now) || !Number.isInteger(until))) throw this.pastError(until);
    const limit = until ?? Infinity;
    const queue = this.queue;
    this.stopRequested = false;
    for (;;) {
      const ev = queue.popDue(limit);
      if (ev === undefined) break;
      this.now = ev.time;
      ev.handler(ev.data, ev);
      this.eventsProcessed++;
      if (this.onAfterEvent !== undefined) this.onAfterEvent(ev);
      if (this.stopRequested) {
        this.stopRequested = false;
        return;
      }
    }
    if (until !== undefined) this.now = until;
  }

  /**
   * Whether an event scheduled now, at the current time with this priority, would run next (nothing
   * else is due before it, and no stop() is pending): the handler may then do that event's work at once.
   */
  nextIsOwn(priority: number): boolean {
    return !this.stopRequested && this.queue.nextAfter(this.now, priority);
  }

  /**
   * Handles up to `maxEvents` events with time <= until, in order, as step() would; `over` is asked every
   * 256 events and ends the slice early when true. Returns true when no event is left due by `until`
   * (now stays at the last event's time: run(until) then moves it to until).
   */
  runSlice(until: number, maxEvents: number, over?: () => boolean): boolean {
    const queue = this.queue;
    for (let n = 0; n < maxEvents; n++) {
      const ev = queue.popDue(until);
      if (ev === undefined) return true;
      this.handle(ev);
      if ((n & 255) === 255 && over !== undefined && over()) return false;
    }
    return false;
  }

  /** Ends the current run() after the event being handled. */
  stop(): void {
    this.stopRequested = true;
  }

  private handle(ev: SimEvent): void {
    this.now = ev.time;
    ev.handler(ev.data, ev);
    this.eventsProcessed++;
    if (this.onAfterEvent !== undefined) this.onAfterEvent(ev);
  }

  private pastError(time: number): SimError {
    const what = Number.isInteger(time) ? `time ${time} is before now (${this.now})` : `time ${time} is not an integer number of ms`;
    return new SimError('E_PAST', `cannot schedule at ${what}`, {
      hint: 'schedule at now or later, in whole milliseconds',
    });
  }
}
