/**
 * The kubelets of all nodes, as one component: a bound pod becomes Running after the start-up delay;
 * a pod with a run time (Job pods) then succeeds; a pod being deleted stops after its grace period
 * and is removed. The failure issue adds heartbeats and node failures on top of this.
 */
import type { Pod } from '../../cluster/pod.js';
import { isTerminal, podKey } from '../../cluster/pod.js';
import { EVENT_PRIORITY } from '../../cluster/priorities.js';
import type { ClusterStore } from '../../cluster/store.js';
import type { Simulator } from '../../core/simulator.js';

export interface KubeletConfig {
  /** Bind -> Running. */
  podStartupMs: number;
}

export class Kubelets {
  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
    private readonly config: KubeletConfig,
  ) {
    store.events.onPod((type, pod) => {
      if (type === 'PodBound') this.sim.after(this.config.podStartupMs, (p: Pod) => this.start(p), pod, EVENT_PRIORITY.kubelet);
      else if (type === 'PodDeleting') this.terminate(pod);
    });
  }

  private start(pod: Pod): void {
    if (pod.removed || pod.deletionMs >= 0 || pod.phase !== 'Pending') return;
    const node = this.store.nodeOf(pod);
    this.store.setPodPhase(pod, 'Running');
    this.store.record('PodRunning', podKey(pod), node?.name ?? '');
    if (pod.runDurationMs >= 0 && pod.spec.restartPolicy !== 'Always') {
      this.sim.after(pod.runDurationMs, (p: Pod) => this.finish(p), pod, EVENT_PRIORITY.kubelet);
    }
  }

  private finish(pod: Pod): void {
    if (pod.removed || pod.phase !== 'Running') return;
    this.store.setPodPhase(pod, 'Succeeded', 'Completed');
    this.store.record('PodSucceeded', podKey(pod), this.store.nodeOf(pod)?.name ?? '');
  }

  /** Graceful deletion: an unbound or finished pod goes at once; a running one after its grace period. */
  private terminate(pod: Pod): void {
    if (pod.nodeIndex < 0 || isTerminal(pod)) {
      this.remove(pod);
      return;
    }
    this.sim.after(pod.spec.terminationGracePeriodMs, (p: Pod) => this.remove(p), pod, EVENT_PRIORITY.kubelet);
  }

  private remove(pod: Pod): void {
    if (pod.removed) return;
    this.store.removePod(pod);
    this.store.record('PodDeleted', podKey(pod), this.store.nodeOf(pod)?.name ?? '', pod.reason);
  }
}
