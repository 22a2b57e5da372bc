/**
 * The benchmark suites `npm run bench` runs, in order, with their named sizes. Each returns its
 * figures; `smoke` runs the smallest size only, quickly (CI runs it as a correctness check, not a timing).
 */
import { runEventLoopBench } from './event-loop.js';
import { runMemoryBench } from './memory.js';
import { REFERENCE_SCENARIO, SMOKE_SCENARIO, runReferenceBench } from './reference-scenario.js';
import { runSchedulerThroughputBench } from './scheduler-throughput.js';

export interface Suite {
  name: string;
  /** `until`: a simulated horizon for the end-to-end suite (`--until` of scripts/run-bench.mjs). */
  run(smoke: boolean, until?: string): Promise<unknown>;
}

export const SUITES: readonly Suite[] = [
  {
    name: 'event-loop',
    run: (smoke) => runEventLoopBench(smoke ? { sizes: [1e3], minSamples: 2, maxTime: 0.2, save: false } : { save: false }),
  },
  {
    name: 'scheduler-throughput',
    run: (smoke) => Promise.resolve(runSchedulerThroughputBench(smoke ? { nodes: [100], pods: 200, repetitions: 1, warmupMs: 0 } : {})),
  },
  {
    name: 'reference-scenario',
    run: (smoke, until) => Promise.resolve(runReferenceBench(smoke ? { scenario: SMOKE_SCENARIO, runs: 1 } : { scenario: REFERENCE_SCENARIO, runs: 5, ...(until !== undefined ? { until } : {}) })),
  },
  {
    name: 'memory',
    run: (smoke) => Promise.resolve(runMemoryBench(smoke ? { nodes: 1000, pods: 2000, events: 10_000 } : undefined)),
  },
];
