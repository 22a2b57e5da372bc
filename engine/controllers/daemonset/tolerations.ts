/**
 * Tolerations the DaemonSet controller adds to its pod template (pkg/controller/daemon/util/
 * daemonset_util.go, AddOrUpdateDaemonPodTolerations): not-ready and unreachable NoExecute with no
 * tolerationSeconds (forever); disk-, memory-, pid-pressure and unschedulable NoSchedule; and
 * network-unavailable NoSchedule for host-network pods.
 */
import type { Toleration } from '../../cluster/taints.js';
import { TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE } from '../../cluster/taints.js';

export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

export const DAEMONSET_TOLERATIONS: readonly Readonly<Toleration>[] = Object.freeze([
  { key: TAINT_NOT_READY, operator: 'Exists', value: '', effect: 'NoExecute' },
  { key: TAINT_UNREACHABLE, operator: 'Exists', value: '', effect: 'NoExecute' },
  { key: TAINT_DISK_PRESSURE, operator: 'Exists', value: '', effect: 'NoSchedule' },
  { key: TAINT_MEMORY_PRESSURE, operator: 'Exists', value: '', effect: 'NoSchedule' },
  { key: TAINT_PID_PRESSURE, operator: 'Exists', value: '', effect: 'NoSchedule' },
  { key: TAINT_UNSCHEDULABLE, operator: 'Exists', value: '', effect: 'NoSchedule' },
]);

export const HOST_NETWORK_TOLERATION: Readonly<Toleration> = Object.freeze({ key: TAINT_NETWORK_UNAVAILABLE, operator: 'Exists', value: '', effect: 'NoSchedule' });

/**
 * `existing` with the DaemonSet tolerations added; a toleration with the same key, operator, value and
 * effect is replaced (v1helper.AddOrUpdateTolerationInPodSpec), so a user's tolerationSeconds on
 * not-ready/unreachable NoExecute gives way to "forever".
 */
export function withDaemonSetTolerations(existing: readonly Toleration[], hostNetwork: boolean): Toleration[] {
  const wanted = hostNetwork ? [...DAEMONSET_TOLERATIONS, HOST_NETWORK_TOLERATION] : DAEMONSET_TOLERATIONS;
  const same = (a: Toleration, b: Toleration): boolean => a.key === b.key && a.operator === b.operator && a.value === b.value && a.effect === b.effect;
  return [...existing.filter((t) => !wanted.some((w) => same(t, w))), ...wanted.map((t) => ({ ...t }))];
}
