/** Node lifecycle controller settings with their upstream defaults (kube-controller-manager v1.33). */

export interface NodeLifecycleConfig {
  /** --node-monitor-period. */
  monitorPeriodMs: number;
  /** --node-monitor-grace-period. */
  gracePeriodMs: number;
  /** --node-startup-grace-period. */
  startupGracePeriodMs: number;
  /** --node-eviction-rate, nodes per second per zone. */
  evictionRate: number;
  /** --secondary-node-eviction-rate. */
  secondaryEvictionRate: number;
  /** --unhealthy-zone-threshold. */
  unhealthyZoneThreshold: number;
  /** --large-cluster-size-threshold (compared with the zone's size). */
  largeClusterSizeThreshold: number;
}

/**
 * monitorPeriod 5 s: staging/src/k8s.io/cloud-provider/config/v1alpha1/defaults.go (NodeMonitorPeriod).
 * gracePeriod 50 s from v1.32 (40 s before): pkg/controller/nodelifecycle/config/v1alpha1/defaults.go, PR #126287.
 * startupGracePeriod 60 s, rates 0.1 / 0.01, thresholds 0.55 / 50:
 * cmd/kube-controller-manager/app/options/nodelifecyclecontroller.go.
 */
export const DEFAULT_NODE_LIFECYCLE: Readonly<NodeLifecycleConfig> = Object.freeze({
  monitorPeriodMs: 5_000,
  gracePeriodMs: 50_000,
  startupGracePeriodMs: 60_000,
  evictionRate: 0.1,
  secondaryEvictionRate: 0.01,
  unhealthyZoneThreshold: 0.55,
  largeClusterSizeThreshold: 50,
});

/** nodeMonitorGracePeriod before v1.32. */
export const PRE_1_32_GRACE_PERIOD_MS = 40_000;

/** NodeEvictionPeriod: the NoExecute tainting loop runs every 100 ms (node_lifecycle_controller.go). */
export const TAINTING_PERIOD_MS = 100;

/** EvictionRateLimiterBurst (pkg/controller/nodelifecycle/scheduler/rate_limited_queue.go). */
export const EVICTION_BURST = 1;

/** Nodes with this label are left out of zone health (still tainted). */
export const LABEL_EXCLUDE_DISRUPTION = 'node.kubernetes.io/exclude-disruption';

export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

/** ComputeZoneState: Full when no node is Ready; Partial when > 2 are not Ready and they are >= threshold. */
export function computeZoneState(size: number, notReady: number, threshold: number): ZoneState {
  const ready = size - notReady;
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / size >= threshold) return 'PartialDisruption';
  return 'Normal';
}

/** setLimiterInZone: Normal and FullDisruption use the primary rate; Partial the secondary one, or 0 in a small zone. */
export function zoneRate(state: ZoneState, zoneSize: number, c: NodeLifecycleConfig): number {
  if (state !== 'PartialDisruption') return c.evictionRate;
  return zoneSize <= c.largeClusterSizeThreshold ? 0 : c.secondaryEvictionRate;
}
