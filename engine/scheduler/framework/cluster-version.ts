/**
 * A version of the cluster as filters see it: bumped by every store pod or node event that can change a
 * filter's answer (a pending pod's creation and a bound pod starting to run change none; a Ready change
 * reaches the filters as taints), with the version at which each node (by index) last changed. Caches of
 * failing cycles key on it (fastpath/failure-memo.ts, preemption's dry-run memo); it never decides anything.
 */
import { isTerminal } from '../../cluster/pod.js';
import type { StoreEvents } from '../../cluster/store-events.js';

export class ClusterVersion {
  version = 0;
  /** The version at which each node (by index) last changed in a way a filter can see. */
  readonly changedAt: number[] = [];

  constructor(events: StoreEvents) {
    events.onPod((type, pod) => {
      if (type === 'PodAdded' || (type === 'PodPhaseChanged' && !isTerminal(pod))) return;
      this.version++;
      if (pod.nodeIndex >= 0) this.changedAt[pod.nodeIndex] = this.version;
    });
    events.onNode((type, node) => {
      if (type === 'NodeReadyChanged') return;
      this.version++;
      this.changedAt[node.index] = this.version;
    });
  }
}
