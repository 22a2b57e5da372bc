/**
 * Failure metrics, from the store's records and pod events: node failures, evictions, time to detect
 * (NodeFailed -> NodeNotReady), time to evict (NodeFailed -> PodEvicted of a pod on that node), time to
 * recover (a pod evicted or lost -> the next pod of the same owner created after it Running), Jobs' lost
 * work and workload availability (see docs/failures.md for the exact definitions).
 */
import type { Node } from '../cluster/node.js';
import type { Pod } from '../cluster/pod.js';
import { isActive, isTerminal } from '../cluster/pod.js';
import type { ClusterStore } from '../cluster/store.js';
import { formatSeconds } from '../core/time.js';
import type { Cell } from './sink.js';
import { fixed, mean, percentileSorted } from './stats.js';

export const FAILURE_COLUMNS = [
  'node_failures', 'pods_evicted', 'time_to_detect_mean_s', 'time_to_detect_p99_s', 'time_to_detect_max_s',
  'time_to_evict_mean_s', 'time_to_evict_p99_s', 'time_to_evict_max_s', 'time_to_recover_mean_s', 'time_to_recover_p99_s',
  'time_to_recover_max_s', 'job_lost_work_s', 'availability_min', 'unavailable_replica_s',
] as const;
export type FailureColumn = (typeof FAILURE_COLUMNS)[number];

/** workloads.csv: availability of each Deployment / ReplicaSet over the run. */
export const WORKLOAD_COLUMNS = ['workload', 'desired', 'ready_end', 'availability_min', 'unavailable_replica_s'] as const;

interface Workload {
  name: string;
  desired: number;
  ready: number;
  lastMs: number;
  reachedFull: boolean;
  minRatio: number;
  unavailableMs: number;
}

/** A failure detail in events.csv is `<spec type>:<action>`; these actions kill the pods' containers. */
const CRASH_ACTIONS = new Set(['down', 'delete']);

export class FailureMetrics {
  nodeFailures = 0;
  podsEvicted = 0;
  readonly detect: number[] = [];
  readonly evict: number[] = [];
  readonly recover: number[] = [];
  jobLostWorkMs = 0;
  private readonly failStart = new Map<string, number>();
  private readonly detected = new Set<string>();
  private readonly waiting = new Map<number, number[]>();
  private readonly lost = new Set<Pod>();
  /** Pods whose owner already waits for their replacement (a pod is counted once). */
  private readonly replaced = new Set<Pod>();
  private readonly workloads = new Map<number, Workload>();
  private readonly readyPods = new Set<Pod>();

  constructor(private readonly store: ClusterStore) {
    store.events.onRecord((t, event, object, node, detail) => this.onRecord(t, event, object, node, detail));
    store.events.onPod((type, pod) => this.onPod(type, pod));
    store.events.onNode((type, node) => {
      if (type === 'NodeReadyChanged') for (const p of store.podsOn(node)) this.refreshReady(p);
    });
  }

  /** Follows the availability of a replicated workload (pods owned by `ownerUid`). */
  trackWorkload(ownerUid: number, name: string, desired: number): void {
    this.workloads.set(ownerUid, { name, desired, ready: 0, lastMs: this.store.now, reachedFull: desired === 0, minRatio: 1, unavailableMs: 0 });
  }

  /** Replicas short of desired now, over all tracked workloads. */
  unavailableReplicas(): number {
    let n = 0;
    for (const w of this.workloads.values()) n += Math.max(0, w.desired - w.ready);
    return n;
  }

  private onRecord(t: number, event: string, object: string, nodeName: string, detail: string): void {
    switch (event) {
      case 'NodeFailed': {
        this.nodeFailures++;
        if (!this.failStart.has(nodeName)) this.failStart.set(nodeName, t);
        const node = this.store.node(nodeName);
        if (node && CRASH_ACTIONS.has(detail.split(':')[1] ?? '')) this.crash(node, t);
        break;
      }
      case 'NodeDeleted': {
        const node = this.store.node(nodeName);
        if (node) this.crash(node, t);
        break;
      }
      case 'NodeNotReady': {
        const s = this.failStart.get(nodeName);
        if (s !== undefined && !this.detected.has(nodeName)) {
          this.detected.add(nodeName);
          this.detect.push(t - s);
        }
        break;
      }
      case 'NodeReady':
        this.clearFailure(nodeName);
        break;
      case 'NodeRecovered': {
        const node = this.store.node(nodeName);
        if (node && node.ready === 'True') this.clearFailure(nodeName);
        break;
      }
      case 'PodEvicted': {
        const [ns, name] = splitKey(object);
        const pod = this.store.pod(ns, name);
        if (!pod || isTerminal(pod)) break; // finished pods deleted from a tainted node: not a disruption
        this.podsEvicted++;
        const s = this.failStart.get(nodeName);
        if (s !== undefined) this.evict.push(t - s);
        this.podLost(pod, t);
        break;
      }
      default:
        break;
    }
  }

