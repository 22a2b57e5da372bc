/**
 * The Eviction API (pkg/registry/core/pod/storage/eviction.go) over the store: a graceful delete that
 * honours PodDisruptionBudgets. Outcomes are values, as HTTP status codes would be.
 */
import type { PdbStatus } from './workloads.js';
import { computePdbStatus, isPodReady, matchingPdbs } from './pdb.js';
import type { Pod } from './pod.js';
import { isTerminal, podKey } from './pod.js';
import type { ClusterStore } from './store.js';

export type EvictionResult =
  | { code: 200; reason: '' }
  | { code: 404; reason: string }
  | { code: 429; reason: string }
  | { code: 500; reason: string };

/** The message of the API's 429 answer when a budget would be violated (eviction.go). */
export const EVICTION_PDB_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";

/**
 * Evicts `pod`: terminal, Pending or already deleting pods are deleted without a budget check
 * (canIgnorePDB); otherwise the one matching PDB must allow a disruption, which is taken from it
 * (disruptionsAllowed - 1, the pod noted in disruptedPods). A not-ready pod passes without taking from
 * the budget when the budget is already met (IfHealthyBudget) or always (AlwaysAllow). On success the pod
 * is marked deleting (graceful, with its own grace period) and `PodEvicted` is recorded with `detail`.
 */
export function evictPod(store: ClusterStore, pod: Pod, detail = ''): EvictionResult {
  if (pod.removed) return { code: 404, reason: `pod ${podKey(pod)} not found` };
  if (canIgnorePdb(pod)) return evicted(store, pod, detail);
  const pdbs = matchingPdbs(store, pod);
  if (pdbs.length > 1) return { code: 500, reason: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' };
  const pdb = pdbs[0];
  if (!pdb) return evicted(store, pod, detail);
  // The API server reads the stored status; refresh it so that a same-millisecond change is seen.
  const status: PdbStatus = computePdbStatus(store, pdb);
  pdb.status = status;
  if (!isPodReady(store, pod)) {
    if (pdb.unhealthyPodEvictionPolicy === 'AlwaysAllow') return evicted(store, pod, detail);
    if (status.currentHealthy >= status.desiredHealthy && status.desiredHealthy > 0) return evicted(store, pod, detail);
  }
  if (status.disruptionsAllowed <= 0) {
    return { code: 429, reason: `${EVICTION_PDB_MESSAGE} The disruption budget ${pdb.meta.name} needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently` };
  }
  status.disruptionsAllowed--;
  status.disruptedPods.set(pod.name, store.now);
  return evicted(store, pod, detail);
}

function canIgnorePdb(pod: Pod): boolean {
  return isTerminal(pod) || pod.phase === 'Pending' || pod.deletionMs >= 0;
}

function evicted(store: ClusterStore, pod: Pod, detail: string): EvictionResult {
  if (pod.deletionMs < 0) {
    store.record('PodEvicted', podKey(pod), store.nodeOf(pod)?.name ?? '', detail);
    store.markDeleting(pod);
  }
  return { code: 200, reason: '' };
}
