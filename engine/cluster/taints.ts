/** Taints and tolerations (k8s.io/api/core/v1 toleration.go semantics). */
export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface Taint {
  key: string;
  value: string;
  effect: TaintEffect;
  /** Simulated ms when a NoExecute taint was added (taint.timeAdded). */
  timeAddedMs?: number;
}

export interface Toleration {
  key: string;
  operator: 'Exists' | 'Equal';
  value: string;
  /** '' matches every effect. */
  effect: TaintEffect | '';
  /** Only meaningful with NoExecute; undefined = tolerate forever. */
  tolerationSeconds?: number;
}

export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== '' && t.key !== taint.key) return false;
  // An empty key with Exists matches every taint; Equal (the default) compares values.
  if (t.operator === 'Exists') return true;
  return t.key !== '' && t.value === taint.value;
}

export function toleratesAny(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** First NoSchedule/NoExecute taint not tolerated, or undefined (TaintToleration Filter). */
export function firstUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  for (const taint of taints) {
    if (taint.effect === 'PreferNoSchedule') continue;
    if (!toleratesAny(tolerations, taint)) return taint;
  }
  return undefined;
}

export function taintKey(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

/** Well-known taint keys (k8s.io/api/core/v1 well_known_taints.go). */
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';
