/**
 * PodGC (pkg/controller/podgc/gc_controller.go), one pass every 20 s:
 *   1. terminated pods above terminated-pod-gc-threshold (12500) are deleted, evicted first then oldest first;
 *   2. terminating pods on a not-Ready node with the out-of-service taint are force-deleted;
 *   3. pods bound to a deleted node are force-deleted once the node has been seen missing for the
 *      40 s quarantine (so 40-60 s after the deletion);
 *   (4. terminating unscheduled pods: the kubelet model already removes those at once.)
 * Force deletion marks a non-terminal pod Failed (reason DeletionByPodGC) and removes the object at once;
 * every removal is recorded as PodDeleted with detail podgc.
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import { isTerminal, podKey } from '../../cluster/pod.js';
import { EVENT_PRIORITY } from '../../cluster/priorities.js';
import type { ClusterStore } from '../../cluster/store.js';
import { TAINT_OUT_OF_SERVICE } from '../../cluster/taints.js';
import { TerminatedHeap } from './terminated-heap.js';
import type { Simulator } from '../../core/simulator.js';

export interface PodGCConfig {
  /** gcCheckPeriod. */
  periodMs: number;
  /** quarantineTime for orphaned pods. */
  quarantineMs: number;
  /** --terminated-pod-gc-threshold; 0 disables the terminated-pod pass. */
  terminatedPodThreshold: number;
}

/** Upstream defaults: gcCheckPeriod 20 s and quarantineTime 40 s (gc_controller.go), threshold 12500 (kube-controller-manager). */
export const DEFAULT_PODGC: Readonly<PodGCConfig> = Object.freeze({ periodMs: 20_000, quarantineMs: 40_000, terminatedPodThreshold: 12_500 });

export class PodGCController {
  /** Terminal pods in deletion order (removed ones pruned lazily). */
  private readonly terminated = new TerminatedHeap();
  private terminatedLive = 0;
  /** Deleted node index -> time a pass first saw it missing with pods bound to it. */
  private readonly quarantine = new Map<number, number>();
  /** Deleted nodes that may still have pods bound to them (dropped once they have none). */
  private deletedNodes: Node[] = [];
  /** Live nodes whose Ready condition is not True and that carry the out-of-service taint, by index. */
  private readonly outOfService = new Map<number, Node>();

  constructor(
    sim: Simulator,
    private readonly store: ClusterStore,
    private readonly config: PodGCConfig = DEFAULT_PODGC,
  ) {
    store.events.onPod((type, pod) => {
      if (type === 'PodPhaseChanged' && isTerminal(pod)) {
        this.terminated.push(pod, evictedFirst(pod));
        this.terminatedLive++;
      } else if (type === 'PodRemoved' && isTerminal(pod)) {
        this.terminatedLive--;
      }
    });
    for (const node of store.nodes) if (isOutOfService(node)) this.outOfService.set(node.index, node);
    store.events.onNode((type, node) => {
      if (type === 'NodeRemoved') this.deletedNodes.push(node);
      if (isOutOfService(node)) this.outOfService.set(node.index, node);
      else this.outOfService.delete(node.index);
    });
    sim.every(config.periodMs, () => this.gc(), { priority: EVENT_PRIORITY.controller, start: sim.now });
  }

  private gc(): void {
    if (this.config.terminatedPodThreshold > 0) this.gcTerminated();
    this.gcOutOfService();
    this.gcOrphaned();
  }

  private gcTerminated(): void {
    const excess = this.terminatedLive - this.config.terminatedPodThreshold;
    if (excess <= 0) return;
    const order: Pod[] = [];
    for (let i = 0; i < excess; i++) {
      const pod = this.terminated.popLive();
      if (pod === undefined) break;
      order.push(pod);
    }
    for (const pod of order) this.forceDelete(pod, 'terminated-pod-gc-threshold');
  }

  private gcOutOfService(): void {
    if (this.outOfService.size === 0) return;
    // In node order, as a pass over every node would meet them (a zone outage leaves thousands not Ready, none out of service).
    const nodes = [...this.outOfService.values()].sort((a, b) => a.index - b.index);
    for (const node of nodes) {
      if (!isOutOfService(node)) continue;
      for (const pod of [...this.store.podsOn(node)]) if (pod.deletionMs >= 0) this.forceDelete(pod, 'out-of-service');
    }
  }

  private gcOrphaned(): void {
    const now = this.store.now;
    for (const node of this.deletedNodes) {
      const pods = this.podsBoundTo(node);
      if (pods.length === 0) continue;
      const seen = this.quarantine.get(node.index);
      if (seen === undefined) this.quarantine.set(node.index, now);
      if (seen === undefined || now < seen + this.config.quarantineMs) continue;
      for (const pod of pods) this.forceDelete(pod, 'orphaned');
    }
    // A deleted node gets no new pods: once empty it needs no more checks.
    this.deletedNodes = this.deletedNodes.filter((n) => this.podsBoundTo(n).length > 0);
  }

  /** Non-terminal pods still accounted on the node, plus terminal pods that were bound to it. */
  private podsBoundTo(node: Node): Pod[] {
    const out = [...this.store.podsOn(node)];
    for (const p of this.store.terminalPodsOn(node)) out.push(p);
    return out;
  }

  private forceDelete(pod: Pod, why: string): void {
    if (pod.removed) return;
    if (!isTerminal(pod)) this.store.setPodPhase(pod, 'Failed', 'DeletionByPodGC');
    this.store.removePod(pod);
    this.store.record('PodDeleted', podKey(pod), this.store.nodeOf(pod)?.name ?? '', `podgc ${why}`);
  }
}

/** A live node, not Ready, with the node.kubernetes.io/out-of-service taint: its terminating pods go at once. */
function isOutOfService(node: Node): boolean {
  return !node.deleted && node.ready !== 'True' && node.taints.some((t) => t.key === TAINT_OUT_OF_SERVICE);
}

/** byEvictionAndCreationTimestamp: pods the kubelet evicted (status.reason Evicted) go first. */
function evictedFirst(p: Pod): number {
  return p.reason === 'Evicted' ? 0 : 1;
}
