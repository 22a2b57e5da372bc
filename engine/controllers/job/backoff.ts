/**
 * Job pod-failure backoff (pkg/controller/job/backoff_utils.go, job_controller.go v1.33):
 * after n consecutive failures since the last success, the next pod waits
 * DefaultJobPodFailureBackOff * 2^(n-1), capped at MaxJobPodFailureBackOff, counted from the last
 * failed pod's finish time. The code's cap is 10 min (MaxJobPodFailureBackOff = 10 * time.Minute);
 * the Job docs say "capped at six minutes". kubesim follows the code. With the default backoffLimit 6
 * the longest wait actually used is 320 s, so the cap only matters for larger limits.
 */
export const JOB_BACKOFF = Object.freeze({ initialMs: 10_000, maxMs: 600_000 });

/** getRemainingTimeForFailuresCount: ms still to wait at `nowMs` (0 = create now). */
export function remainingBackoffMs(failuresAfterLastSuccess: number, lastFailureMs: number, nowMs: number, cfg: { initialMs: number; maxMs: number } = JOB_BACKOFF): number {
  if (failuresAfterLastSuccess <= 0) return 0;
  let backoff = cfg.initialMs;
  for (let i = 1; i < failuresAfterLastSuccess; i++) {
    backoff *= 2;
    if (backoff >= cfg.maxMs) {
      backoff = cfg.maxMs;
      break;
    }
  }
  const elapsed = nowMs - lastFailureMs;
  return backoff < elapsed ? 0 : backoff - elapsed;
}
