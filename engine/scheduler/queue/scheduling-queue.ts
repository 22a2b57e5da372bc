/**
 * The scheduling queue (pkg/scheduler/backend/queue): activeQ ordered by PrioritySort (higher
 * priority first, then earlier enqueue time), and the unschedulable pool whose pods move back when a
 * cluster event may have made them schedulable.
 */
import TinyQueue from 'tinyqueue';
import type { Pod } from '../../cluster/pod.js';

export interface QueuedPodInfo {
  pod: Pod;
  /** Time the pod was last (re)added to the queue: PrioritySort's tie-break. */
  timestampMs: number;
  seq: number;
  attempts: number;
  /** Plugins that rejected the pod in its last attempt. */
  unschedulablePlugins: ReadonlySet<string>;
}

function lessByPriority(a: QueuedPodInfo, b: QueuedPodInfo): number {
  return b.pod.spec.priority - a.pod.spec.priority || a.timestampMs - b.timestampMs || a.seq - b.seq;
}

export class SchedulingQueue {
  private readonly activeQ = new TinyQueue<QueuedPodInfo>([], lessByPriority);
  private readonly unschedulable = new Map<number, QueuedPodInfo>();
  private readonly inActive = new Set<number>();
  private seq = 0;

  get activeLength(): number {
    return this.activeQ.length;
  }

  get unschedulableLength(): number {
    return this.unschedulable.size;
  }

  add(pod: Pod, nowMs: number): void {
    this.pushActive({ pod, timestampMs: nowMs, seq: 0, attempts: 0, unschedulablePlugins: new Set() });
  }

  private pushActive(info: QueuedPodInfo): void {
    if (this.inActive.has(info.pod.uid)) return;
    info.seq = this.seq++;
    this.inActive.add(info.pod.uid);
    this.activeQ.push(info);
  }

  /** Next pod to schedule, skipping pods that left the queue meanwhile (deleted or bound). */
  pop(): QueuedPodInfo | undefined {
    for (;;) {
      const info = this.activeQ.pop();
      if (!info) return undefined;
      this.inActive.delete(info.pod.uid);
      if (info.pod.removed || info.pod.nodeIndex >= 0 || info.pod.deletionMs >= 0) continue;
      info.attempts++;
      return info;
    }
  }

  /** After a failed attempt: park the pod until a cluster event may help. */
  addUnschedulable(info: QueuedPodInfo, nowMs: number, plugins: ReadonlySet<string>): void {
    info.timestampMs = nowMs;
    info.unschedulablePlugins = plugins;
    this.unschedulable.set(info.pod.uid, info);
  }

  /** Moves parked pods back to activeQ (those whose rejecting plugins care about the event, when given). */
  moveAllToActive(nowMs: number, relevant?: (info: QueuedPodInfo) => boolean): number {
    let moved = 0;
    for (const [uid, info] of this.unschedulable) {
      if (relevant && !relevant(info)) continue;
      this.unschedulable.delete(uid);
      if (info.pod.removed || info.pod.nodeIndex >= 0) continue;
      info.timestampMs = nowMs;
      this.pushActive(info);
      moved++;
    }
    return moved;
  }

  delete(pod: Pod): void {
    this.unschedulable.delete(pod.uid);
  }

  /** Pods waiting (active or parked), for metrics. */
  get pendingCount(): number {
    return this.activeQ.length + this.unschedulable.size;
  }
}
