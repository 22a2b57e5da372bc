/**
 * Event-loop throughput: events/s of Simulator.run with a constant number of pending timer events.
 * Each handled event schedules one new event at now + an offset drawn in setup from a seeded Rng,
 * so the heap keeps its size. Run: `npx tsc -p tsconfig.json && node dist/bench/event-loop.js`.
 */
import { pathToFileURL } from 'node:url';
import b from 'benny';
import { Rng } from '../engine/core/rng.js';
import { Simulator } from '../engine/core/simulator.js';

/** Pending-event counts measured by default; CI runs the first only. */
export const EVENT_LOOP_SIZES: readonly number[] = [1e3, 1e4, 1e5];
/** Events handled per measured call: benny's ops/s times this is events/s. */
export const EVENTS_PER_CALL = 1000;
const OFFSET_COUNT = 1 << 14;

export interface EventLoopBenchOptions {
  sizes?: readonly number[];
  minSamples?: number;
  /** Seconds benchmark.js spends per size at most. */
  maxTime?: number;
  /** Write bench/results/event-loop.json; default true. */
  save?: boolean;
}

export interface EventLoopResult {
  pending: number;
  eventsPerSecond: number;
  /** Relative margin of error of the per-call time, in percent. */
  marginPercent: number;
}

/**
 * Builds a simulator holding `pending` timer events; returns the measured function, which runs
 * exactly EVENTS_PER_CALL events (the last handler calls stop()).
 */
function setup(pending: number): () => void {
  const rng = new Rng(`bench-event-loop-${pending}`);
  const offsets = new Int32Array(OFFSET_COUNT);
  for (let i = 0; i < OFFSET_COUNT; i++) offsets[i] = rng.intBetween(1, 2 * pending);
  const sim = new Simulator();
  let next = 0;
  let left = 0;
  const handler = (): void => {
    sim.after(offsets[next++ & (OFFSET_COUNT - 1)]!, handler);
    if (--left === 0) sim.stop();
  };
  for (let i = 0; i < pending; i++) sim.at(rng.intBetween(0, 2 * pending), handler);
  sim.run(2 * pending); // bring the heap into its steady-state shape
  return () => {
    left = EVENTS_PER_CALL;
    sim.run();
  };
}

/** Runs the suite and returns events/s per size (also printed). */
export async function runEventLoopBench(opts: EventLoopBenchOptions = {}): Promise<EventLoopResult[]> {
  const sizes = opts.sizes ?? EVENT_LOOP_SIZES;
  const caseOptions = { minSamples: opts.minSamples ?? 20, maxTime: opts.maxTime ?? 5 };
  const cases = sizes.map((pending) => b.add(`${pending} pending x${EVENTS_PER_CALL} events`, () => setup(pending), caseOptions));
  const steps = [...cases, b.cycle()];
  if (opts.save !== false) steps.push(b.save({ file: 'event-loop', folder: 'bench/results', format: 'json' }));
  const summary = await b.suite('event loop', ...steps);
  return summary.results.map((r, i) => {
    const result = {
      pending: sizes[i] ?? 0,
      eventsPerSecond: EVENTS_PER_CALL / r.details.mean,
      marginPercent: r.details.relativeMarginOfError,
    };
    console.log(`${result.pending} pending: ${(result.eventsPerSecond / 1e6).toFixed(2)} M events/s ±${result.marginPercent.toFixed(1)}%`);
    return result;
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runEventLoopBench();
}
