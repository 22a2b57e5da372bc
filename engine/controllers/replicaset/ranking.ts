/**
 * Which pods a ReplicaSet deletes first when scaling down: controller.ActivePodsWithRanks
 * (pkg/controller/controller_utils.go) with the LogarithmicScaleDown gate on (default since v1.22),
 * ranked by related pods on the same node (getPodsRankedByRelatedPodsOnSameNode, replica_set.go).
 * Order, deleted first:
 *   1. unassigned before assigned;  2. Pending before Unknown before Running;  3. not ready before ready;
 *   4. (pod-deletion-cost: kubesim pods carry no annotations, all equal);
 *   5. higher rank (more related pods on the same node) first;
 *   6. both ready: ready more recently first, compared in floor(log2(ns since ready)) buckets;
 *   7. (container restarts: not modelled);
 *   8. created more recently first, in the same log2 buckets; 9. equal buckets: lower uid first.
 */
import type { Pod } from '../../cluster/pod.js';

const PHASE_ORDINAL: Readonly<Record<string, number>> = Object.freeze({ Pending: 0, Unknown: 1, Running: 2 });

/** floor(log2(age in ns)), -1 for no age (logarithmicRankDiff). */
function logBucket(nowMs: number, tMs: number): number {
  const ns = (nowMs - tMs) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/** Returns a comparator: negative when `a` should be deleted before `b`. */
export function activePodsWithRanks(pods: readonly Pod[], nowMs: number, isReady: (p: Pod) => boolean): (a: Pod, b: Pod) => number {
  const onNode = new Map<number, number>();
  for (const p of pods) onNode.set(p.nodeIndex, (onNode.get(p.nodeIndex) ?? 0) + 1);
  const rank = (p: Pod): number => onNode.get(p.nodeIndex) ?? 0;
  return (a, b) => {
    const assignedA = a.nodeIndex >= 0 ? 1 : 0;
    const assignedB = b.nodeIndex >= 0 ? 1 : 0;
    if (assignedA !== assignedB) return assignedA - assignedB;
    const phase = (PHASE_ORDINAL[a.phase] ?? 0) - (PHASE_ORDINAL[b.phase] ?? 0);
    if (phase !== 0) return phase;
    const readyA = isReady(a);
    const readyB = isReady(b);
    if (readyA !== readyB) return readyA ? 1 : -1;
    if (rank(a) !== rank(b)) return rank(b) - rank(a);
    if (readyA && readyB && a.runningMs !== b.runningMs) {
      const d = logBucket(nowMs, a.runningMs) - logBucket(nowMs, b.runningMs);
      return d !== 0 ? d : a.uid - b.uid;
    }
    if (a.createdMs !== b.createdMs) {
      const d = logBucket(nowMs, a.createdMs) - logBucket(nowMs, b.createdMs);
      return d !== 0 ? d : a.uid - b.uid;
    }
    return 0;
  };
}
