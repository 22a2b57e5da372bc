/**
 * Evaluating filters on a node as it would be with some pods added or removed, without touching the
 * store: the nominated-pods rule of filtering (RunFilterPluginsWithNominatedPods in
 * framework/runtime/framework.go) and the preemption dry run (SelectVictimsOnNode) both need it.
 *
 * The node's accounting (requested, podCount, non-zero requests) is adjusted and restored explicitly,
 * so resource filters see the simulated node. Plugins that look at the pods on a node (spreading,
 * affinity, ports) see the change through the optional PreFilter extensions addPod/removePod (as
 * upstream's PreFilterExtensions), and can skip pods listed in removedPodsInCycle(state).
 */
import { pluginError } from './plugin-error.js';
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import type { CycleState, FilterPlugin, PreFilterPlugin } from './interfaces.js';
import type { Status } from './status.js';
import { Code } from './status.js';
import { adjustNodeAccounting } from '../../cluster/store.js';

/** Optional PreFilter extensions (framework.PreFilterExtensions): keep PreFilter state in step. */
export interface PreFilterExtensions {
  addPod?(state: CycleState, podToSchedule: Pod, podToAdd: Pod, node: Node): Status | null;
  removePod?(state: CycleState, podToSchedule: Pod, podToRemove: Pod, node: Node): Status | null;
}

/** What the evaluation needs of a profile. */
export interface FilterProfile {
  readonly preFilter: readonly PreFilterPlugin[];
  readonly filter: readonly FilterPlugin[];
}

const REMOVED_PODS_KEY = 'kubesim.io/removed-pods';

/** Pods simulated as removed in this cycle (preemption dry run); plugins listing pods skip them. */
export function removedPodsInCycle(state: CycleState): ReadonlySet<Pod> | undefined {
  return state.read<Set<Pod>>(REMOVED_PODS_KEY);
}

/** Adds (+1) or removes (-1) `pod`'s requests on the node's accounting, exactly as the store does. */
export { adjustNodeAccounting };

/** Simulates `other` on the node for the evaluation of `pod`. Undo with simulateRemove. */
export function simulateAdd(profile: FilterProfile, state: CycleState, pod: Pod, other: Pod, node: Node): void {
  adjustNodeAccounting(node, other, 1);
  removedSet(state).delete(other);
  for (const p of profile.preFilter) (p as PreFilterExtensions).addPod?.(state, pod, other, node);
}

/** Simulates `other` gone from the node for the evaluation of `pod`. Undo with simulateAdd. */
export function simulateRemove(profile: FilterProfile, state: CycleState, pod: Pod, other: Pod, node: Node): void {
  adjustNodeAccounting(node, other, -1);
  removedSet(state).add(other);
  for (const p of profile.preFilter) (p as PreFilterExtensions).removePod?.(state, pod, other, node);
}

function removedSet(state: CycleState): Set<Pod> {
  let s = state.read<Set<Pod>>(REMOVED_PODS_KEY);
  if (s === undefined) {
    s = new Set();
    state.write(REMOVED_PODS_KEY, s);
  }
  return s;
}

/** Runs the filters in order and stops at the first non-success (RunFilterPlugins). */
export function runFilterPlugins(profile: FilterProfile, state: CycleState, pod: Pod, node: Node): Status | null {
  for (const f of profile.filter) {
    let s: Status | null;
    try {
      s = f.filter(state, pod, node);
    } catch (e) {
      throw pluginError(f.name, 'Filter', pod, node.name, e);
    }
    if (s !== null && s.code !== Code.Success) return s.withPlugin(f.name);
  }
  return null;
}

/**
 * The two-pass rule: nominated pods of equal or higher priority are added to the node first; if any
 * were added and the pod fits, it must fit without them too (RunFilterPluginsWithNominatedPods).
 */
export function runFilterPluginsWithNominatedPods(profile: FilterProfile, state: CycleState, pod: Pod, node: Node, nominated: readonly Pod[]): Status | null {
  let added = 0;
  for (const np of nominated) {
    if (np === pod || np.nodeIndex >= 0 || np.removed || np.spec.priority < pod.spec.priority) continue;
    simulateAdd(profile, state, pod, np, node);
    added++;
  }
  if (added === 0) return runFilterPlugins(profile, state, pod, node);
  const first = runFilterPlugins(profile, state, pod, node);
  for (let i = nominated.length - 1; i >= 0; i--) {
    const np = nominated[i]!;
    if (np === pod || np.nodeIndex >= 0 || np.removed || np.spec.priority < pod.spec.priority) continue;
    simulateRemove(profile, state, pod, np, node);
    removedSet(state).delete(np); // a nominated pod was never on the node: nothing to hide
  }
  if (first !== null) return first;
  return runFilterPlugins(profile, state, pod, node);
}
