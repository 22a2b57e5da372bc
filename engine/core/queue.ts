/**
 * The pending-event heap: a tinyqueue binary heap ordered by (time, priority, seq) ascending.
 * seq is an insertion counter, so events with equal time and priority run first in, first out.
 * Cancellation is lazy: a cancelled event stays in the heap and is discarded when it reaches the top.
 * tinyqueue's compare call site is shared by every TinyQueue in the process: one other TinyQueue with
 * its own compare function made this loop ~30% slower (measured), so other subsystems should not use it.
 */
import TinyQueue from 'tinyqueue';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler knows its own data type
export type EventHandler = (data: any, ev: SimEvent) => void;

export interface SimEvent {
  /** Simulated time in integer ms. */
  time: number;
  /** Lower runs first among events at the same time. */
  priority: number;
  /** Insertion counter: ties on (time, priority) run in insertion order. */
  seq: number;
  handler: EventHandler;
  data: unknown;
  /** Set by cancel; the queue skips the event when it reaches the top. */
  cancelled: boolean;
}

/** One class so every event has the same hidden class (keeps compare monomorphic). */
class QueuedEvent implements SimEvent {
  cancelled = false;
  constructor(
    public time: number,
    public priority: number,
    public seq: number,
    public handler: EventHandler,
    public data: unknown,
  ) {}
}

function compareEvents(a: SimEvent, b: SimEvent): number {
  return a.time - b.time || a.priority - b.priority || a.seq - b.seq;
}

export class EventQueue {
  private readonly heap = new TinyQueue<SimEvent>([], compareEvents);
  private nextSeq = 0;

  /** Adds an event; the caller (Simulator) validates time. */
  push(time: number, priority: number, handler: EventHandler, data: unknown): SimEvent {
    const ev = new QueuedEvent(time, priority, this.nextSeq++, handler, data);
    this.heap.push(ev);
    return ev;
  }

  /** Removes and returns the first non-cancelled event, or undefined when none is left. */
  pop(): SimEvent | undefined {
    const heap = this.heap;
    let ev = heap.pop();
    while (ev !== undefined && ev.cancelled) ev = heap.pop();
    return ev;
  }

  /**
   * Removes and returns the first non-cancelled event if its time is <= limit; otherwise leaves
   * it in place and returns undefined. The run loop's one call per event.
   */
  popDue(limit: number): SimEvent | undefined {
    const heap = this.heap;
    for (;;) {
      const top = heap.data[0];
      if (top === undefined || top.time > limit) return undefined;
      heap.pop();
      if (!top.cancelled) return top;
    }
  }

  /** Time of the first non-cancelled event (discarding cancelled ones on top), or undefined. */
  peekTime(): number | undefined {
    return this.liveTop()?.time;
  }

  /**
   * Whether an event pushed now at (time, priority) would be the next to run: no live event is due
   * before it (an earlier time, or the same time with a lower or equal priority, which runs first).
   */
  nextAfter(time: number, priority: number): boolean {
    const top = this.liveTop();
    return top === undefined || top.time > time || (top.time === time && top.priority > priority);
  }

  /** The first non-cancelled event, left in place (cancelled ones on top are discarded), or undefined. */
  private liveTop(): SimEvent | undefined {
    const heap = this.heap;
    let top = heap.data[0];
    while (top !== undefined && top.cancelled) {
      heap.pop();
      top = heap.data[0];
    }
    return top;
  }

  /** Number of events in the heap, including cancelled ones not yet discarded. */
  get size(): number {
    return this.heap.length;
  }
}
