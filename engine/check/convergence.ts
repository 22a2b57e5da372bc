/**
 * Controllers converge: once nothing has disturbed the cluster for `settleMs` (no node added, removed,
 * tainted or changing readiness, no pod of the controller failing or being deleted, no change of the
 * desired count), a ReplicaSet has exactly `replicas` active pods; a Job never has more active pods
 * than its parallelism. Disturbances only push the deadline later, so the check cannot fire while a
 * controller is still legitimately reacting.
 */
import type { Invariant } from './invariant.js';

/** Default quiet time before convergence is required. Generous: controllers here react within the same ms. */
export const DEFAULT_SETTLE_MS = 60_000;

export const convergence: Invariant = {
  name: 'controller-convergence',
  description: 'after settleMs without disturbance each ReplicaSet has replicas active pods; a Job never has more active pods than parallelism',
  start: (ctx) => {
    const { store } = ctx;
    const lastDesired = new Map<string, number>();
    store.events.onNode(() => {
      ctx.lastDisturbanceMs = store.now;
    });
    store.events.onPod((type, pod) => {
      if (type === 'PodDeleting' || type === 'PodRemoved' || (type === 'PodPhaseChanged' && pod.phase === 'Failed')) ctx.lastDisturbanceMs = store.now;
    });
    return () => {
      const quiet = store.now - ctx.lastDisturbanceMs >= ctx.settleMs;
      for (const source of ctx.convergence) {
        for (const t of source()) {
          if (t.mode === 'atMost') {
            if (t.active > t.desired) return { invariant: 'controller-convergence', object: t.object, message: `${t.active} active pods > ${t.desired} allowed` };
            continue;
          }
          if (lastDesired.get(t.object) !== t.desired) {
            lastDesired.set(t.object, t.desired);
            ctx.lastDisturbanceMs = store.now;
            continue;
          }
          if (quiet && t.active !== t.desired) {
            return { invariant: 'controller-convergence', object: t.object, message: `${t.active} active pods, want ${t.desired}, ${store.now - ctx.lastDisturbanceMs} ms after the last disturbance` };
          }
        }
      }
      return undefined;
    };
  },
};