  private clearFailure(nodeName: string): void {
    this.failStart.delete(nodeName);
    this.detected.delete(nodeName);
  }

  private crash(node: Node, t: number): void {
    for (const p of this.store.podsOn(node)) {
      if (p.owner?.kind === 'Job' && p.phase === 'Running' && !this.lost.has(p)) {
        this.lost.add(p);
        this.jobLostWorkMs += t - p.runningMs;
      }
    }
  }

  /** A pod is gone because of a failure: its Job work is lost, and its owner now waits for a replacement. */
  private podLost(pod: Pod, t: number): void {
    if (pod.phase === 'Succeeded') return; // a finished pod evicted from a failed node is no loss
    if (pod.owner?.kind === 'Job' && pod.phase === 'Running' && !this.lost.has(pod)) this.jobLostWorkMs += t - pod.runningMs;
    this.lost.add(pod);
    if (!pod.owner || this.replaced.has(pod)) return;
    this.replaced.add(pod);
    const q = this.waiting.get(pod.owner.uid) ?? [];
    q.push(t);
    this.waiting.set(pod.owner.uid, q);
  }

  private onPod(type: string, pod: Pod): void {
    if (type === 'PodPhaseChanged' && pod.phase === 'Running' && pod.owner) {
      const q = this.waiting.get(pod.owner.uid);
      if (q && q.length > 0 && q[0]! <= pod.createdMs) this.recover.push(this.store.now - q.shift()!);
    }
    if (type === 'PodPhaseChanged' && pod.phase === 'Failed' && pod.reason === 'ContainerStatusUnknown') this.podLost(pod, this.store.now);
    if (type === 'PodRemoved' && pod.reason === 'DeletionByPodGC' && !this.lost.has(pod)) this.podLost(pod, this.store.now);
    this.refreshReady(pod);
  }

  private refreshReady(pod: Pod): void {
    const w = pod.owner ? this.workloads.get(pod.owner.uid) : undefined;
    if (!w) return;
    const node = this.store.nodeOf(pod);
    const ready = isActive(pod) && pod.phase === 'Running' && node !== undefined && !node.deleted && node.ready === 'True';
    if (ready === this.readyPods.has(pod)) return;
    this.integrate(w);
    if (ready) this.readyPods.add(pod);
    else this.readyPods.delete(pod);
    w.ready += ready ? 1 : -1;
    if (w.ready >= w.desired) w.reachedFull = true;
    if (w.reachedFull && w.desired > 0) w.minRatio = Math.min(w.minRatio, w.ready / w.desired);
  }

  private integrate(w: Workload): void {
    const now = this.store.now;
    if (w.reachedFull) w.unavailableMs += Math.max(0, w.desired - w.ready) * (now - w.lastMs);
    w.lastMs = now;
  }

  /** One workloads.csv row per tracked workload, in the order they were tracked. */
  workloadRows(): Cell[][] {
    const rows: Cell[][] = [];
    for (const w of this.workloads.values()) {
      this.integrate(w);
      rows.push([w.name, w.desired, w.ready, w.reachedFull ? fixed(w.minRatio) : '', formatSeconds(Math.round(w.unavailableMs))]);
    }
    return rows;
  }

  cells(): Record<FailureColumn, Cell> {
    let minRatio = 1;
    let unavailableMs = 0;
    for (const w of this.workloads.values()) {
      this.integrate(w);
      minRatio = Math.min(minRatio, w.minRatio);
      unavailableMs += w.unavailableMs;
    }
    const [d, e, r] = [this.detect, this.evict, this.recover].map((xs) => Float64Array.from(xs).sort());
    return {
      node_failures: this.nodeFailures,
      pods_evicted: this.podsEvicted,
      ...stat('time_to_detect', d!),
      ...stat('time_to_evict', e!),
      ...stat('time_to_recover', r!),
      job_lost_work_s: formatSeconds(this.jobLostWorkMs),
      availability_min: this.workloads.size > 0 ? fixed(minRatio) : '',
      unavailable_replica_s: formatSeconds(Math.round(unavailableMs)),
    } as Record<FailureColumn, Cell>;
  }
}

function stat(prefix: string, sorted: Float64Array): Record<string, Cell> {
  const s = (x: number): string => (Number.isFinite(x) ? formatSeconds(Math.round(x)) : '');
  return {
    [`${prefix}_mean_s`]: s(mean(sorted)),
    [`${prefix}_p99_s`]: s(percentileSorted(sorted, 99)),
    [`${prefix}_max_s`]: s(percentileSorted(sorted, 100)),
  };
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
