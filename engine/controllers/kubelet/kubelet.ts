/**
 * The kubelets of all nodes, as one component: a bound pod becomes Running after the start-up delay;
 * a pod with a run time (Job pods) then succeeds; a pod being deleted stops after its grace period
 * and is removed. Node failures (host down, partition, NotReady) are in node-agents.ts: while a kubelet
 * cannot reach the API server, nothing it does shows in the API; it catches up when it reconnects.
 */
import type { Pod } from '../../cluster/pod.js';
import { isTerminal, podKey } from '../../cluster/pod.js';
import { EVENT_PRIORITY } from '../../cluster/priorities.js';
import type { ClusterStore } from '../../cluster/store.js';
import type { SimEvent } from '../../core/queue.js';
import type { Simulator } from '../../core/simulator.js';

export interface KubeletConfig {
  /** Bind -> Running. */
  podStartupMs: number;
}

/** What the pod side of the kubelet needs to know about its node's health. */
export interface NodeLink {
  /** The kubelet runs and talks to the API server (it sees new pods and deletions, and posts status). */
  connected(nodeIndex: number): boolean;
}

const ALWAYS_CONNECTED: NodeLink = { connected: () => true };

export class Kubelets {
  private readonly finishEvents = new Map<Pod, SimEvent>();
  /** Pods that finished while their kubelet could not report it. */
  readonly doneLocally = new Set<Pod>();
  link: NodeLink = ALWAYS_CONNECTED;

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
    private readonly config: KubeletConfig,
  ) {
    store.events.onPod((type, pod) => {
      if (type === 'PodBound') this.scheduleStart(pod);
      else if (type === 'PodDeleting') this.terminate(pod);
    });
  }

  scheduleStart(pod: Pod): void {
    this.sim.after(this.config.podStartupMs, this.startHandler, pod, EVENT_PRIORITY.kubelet);
  }

  /** The event handlers, made once (the pod is the event's data): a closure per pod and event was garbage. */
  private readonly startHandler = (p: Pod): void => this.start(p);
  private readonly finishHandler = (p: Pod): void => this.finish(p);
  private readonly removeHandler = (p: Pod): void => this.remove(p);

  private start(pod: Pod): void {
    if (pod.removed || pod.deletionMs >= 0 || pod.phase !== 'Pending') return;
    if (!this.link.connected(pod.nodeIndex)) return; // picked up when the kubelet is back
    const node = this.store.nodeOf(pod);
    this.store.setPodPhase(pod, 'Running');
    this.store.record('PodRunning', podKey(pod), node?.name ?? '');
    this.scheduleFinish(pod, pod.runDurationMs);
  }

  /** (Re)starts the run clock of a pod with a finite run time. */
  scheduleFinish(pod: Pod, runMs: number): void {
    if (runMs < 0 || pod.spec.restartPolicy === 'Always') return;
    this.finishEvents.set(pod, this.sim.after(runMs, this.finishHandler, pod, EVENT_PRIORITY.kubelet));
  }

  /** The host died: the pod's containers are gone, its pending completion with them. */
  killLocally(pod: Pod): void {
    const ev = this.finishEvents.get(pod);
    if (ev) this.sim.cancel(ev);
    this.finishEvents.delete(pod);
  }

  private finish(pod: Pod): void {
    this.finishEvents.delete(pod);
    if (pod.removed || pod.phase !== 'Running') return;
    if (!this.link.connected(pod.nodeIndex)) {
      this.doneLocally.add(pod);
      return;
    }
    this.succeed(pod);
  }

  succeed(pod: Pod): void {
    this.doneLocally.delete(pod);
    this.store.setPodPhase(pod, 'Succeeded', 'Completed');
    this.store.record('PodSucceeded', podKey(pod), this.store.nodeOf(pod)?.name ?? '');
  }

  /** Graceful deletion: an unbound or finished pod goes at once; a running one after its grace period. */
  private terminate(pod: Pod): void {
    if (pod.nodeIndex < 0 || isTerminal(pod)) {
      this.remove(pod);
      return;
    }
    if (!this.link.connected(pod.nodeIndex)) return; // finalized when the kubelet is back
    this.terminateAfterGrace(pod);
  }

  terminateAfterGrace(pod: Pod): void {
    this.sim.after(pod.spec.terminationGracePeriodMs, this.removeHandler, pod, EVENT_PRIORITY.kubelet);
  }

  remove(pod: Pod): void {
    if (pod.removed) return;
    this.killLocally(pod);
    this.doneLocally.delete(pod);
    this.store.removePod(pod);
    this.store.record('PodDeleted', podKey(pod), this.store.nodeOf(pod)?.name ?? '', pod.reason);
  }
}
