/**
 * PodDisruptionBudget arithmetic (pkg/controller/disruption/disruption.go: getExpectedPodCount,
 * countHealthyPods, updatePdbStatus) as pure functions over the store, so that the disruption
 * controller, the Eviction API and the scheduler's preemption all read the same numbers.
 *
 * API for other components:
 *   - `store.pdbs`: every PodDisruptionBudget; `pdb.status` is kept current by the disruption controller
 *     (recomputed in the same simulated millisecond as any change of a selected pod).
 *   - `matchingPdbs(store, pod)`: the PDBs whose namespace and selector select the pod.
 *   - `computePdbStatus(store, pdb)`: a fresh status, for readers that cannot wait for the controller.
 */
import { matchesSelector } from './labels.js';
import { isPodReady } from './pod-ready.js';
import type { Pod } from './pod.js';
import type { ClusterStore } from './store.js';
import type { IntOrPercent, PdbStatus, PodDisruptionBudget } from './workloads.js';

/** DeletionTimeout: an evicted pod not deleting after this long counts as healthy again (disruption.go). */
export const PDB_DELETION_TIMEOUT_MS = 2 * 60_000;

export { isPodReady } from './pod-ready.js';

/** intstr.GetScaledValueFromIntOrPercent(value, total, roundUp). */
export function scaledValue(v: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const percent = Number(v.slice(0, -1));
  const exact = (percent * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export function emptyPdbStatus(): PdbStatus {
  return { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0, disruptedPods: new Map() };
}

export function pdbSelects(pdb: PodDisruptionBudget, pod: Pod): boolean {
  return pdb.selector !== undefined && pdb.meta.namespace === pod.namespace && matchesSelector(pdb.selector, pod.labels);
}

/** PDBs selecting the pod, in definition order. */
export function matchingPdbs(store: ClusterStore, pod: Pod): PodDisruptionBudget[] {
  const out: PodDisruptionBudget[] = [];
  for (const pdb of store.pdbs) if (pdbSelects(pdb, pod)) out.push(pdb);
  return out;
}

/** Pods selected by each tracked PDB, kept by trackPdbMembers (labels never change after creation). */
const members = new WeakMap<PodDisruptionBudget, Set<Pod>>();

/** Keeps the PDB's selected pods as an index, so status syncs do not scan the cluster. */
export function trackPdbMembers(store: ClusterStore, pdb: PodDisruptionBudget): void {
  const set = new Set<Pod>();
  for (const p of store.allPods) if (!p.removed && pdbSelects(pdb, p)) set.add(p);
  members.set(pdb, set);
  store.events.onPod((type, pod) => {
    if (type === 'PodAdded' && pdbSelects(pdb, pod)) set.add(pod);
    else if (type === 'PodRemoved') set.delete(pod);
  });
}

/** Pod objects selected by the PDB, in creation order (terminal and terminating ones included, as the pod lister). */
export function podsForPdb(store: ClusterStore, pdb: PodDisruptionBudget): Pod[] {
  const tracked = members.get(pdb);
  if (tracked) return [...tracked];
  const out: Pod[] = [];
  for (const p of store.allPods) if (!p.removed && pdbSelects(pdb, p)) out.push(p);
  return out;
}

/**
 * Expected pods and desired healthy pods (getExpectedPodCount). `scale` is undefined when some pod has no
 * scalable controller: upstream then fails the sync and sets disruptionsAllowed to 0 (failSafe).
 */
export function expectedAndDesired(pdb: PodDisruptionBudget, podCount: number, scale: number | undefined): { expected: number; desired: number } | undefined {
  if (pdb.maxUnavailable !== undefined) {
    if (scale === undefined) return undefined;
    const maxUnavailable = scaledValue(pdb.maxUnavailable, scale, true);
    return { expected: scale, desired: Math.max(0, scale - maxUnavailable) };
  }
  if (pdb.minAvailable !== undefined) {
    if (typeof pdb.minAvailable === 'number') return { expected: podCount, desired: pdb.minAvailable };
    if (scale === undefined) return undefined;
    return { expected: scale, desired: scaledValue(pdb.minAvailable, scale, true) };
  }
  return { expected: podCount, desired: 0 };
}

/**
 * Sum of the scales of the pods' controllers (getExpectedScale). Pods without a controller are skipped
 * (unmanaged pods: an event upstream, not an error); a controller without a scale (Job, DaemonSet) makes
 * the result undefined (upstream: "found no controllers", sync error, failSafe).
 */
export function controllerScale(store: ClusterStore, pods: readonly Pod[]): number | undefined {
  const seen = new Set<number>();
  let total = 0;
  for (const p of pods) {
    if (!p.owner?.controller) continue;
    if (seen.has(p.owner.uid)) continue;
    const s = store.controllerScales.get(p.owner.uid);
    if (s === undefined) return undefined;
    seen.add(p.owner.uid);
    total += s;
  }
  return total;
}

/** disruptionsAllowed = currentHealthy - desiredHealthy, never below 0, and 0 when no pod is expected. */
export function disruptionsAllowed(currentHealthy: number, desiredHealthy: number, expectedPods: number): number {
  const d = currentHealthy - desiredHealthy;
  return expectedPods <= 0 || d <= 0 ? 0 : d;
}

/** A fresh status for the PDB at the store's current time (trySync + updatePdbStatus). */
export function computePdbStatus(store: ClusterStore, pdb: PodDisruptionBudget): PdbStatus {
  const pods = podsForPdb(store, pdb);
  const now = store.now;
  const disrupted = new Map<string, number>();
  for (const p of pods) {
    const t = pdb.status.disruptedPods.get(p.name);
    if (t !== undefined && p.deletionMs < 0 && t + PDB_DELETION_TIMEOUT_MS >= now) disrupted.set(p.name, t);
  }
  let currentHealthy = 0;
  for (const p of pods) {
    const t = disrupted.get(p.name);
    if (t !== undefined && t + PDB_DELETION_TIMEOUT_MS > now) continue;
    if (isPodReady(store, p)) currentHealthy++;
  }
  const ed = expectedAndDesired(pdb, pods.length, controllerScale(store, pods));
  if (!ed) return { currentHealthy, desiredHealthy: pdb.status.desiredHealthy, expectedPods: pdb.status.expectedPods, disruptionsAllowed: 0, disruptedPods: disrupted };
  return { currentHealthy, desiredHealthy: ed.desired, expectedPods: ed.expected, disruptionsAllowed: disruptionsAllowed(currentHealthy, ed.desired, ed.expected), disruptedPods: disrupted };
}
