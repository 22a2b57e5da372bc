/** Starts the workload controllers added for issue 4 and hands them the scenario's objects. */
import type { ClusterStore } from '../cluster/store.js';
import { DaemonSetController } from '../controllers/daemonset/daemonset.js';
import { DisruptionController } from '../controllers/disruption/disruption.js';
import { DrainController } from '../controllers/drain/drain.js';
import { PodGCController } from '../controllers/podgc/podgc.js';
import { StatefulSetController } from '../controllers/statefulset/statefulset.js';
import type { Simulator } from '../core/simulator.js';
import type { Scenario } from './types.js';

export interface WorkloadControllers {
  statefulSets: StatefulSetController;
  daemonSets: DaemonSetController;
  disruption: DisruptionController;
  podGC: PodGCController;
  drain: DrainController;
}

/** The largest uid the scenario's objects carry (ReplicaSets, Deployments, Jobs, StatefulSets, DaemonSets, PDBs, Pods). */
export function maxScenarioUid(s: Pick<Scenario, 'replicaSets' | 'deployments' | 'jobs' | 'statefulSets' | 'daemonSets' | 'pdbs' | 'pods'>): number {
  let max = 0;
  for (const list of [s.replicaSets, s.deployments, s.jobs, s.statefulSets, s.daemonSets, s.pdbs, s.pods]) for (const o of list) max = Math.max(max, o.meta.uid);
  return max;
}

export function startWorkloadControllers(sim: Simulator, store: ClusterStore, scenario: Pick<Scenario, 'statefulSets' | 'daemonSets' | 'pdbs'>): WorkloadControllers {
  const c: WorkloadControllers = {
    statefulSets: new StatefulSetController(sim, store),
    daemonSets: new DaemonSetController(sim, store),
    disruption: new DisruptionController(sim, store),
    podGC: new PodGCController(sim, store),
    drain: new DrainController(sim, store),
  };
  for (const pdb of scenario.pdbs) c.disruption.addPdb(pdb);
  for (const s of scenario.statefulSets) c.statefulSets.addStatefulSet(s);
  for (const d of scenario.daemonSets) c.daemonSets.addDaemonSet(d);
  return c;
}
