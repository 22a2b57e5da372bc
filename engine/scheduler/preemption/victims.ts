/**
 * The dry run on one node (SelectVictimsOnNode in plugins/defaultpreemption/default_preemption.go):
 * remove every pod of strictly lower priority, check the preemptor fits, then reprieve as many as
 * possible, PDB-violating pods first, each group from the most important down.
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import type { CycleState } from '../framework/interfaces.js';
import type { FilterProfile, PreFilterExtensions } from '../framework/node-simulation.js';
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
  /** The failing cycle's statuses when liveVerdictsHold(profile), else null (see liveRejection). */
  liveRejections?: ReadonlyMap<string, Status> | null;
  /** The lowest priority among podsOn(node) (Infinity for none). */
  lowestPriority: (node: Node) => number;
}

/** Filters whose verdict in a dry run is their live one: they read their own indexes, not the removals. */
const LIVE_VERDICT_FILTERS: ReadonlySet<string> = new Set(['PodTopologySpread', 'InterPodAffinity']);

/**
 * Whether a dry run on a node that PodTopologySpread or InterPodAffinity rejected in the cycle must end
 * with that rejection: the profile is the default plugin set (the filters before them are the static
 * ones, NodePorts and NodeResourcesFit, which removing pods can only help) and no PreFilter plugin has
 * AddPod/RemovePod extensions (kubesim's PodTopologySpread and InterPodAffinity have none yet, so their
 * Filter answers the same with pods removed). A custom profile, or extensions added later, turn it off.
 */
export function liveVerdictsHold(profile: FilterProfile): boolean {
  if ((profile as { fast?: unknown }).fast === undefined) return false;
  for (const p of profile.preFilter) {
    const ext = p as PreFilterExtensions;
    if (typeof ext.addPod === 'function' || typeof ext.removePod === 'function') return false;
  }
  return true;
}

/**
 * The node's cycle rejection when the dry run would only repeat it: the rejecting filter's verdict is
 * live (LIVE_VERDICT_FILTERS), and no nominated pod would be added first (it could make an earlier
 * filter answer instead). Else null: walk.
 */
function liveRejection(ctx: DryRunContext, pod: Pod, node: Node): Status | null {
  const s = ctx.liveRejections?.get(node.name);
  if (s === undefined || !LIVE_VERDICT_FILTERS.has(s.plugin)) return null;
  for (const np of ctx.nominated(node)) {
    if (np !== pod && np.nodeIndex < 0 && !np.removed && np.spec.priority >= pod.spec.priority) return null;
  }
  return s;
}

/**
 * Victims on `node` for `pod`, or the status that makes the node unsuitable. The node's accounting is
 * restored before returning, whatever the outcome.
 */
export function selectVictimsOnNode(ctx: DryRunContext, pod: Pod, node: Node): NodeVictims | Status {
  const { profile, state } = ctx;
  // No pod of lower priority: nothing to remove, whatever the filters say.
  if (ctx.lowestPriority(node) >= pod.spec.priority) return NO_VICTIMS;
  if (ctx.liveRejections) {
    const live = liveRejection(ctx, pod, node);
    if (live !== null) return live;
  }
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
