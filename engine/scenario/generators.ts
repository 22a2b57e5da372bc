/**
 * Arrival generators: a stream of Jobs or Pods from a template. Arrival times come from the
 * generator's own stream (arrivals/<name>) and run times from durations/<name>#<n>, so neither
 * depends on the scheduling policy. One pending event per generator at a time.
 */
import { createPod } from '../cluster/pod-factory.js';
import { EVENT_PRIORITY } from '../cluster/priorities.js';
import type { ClusterStore } from '../cluster/store.js';
import type { JobController } from '../controllers/job/job.js';
import type { Rng, RngStreams } from '../core/rng.js';
import type { Simulator } from '../core/simulator.js';
import { drawRunDuration } from './run-duration.js';
import type { Generator } from './types.js';

export interface GeneratorDeps {
  sim: Simulator;
  store: ClusterStore;
  jobs: JobController;
  rngs: RngStreams;
  durationRng: (key: string) => Rng;
  endMs: number;
}

export function startGenerator(g: Generator, deps: GeneratorDeps): void {
  const arrivals = deps.rngs.stream(`arrivals/${g.name}`);
  const gap = (): number => (g.arrival.type === 'fixed' ? g.arrival.intervalMs : Math.round(arrivals.exponential(g.arrival.meanIntervalMs)));
  let count = 0;
  const stop = Math.min(g.stopMs, deps.endMs);
  const next = (t: number): void => {
    if (t > stop || count >= g.maxCount) return;
    deps.sim.at(t, () => {
      emit(g, count++, deps);
      next(deps.sim.now + gap());
    }, undefined, EVENT_PRIORITY.controller);
  };
  next(g.startMs + (g.arrival.type === 'fixed' ? 0 : gap()));
}

function emit(g: Generator, n: number, deps: GeneratorDeps): void {
  const name = `${g.name}-${n}`;
  if (g.job) {
    deps.jobs.addJob({ ...g.job, meta: { ...g.job.meta, name, namespace: g.namespace, uid: deps.store.newUid() }, createdMs: deps.sim.now });
  } else if (g.pod) {
    const d = g.pod.spec.runDuration;
    createPod(deps.store, {
      name,
      namespace: g.namespace,
      labels: g.pod.labels,
      spec: g.pod.spec,
      runDurationMs: d ? drawRunDuration(d, deps.durationRng(`${g.namespace}/${name}`)) : -1,
    });
  }
}
