/**
 * Admission at pod creation: the DefaultTolerationSeconds plugin (plugin/pkg/admission/defaulttolerationseconds/
 * admission.go). A pod that does not already tolerate `node.kubernetes.io/not-ready:NoExecute` (resp.
 * `unreachable`) gets a toleration for it with tolerationSeconds 300. A toleration counts when its key is
 * that key or empty and its effect is NoExecute or empty; the operator is not looked at. The two keys are
 * checked separately.
 *
 * DaemonSet pods are left alone here: their controller gives them forever-tolerations for both keys
 * (pkg/controller/daemon/util/daemonset_util.go), so admission would not add anything anyway.
 */
import type { OwnerRef, PodSpec } from './pod.js';
import type { Toleration } from './taints.js';
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from './taints.js';

/** kube-apiserver --default-not-ready-toleration-seconds / --default-unreachable-toleration-seconds (300). */
export const DEFAULT_TOLERATION_SECONDS = Object.freeze({ notReady: 300, unreachable: 300 });

function tolerates(tolerations: readonly Toleration[], key: string): boolean {
  for (const t of tolerations) {
    if ((t.key === key || t.key === '') && (t.effect === 'NoExecute' || t.effect === '')) return true;
  }
  return false;
}

/** The tolerations admission adds to `tolerations` (empty when the pod already tolerates both keys). */
export function defaultTolerations(tolerations: readonly Toleration[], seconds = DEFAULT_TOLERATION_SECONDS): Toleration[] {
  const out: Toleration[] = [];
  if (!tolerates(tolerations, TAINT_NOT_READY)) out.push({ key: TAINT_NOT_READY, operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: seconds.notReady });
  if (!tolerates(tolerations, TAINT_UNREACHABLE)) out.push({ key: TAINT_UNREACHABLE, operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: seconds.unreachable });
  return out;
}

/** Admitted spec per template spec: pods of one template keep sharing one spec object (PERFORMANCE.md lesson 4). */
const admitted = new WeakMap<PodSpec, PodSpec>();

/** The spec a pod is created with after admission. */
export function admitPodSpec(spec: PodSpec, owner: OwnerRef | undefined): PodSpec {
  if (owner?.kind === 'DaemonSet') return spec;
  let out = admitted.get(spec);
  if (out === undefined) {
    const extra = defaultTolerations(spec.tolerations);
    out = extra.length === 0 ? spec : { ...spec, tolerations: [...spec.tolerations, ...extra] };
    admitted.set(spec, out);
    admitted.set(out, out);
  }
  return out;
}
