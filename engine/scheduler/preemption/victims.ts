/**
 * The dry run on one node (SelectVictimsOnNode in plugins/defaultpreemption/default_preemption.go):
 * remove every pod of strictly lower priority, check the preemptor fits, then reprieve as many as
 * possible, PDB-violating pods first, each group from the most important down.
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import type { CycleState } from '../framework/interfaces.js';
import type { FilterProfile } from '../framework/node-simulation.js';
import { runFilterPluginsWithNominatedPods, simulateAdd, simulateRemove } from '../framework/node-simulation.js';
import { Status } from '../framework/status.js';
import { byImportance } from './candidates.js';
import type { PodDisruptionBudgetView } from './pdb.js';
import { filterPodsWithPDBViolation } from './pdb.js';

export interface NodeVictims {
  victims: Pod[];
  numPDBViolations: number;
}

export interface DryRunContext {
  profile: FilterProfile;
  state: CycleState;
  /** Pods on the node (bound, not yet gone), in the store's order. */
  podsOn: (node: Node) => Iterable<Pod>;
  nominated: (node: Node) => readonly Pod[];
  pdbs: readonly PodDisruptionBudgetView[];
}

/**
 * Victims on `node` for `pod`, or the status that makes the node unsuitable. The node's accounting is
 * restored before returning, whatever the outcome.
 */
export function selectVictimsOnNode(ctx: DryRunContext, pod: Pod, node: Node): NodeVictims | Status {
  const { profile, state } = ctx;
  const potential: Pod[] = [];
  for (const p of ctx.podsOn(node)) if (p.spec.priority < pod.spec.priority) potential.push(p);
  if (potential.length === 0) return NO_VICTIMS;
  for (const p of potential) simulateRemove(profile, state, pod, p, node);
  const nominated = ctx.nominated(node);
  const fits = runFilterPluginsWithNominatedPods(profile, state, pod, node, nominated);
  if (fits !== null) {
    for (let i = potential.length - 1; i >= 0; i--) simulateAdd(profile, state, pod, potential[i]!, node);
    return fits;
  }
  potential.sort(byImportance);
  const { violating, nonViolating } = filterPodsWithPDBViolation(potential, ctx.pdbs);
  const victims: Pod[] = [];
  let numPDBViolations = 0;
  const reprieve = (p: Pod): boolean => {
    simulateAdd(profile, state, pod, p, node);
    if (runFilterPluginsWithNominatedPods(profile, state, pod, node, nominated) === null) return true;
    simulateRemove(profile, state, pod, p, node);
    victims.push(p);
    return false;
  };
  for (const p of violating) if (!reprieve(p)) numPDBViolations++;
  for (const p of nonViolating) reprieve(p);
  // Undo the victims' removal: the node is exactly as before.
  for (let i = victims.length - 1; i >= 0; i--) simulateAdd(profile, state, pod, victims[i]!, node);
  if (victims.length === 0) return Status.error(`expected at least one victim pod on node ${node.name}`);
  if (violating.length > 0 && nonViolating.length > 0) victims.sort(byImportance);
  return { victims, numPDBViolations };
}

/** SelectVictimsOnNode's status for a node without lower-priority pods. */
export const NO_VICTIMS = Status.unresolvable('No preemption victims found for incoming pod');
