/**
 * Backoff arithmetic of the scheduling queue (pkg/scheduler/backend/queue/backoff_queue.go, v1.33).
 * Pure functions over integer milliseconds, so the tables in the tests read like upstream's.
 */

/** DefaultPodInitialBackoffDuration (backend/queue/scheduling_queue.go; podInitialBackoffSeconds 1). */
export const DEFAULT_POD_INITIAL_BACKOFF_MS = 1_000;
/** DefaultPodMaxBackoffDuration (backend/queue/scheduling_queue.go; podMaxBackoffSeconds 10). */
export const DEFAULT_POD_MAX_BACKOFF_MS = 10_000;
/** DefaultPodMaxInUnschedulablePodsDuration (backend/queue/scheduling_queue.go). */
export const DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS = 5 * 60_000;
/** Period of flushUnschedulablePodsLeftover (PriorityQueue.Run: wait.Until(..., 30*time.Second)). */
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;
/** Period of flushBackoffQCompleted and backoffQOrderingWindowDuration (backoff_queue.go). */
export const BACKOFF_FLUSH_PERIOD_MS = 1_000;

export interface BackoffConfig {
  podInitialBackoffMs: number;
  podMaxBackoffMs: number;
  /** Feature gate SchedulerPopFromBackoffQ (beta, on by default in v1.33). */
  popFromBackoffQ: boolean;
}

/** initial * 2^(attempts-1), capped at max; 0 before the first attempt (calculateBackoffDuration). */
export function backoffDurationMs(attempts: number, c: BackoffConfig): number {
  if (attempts === 0) return 0;
  let d = c.podInitialBackoffMs;
  for (let i = 1; i < attempts; i++) {
    if (d > c.podMaxBackoffMs - d) return c.podMaxBackoffMs;
    d += d;
  }
  return d;
}

/** Truncates to the 1 s ordering window when SchedulerPopFromBackoffQ is on (alignToWindow). */
export function alignToWindow(t: number, c: BackoffConfig): number {
  return c.popFromBackoffQ ? t - (((t % BACKOFF_FLUSH_PERIOD_MS) + BACKOFF_FLUSH_PERIOD_MS) % BACKOFF_FLUSH_PERIOD_MS) : t;
}

/** Backoff expiry from the time the pod was put back (getBackoffTime); -Infinity when never tried. */
export function backoffExpiryMs(timestampMs: number, attempts: number, c: BackoffConfig): number {
  if (attempts === 0) return -Infinity;
  return alignToWindow(timestampMs + backoffDurationMs(attempts, c), c);
}

/** isPodBackingoff: with the gate, a pod whose expiry falls in the current window still backs off. */
export function isBackingOff(expiryMs: number, nowMs: number, c: BackoffConfig): boolean {
  return c.popFromBackoffQ ? expiryMs >= alignToWindow(nowMs, c) : expiryMs > nowMs;
}

/**
 * The first tick of the 1 s backoff flush (ticks on whole seconds from t=0) at which a pod with this
 * expiry is no longer backing off.
 */
export function backoffReleaseTickMs(expiryMs: number, c: BackoffConfig): number {
  const p = BACKOFF_FLUSH_PERIOD_MS;
  return c.popFromBackoffQ ? Math.floor(expiryMs / p) * p + p : Math.ceil(expiryMs / p) * p;
}

/** The first 30 s flush tick at which a pod parked at `timestampMs` has waited longer than the maximum. */
export function unschedulableReleaseTickMs(timestampMs: number, maxInUnschedulableMs: number): number {
  const p = UNSCHEDULABLE_FLUSH_PERIOD_MS;
  return Math.floor((timestampMs + maxInUnschedulableMs) / p) * p + p;
}
