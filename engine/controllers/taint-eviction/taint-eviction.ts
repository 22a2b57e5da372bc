/**
 * The taint eviction controller (pkg/controller/tainteviction/taint_eviction.go): deletes pods that do not
 * tolerate a node's NoExecute taints, at once, or when the smallest tolerationSeconds among the tolerations
 * used runs out. Per taint the first matching toleration is the one used (GetMatchingTolerations); a used
 * toleration without tolerationSeconds means forever, unless another one sets a limit. The timer starts
 * when the controller first handles the pod for these taints and survives taint changes (an earlier
 * deadline is kept); it is cancelled when the NoExecute taints go.
 *
 * Deletion is a plain graceful DELETE (no Eviction API, so PodDisruptionBudgets do not apply): the pod gets
 * its deletionTimestamp and is Terminating until its kubelet finalizes it.
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import { podKey } from '../../cluster/pod.js';
import { EVENT_PRIORITY } from '../../cluster/priorities.js';
import type { ClusterStore } from '../../cluster/store.js';
import type { Taint, Toleration } from '../../cluster/taints.js';
import { taintKey, toleratesTaint } from '../../cluster/taints.js';
import type { SimEvent } from '../../core/queue.js';
import type { Simulator } from '../../core/simulator.js';

interface Work {
  createdAtMs: number;
  fireAtMs: number;
  event: SimEvent;
  taint: string;
}

/** The used tolerations for `taints`, or undefined when some taint is not tolerated. */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): Toleration[] | undefined {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => toleratesTaint(x, taint));
    if (!t) return undefined;
    used.push(t);
  }
  return used;
}

/** getMinTolerationTime in ms: 0 for none used or any value <= 0, -1 for forever. */
export function minTolerationMs(used: readonly Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : Math.round(min * 1000);
}

export class TaintEvictionController {
  private readonly work = new Map<Pod, Work>();
  evicted = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
  ) {
    store.events.onNode((type, node) => {
      if (type === 'NodeTaintsChanged') this.nodeUpdated(node);
    });
    store.events.onPod((type, pod) => {
      if (type === 'PodBound') {
        const node = store.nodeOf(pod);
        if (node) this.processPod(pod, noExecuteTaints(node));
      } else if (type === 'PodRemoved') {
        this.cancel(pod, false);
      }
    });
  }

  private nodeUpdated(node: Node): void {
    const taints = noExecuteTaints(node);
    for (const pod of [...this.store.podsOn(node)]) this.processPod(pod, taints);
    // Terminal pods are handled too; their deletion is immediate (grace 0 for a terminal pod).
    const terminal = this.store.terminalPodsOn(node);
    if (terminal.size > 0) for (const pod of [...terminal]) this.processPod(pod, taints);
  }

  private processPod(pod: Pod, taints: readonly Taint[]): void {
    if (pod.removed) return;
    if (taints.length === 0) return this.cancel(pod, true);
    const now = this.sim.now;
    const used = matchingTolerations(taints, pod.spec.tolerations);
    const first = untolerated(taints, pod.spec.tolerations) ?? taints[0]!;
    if (used === undefined) {
      this.cancel(pod, false);
      return this.add(pod, now, now, taintKey(first));
    }
    const minMs = minTolerationMs(used);
    if (minMs < 0) return this.cancel(pod, true);
    let start = now;
    const trigger = now + minMs;
    const existing = this.work.get(pod);
    if (existing) {
      start = existing.createdAtMs;
      if (start + minMs < trigger) return;
      this.cancel(pod, true);
    }
    this.add(pod, start, trigger, taintKey(first));
  }

  private add(pod: Pod, createdAtMs: number, fireAtMs: number, taint: string): void {
    const event = this.sim.at(fireAtMs, (p: Pod) => this.evict(p), pod, EVENT_PRIORITY.controller);
    this.work.set(pod, { createdAtMs, fireAtMs, event, taint });
  }

  private cancel(pod: Pod, _withEvent: boolean): void {
    if (this.work.size === 0) return; // (every bind and removal asks; work is pending only under NoExecute taints)
    const w = this.work.get(pod);
    if (!w) return;
    this.sim.cancel(w.event);
    this.work.delete(pod);
  }

  private evict(pod: Pod): void {
    const w = this.work.get(pod);
    this.work.delete(pod);
    if (pod.removed || pod.deletionMs >= 0) return;
    this.evicted++;
    pod.reason = 'DeletionByTaintManager';
    this.store.record('PodEvicted', podKey(pod), this.store.nodeOf(pod)?.name ?? '', w?.taint ?? '');
    this.store.markDeleting(pod);
  }
}

const NO_TAINTS: readonly Taint[] = Object.freeze([]);

/** The node's NoExecute taints (a shared empty list for the untainted: every bind asks). */
function noExecuteTaints(node: Node): readonly Taint[] {
  const taints = node.taints;
  if (taints.length === 0) return NO_TAINTS;
  return taints.filter((t) => t.effect === 'NoExecute');
}

function untolerated(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  return taints.find((taint) => !tolerations.some((t) => toleratesTaint(t, taint)));
}
