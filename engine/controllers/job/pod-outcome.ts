/** How the Job controller reads its pods' outcomes (job_controller.go, backoff_utils.go getFinishedTime). */
import type { Pod } from '../../cluster/pod.js';
import type { Job } from '../../cluster/workloads.js';

/** When a node went Ready=Unknown (the node lifecycle controller then marks its pods Ready=False), by node index. */
export type NotReadySince = (nodeIndex: number) => number | undefined;

/**
 * A pod's finish time (getFinishedTime): when it became terminal (its containers' finish); else the time its
 * Ready condition went False, which for a Running pod on a node gone Unknown is when the node did; else when
 * its deletion was requested (deletionTimestamp - grace); else its creation time.
 */
export function finishedTimeMs(p: Pod, notReadySince: NotReadySince = () => undefined): number {
  if (p.phase === 'Succeeded' || p.phase === 'Failed') return p.finishedMs;
  const since = p.runningMs >= 0 && p.nodeIndex >= 0 ? notReadySince(p.nodeIndex) : undefined;
  if (since !== undefined && since >= p.runningMs) return since;
  if (p.deletionMs >= 0) return p.deletionMs;
  return p.createdMs;
}

/**
 * Pods not yet counted that have now succeeded or failed, each sorted by finish time. A pod fails when it
 * is Failed, gone without succeeding, or (TerminatingOrFailed only) terminating without having succeeded.
 */
export function classifyNewPods(pods: Iterable<Pod>, counted: ReadonlySet<number>, policy: Job['podReplacementPolicy'], finished: (p: Pod) => number): { succeeded: Pod[]; failed: Pod[] } {
  let succeeded: Pod[] | null = null;
  let failed: Pod[] | null = null;
  for (const p of pods) {
    if (counted.has(p.uid)) continue;
    if (p.phase === 'Succeeded') (succeeded ??= []).push(p);
    else if (p.phase === 'Failed' || p.removed || (policy === 'TerminatingOrFailed' && p.deletionMs >= 0)) (failed ??= []).push(p);
  }
  // (most syncs follow a pod starting: nothing new, and nothing allocated)
  if (succeeded === null && failed === null) return NOTHING_NEW;
  const byFinish = (a: Pod, b: Pod): number => finished(a) - finished(b) || a.uid - b.uid;
  return { succeeded: succeeded === null ? NONE : succeeded.sort(byFinish), failed: failed === null ? NONE : failed.sort(byFinish) };
}

const NONE: Pod[] = [];
/** The answer when no pod is newly finished (read only: its lists stay empty). */
const NOTHING_NEW: { succeeded: Pod[]; failed: Pod[] } = Object.freeze({ succeeded: NONE, failed: NONE });
