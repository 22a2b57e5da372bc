/**
 * The benchmark suites `npm run bench` runs, in order, with their named sizes. Each returns its
 * figures; `smoke` runs the smallest size only, quickly (CI runs it as a correctness check, not a timing).
 */
import { runEventLoopBench } from './event-loop.js';

export interface Suite {
  name: string;
  run(smoke: boolean): Promise<unknown>;
}

export const SUITES: readonly Suite[] = [
  {
    name: 'event-loop',
    run: (smoke) => runEventLoopBench(smoke ? { sizes: [1e3], minSamples: 2, maxTime: 0.2, save: false } : { save: false }),
  },
];
