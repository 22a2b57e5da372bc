/**
 * Periodic samples at 0, interval, 2 x interval, ... and at the end of the run, each after every other
 * event of its instant (metrics priority). One pending event per series: the next sample is scheduled
 * when the previous one runs.
 */
import { EVENT_PRIORITY } from '../cluster/priorities.js';
import type { Simulator } from '../core/simulator.js';

export function sampleEvery(sim: Simulator, intervalMs: number, endMs: number, sample: () => void): void {
  const next = (t: number): void => {
    sim.at(t, () => {
      sample();
      if (t < endMs) next(Math.min(t + intervalMs, endMs));
    }, undefined, EVENT_PRIORITY.metrics);
  };
  next(0);
}
