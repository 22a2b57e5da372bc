/** Wires the invariant checker to one simulation: its profiles' filters and its controllers' counts. */
import { isActive } from '../cluster/pod.js';
import type { ClusterStore } from '../cluster/store.js';
import type { Simulator } from '../core/simulator.js';
import { InvariantChecker } from '../check/checker.js';
import type { CheckOptions } from '../check/checker.js';
import type { ConvergenceTarget } from '../check/invariant.js';
import type { JobController } from '../controllers/job/job.js';
import type { ReplicaSetController } from '../controllers/replicaset/replicaset.js';
import type { SchedulerOptions } from '../scheduler/scheduler.js';

export interface CheckedParts {
  sim: Simulator;
  store: ClusterStore;
  scheduler: SchedulerOptions;
  replicaSets: ReplicaSetController;
  jobs: JobController;
}

export function attachChecker(parts: CheckedParts, options: CheckOptions): InvariantChecker {
  const filters = new Map<string, ReadonlySet<string>>();
  for (const p of parts.scheduler.profiles) filters.set(p.schedulerName, new Set(p.plugins.map((x) => x.name)));
  const none: ReadonlySet<string> = new Set();
  return new InvariantChecker(parts.sim, parts.store, {
    enforcedFilters: (name) => filters.get(name) ?? none,
    convergence: [() => replicaSetTargets(parts.replicaSets), () => jobTargets(parts.jobs)],
  }, options);
}

function* replicaSetTargets(c: ReplicaSetController): Iterable<ConvergenceTarget> {
  for (const { rs, active } of c.replicaSets()) yield { object: `ReplicaSet ${rs.meta.namespace}/${rs.meta.name}`, desired: rs.replicas, active, mode: 'equal' };
}

function* jobTargets(c: JobController): Iterable<ConvergenceTarget> {
  for (const st of c.jobs) {
    if (st.done) continue;
    let active = 0;
    for (const p of st.pods) if (isActive(p)) active++;
    yield { object: `Job ${st.job.meta.namespace}/${st.job.meta.name}`, desired: st.job.parallelism, active, mode: 'atMost' };
  }
}
