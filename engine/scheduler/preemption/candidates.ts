/**
 * Preemption candidates and how one is picked (pickOneNodeForPreemption in
 * pkg/scheduler/framework/preemption/preemption.go).
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';

export interface Candidate {
  node: Node;
  /** Victims in importance order (highest priority first). */
  victims: Pod[];
  numPDBViolations: number;
}

/**
 * status.startTime as preemption reads it (util.GetPodStartTime). kubesim's kubelet admits a pod at
 * bind time and starts it after the start-up delay; startTime is set on admission, so the bind time.
 */
export function podStartTimeMs(pod: Pod): number {
  return pod.scheduledMs >= 0 ? pod.scheduledMs : pod.createdMs;
}

/** util.MoreImportantPod: higher priority, then the earlier start time. */
export function moreImportantPod(a: Pod, b: Pod): boolean {
  if (a.spec.priority !== b.spec.priority) return a.spec.priority > b.spec.priority;
  return podStartTimeMs(a) < podStartTimeMs(b);
}

/** Sort comparator from moreImportantPod (stable sort keeps the node's pod order on full ties). */
export function byImportance(a: Pod, b: Pod): number {
  return moreImportantPod(a, b) ? -1 : moreImportantPod(b, a) ? 1 : 0;
}

/** Shift making every int32 priority non-negative before summing (math.MaxInt32 + 1). */
export const PRIORITY_SUM_SHIFT = 2 ** 31;

/** Earliest start time among the highest-priority victims (util.GetEarliestPodStartTime). */
function earliestStartOfHighest(victims: readonly Pod[]): number {
  const top = victims[0]!.spec.priority;
  let earliest = Infinity;
  for (const v of victims) if (v.spec.priority === top) earliest = Math.min(earliest, podStartTimeMs(v));
  return earliest;
}

/** Criteria in upstream order; each returns a score, higher is better. */
export const PICK_CRITERIA: readonly ((c: Candidate) => number)[] = [
  (c) => -c.numPDBViolations,
  (c) => -c.victims[0]!.spec.priority,
  (c) => -c.victims.reduce((s, v) => s + v.spec.priority + PRIORITY_SUM_SHIFT, 0),
  (c) => -c.victims.length,
  (c) => earliestStartOfHighest(c.victims),
];

/**
 * Applies the criteria in order, keeping the best-scoring candidates each time; the first candidate
 * left wins. Upstream iterates a Go map here (so its "first" is arbitrary); kubesim keeps the dry-run
 * order (PDB-respecting candidates first, then by node offset), which is deterministic.
 */
export function pickOneNodeForPreemption(candidates: readonly Candidate[]): Candidate | undefined {
  let left = candidates;
  for (const score of PICK_CRITERIA) {
    if (left.length <= 1) break;
    let best = -Infinity;
    let kept: Candidate[] = [];
    for (const c of left) {
      const s = score(c);
      if (s > best) {
        best = s;
        kept = [c];
      } else if (s === best) kept.push(c);
    }
    left = kept;
  }
  return left[0];
}
