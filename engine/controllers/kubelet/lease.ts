/**
 * The Node Lease renewal schedule of one kubelet, computed instead of simulated (PERFORMANCE.md lesson 2).
 *
 * Upstream: the renew interval is nodeLeaseDurationSeconds (40) x nodeLeaseRenewIntervalFraction (0.25) = 10 s
 * (pkg/kubelet/apis/config/v1beta1/defaults.go, pkg/kubelet/kubelet.go), and the lease loop waits with a
 * jitter factor of 0.04 (staging/src/k8s.io/component-helpers/apimachinery/lease/controller.go), so one wait
 * lasts 10-10.4 s. Here renewal k of a node happens at anchor + k x 10 s + jitter(k), jitter(k) in [0, 400) ms
 * derived from a per-node seed: every renewal time can be computed in O(1) for any k, which is all that the
 * node lifecycle controller can observe (the time of the last renewal before a failure, and of the first
 * renewal after recovery).
 */

/** Lease renew interval (40 s x 0.25) and its jitter (0.04 x 10 s), in ms. */
export const DEFAULT_LEASE = Object.freeze({ renewIntervalMs: 10_000, jitterMs: 400 });

export interface LeaseSchedule {
  /** Time of renewal 0; renewals with k < 0 happened before (the kubelet ran before the simulation started). */
  anchorMs: number;
  /** Per-node seed of the jitter hash, a 32-bit integer. */
  seed: number;
}

/** Jitter of renewal k in [0, jitterMs) ms, a hash of (seed, k). */
export function jitterMs(s: LeaseSchedule, k: number, jitter = DEFAULT_LEASE.jitterMs): number {
  let h = (s.seed ^ Math.imul(k | 0, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h % jitter;
}

export function renewalMs(s: LeaseSchedule, k: number): number {
  return s.anchorMs + k * DEFAULT_LEASE.renewIntervalMs + jitterMs(s, k);
}

/** The last renewal strictly before `t`. */
export function lastRenewalBefore(s: LeaseSchedule, t: number): number {
  let k = Math.floor((t - s.anchorMs) / DEFAULT_LEASE.renewIntervalMs);
  while (renewalMs(s, k) >= t) k--;
  return renewalMs(s, k);
}

/** The first renewal at or after `t`. */
export function nextRenewalAtOrAfter(s: LeaseSchedule, t: number): number {
  let k = Math.floor((t - s.anchorMs) / DEFAULT_LEASE.renewIntervalMs) - 1;
  while (renewalMs(s, k) < t) k++;
  return renewalMs(s, k);
}
