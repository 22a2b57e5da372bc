/**
 * The pod Ready condition as kubesim models it, the one place to refine readiness: Running, not
 * deleting, and not on a node whose Ready condition is Unknown (the node lifecycle controller marks the
 * pods of a node it sees go Unknown Ready=False: MarkPodsNotReady in node_lifecycle_controller.go).
 */
import type { Pod } from './pod.js';
import type { ClusterStore } from './store.js';

export function isPodReady(store: Pick<ClusterStore, 'nodeOf'>, p: Pod): boolean {
  if (p.phase !== 'Running' || p.deletionMs >= 0 || p.removed) return false;
  return store.nodeOf(p)?.ready !== 'Unknown';
}
