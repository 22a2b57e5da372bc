/**
 * Replacing pods that fail on their own (e.g. rejected by kubelet admission) after an exponential
 * delay: client-go's DefaultControllerRateLimiter per-item limiter, 5 ms doubling to 1000 s
 * (staging/src/k8s.io/client-go/util/workqueue/default_rate_limiters.go). Upstream controllers replace
 * such pods as fast as the API answers; in simulated time, where the API answers in 0 ms, that would
 * be an endless loop at one instant.
 */
import type { Pod } from '../../cluster/pod.js';

export const REPLACEMENT_BACKOFF = Object.freeze({ initialMs: 5, maxMs: 1_000_000 });

export class FailureBackoff {
  /** Consecutive pods that failed on their own since one last ran. */
  failures = 0;
  /** Replacements wait until then. */
  notBeforeMs = 0;

  /** Call on every phase change of one of the controller's pods; a failure counts when the pod never ran. */
  note(pod: Pod, nowMs: number): void {
    if (pod.phase === 'Running') this.failures = 0;
    else if (pod.phase === 'Failed' && pod.runningMs < 0 && pod.deletionMs < 0) {
      this.failures++;
      this.notBeforeMs = nowMs + Math.min(REPLACEMENT_BACKOFF.maxMs, REPLACEMENT_BACKOFF.initialMs * 2 ** Math.min(this.failures - 1, 30));
    }
  }
}
