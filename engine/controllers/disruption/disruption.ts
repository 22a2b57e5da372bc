/**
 * The disruption controller (pkg/controller/disruption): keeps each PodDisruptionBudget's status
 * (currentHealthy, desiredHealthy, expectedPods, disruptionsAllowed, disruptedPods) current. A change
 * of any selected pod resyncs the PDB in the same simulated millisecond; an eviction noted in
 * disruptedPods is rechecked when its DeletionTimeout (2 min) runs out.
 */
import { computePdbStatus, emptyPdbStatus, pdbSelects, PDB_DELETION_TIMEOUT_MS, trackPdbMembers } from '../../cluster/pdb.js';
import { EVENT_PRIORITY } from '../../cluster/priorities.js';
import type { ClusterStore } from '../../cluster/store.js';
import type { PodDisruptionBudget } from '../../cluster/workloads.js';
import type { Simulator } from '../../core/simulator.js';

export class DisruptionController {
  private readonly pending = new Set<PodDisruptionBudget>();

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
  ) {
    store.events.onPod((type, pod) => {
      if (type === 'PodBound') return; // binding changes no count: skipping it avoids a sync per scheduling cycle
      for (const pdb of store.pdbs) if (pdbSelects(pdb, pod)) this.enqueue(pdb);
    });
  }

  /** Registers a copy of `pdb` (its status is per run: a scenario may be run several times) and returns it. */
  addPdb(spec: PodDisruptionBudget): PodDisruptionBudget {
    const pdb: PodDisruptionBudget = { ...spec, status: emptyPdbStatus() };
    this.store.pdbs.push(pdb);
    trackPdbMembers(this.store, pdb);
    this.enqueue(pdb);
    return pdb;
  }

  private enqueue(pdb: PodDisruptionBudget): void {
    if (this.pending.has(pdb)) return;
    this.pending.add(pdb);
    this.sim.at(this.sim.now, () => this.sync(pdb), undefined, EVENT_PRIORITY.controller);
  }

  private sync(pdb: PodDisruptionBudget): void {
    this.pending.delete(pdb);
    pdb.status = computePdbStatus(this.store, pdb);
    let recheck = Infinity;
    for (const t of pdb.status.disruptedPods.values()) recheck = Math.min(recheck, t + PDB_DELETION_TIMEOUT_MS);
    // The recheck queue fires once the earliest noted eviction has timed out (strictly after).
    if (recheck !== Infinity) this.sim.at(recheck + 1, () => this.enqueue(pdb), undefined, EVENT_PRIORITY.controller);
  }
}
