/** Typed change notifications from the cluster store. Listeners run synchronously, in subscription order. */
import type { Node } from './node.js';
import type { Pod } from './pod.js';
import type { Labels } from './labels.js';
import type { Taint } from './taints.js';

export type NodeEventType = 'NodeAdded' | 'NodeRemoved' | 'NodeTaintsChanged' | 'NodeLabelsChanged' | 'NodeReadyChanged' | 'NodeDrainRequested';
export type PodEventType = 'PodAdded' | 'PodBound' | 'PodPhaseChanged' | 'PodDeleting' | 'PodRemoved';

/** What a node update replaced (the old object's fields, for the scheduler's queueing hints). */
export interface NodePrevious {
  labels?: Labels;
  taints?: readonly Taint[];
  unschedulable?: boolean;
}

export type NodeListener = (type: NodeEventType, node: Node, previous?: NodePrevious) => void;
export type PodListener = (type: PodEventType, pod: Pod) => void;
/** A recorded lifecycle event: time in ms, vocabulary word, object, node, detail. */
export type RecordListener = (timeMs: number, event: string, object: string, node: string, detail: string) => void;

export class StoreEvents {
  private readonly nodeListeners: NodeListener[] = [];
  private readonly podListeners: PodListener[] = [];
  private readonly recordListeners: RecordListener[] = [];

  onNode(fn: NodeListener): void {
    this.nodeListeners.push(fn);
  }

  onPod(fn: PodListener): void {
    this.podListeners.push(fn);
  }

  onRecord(fn: RecordListener): void {
    this.recordListeners.push(fn);
  }

  emitNode(type: NodeEventType, node: Node, previous?: NodePrevious): void {
    for (const fn of this.nodeListeners) fn(type, node, previous);
  }

  emitPod(type: PodEventType, pod: Pod): void {
    for (const fn of this.podListeners) fn(type, pod);
  }

  emitRecord(timeMs: number, event: string, object: string, node: string, detail: string): void {
    for (const fn of this.recordListeners) fn(timeMs, event, object, node, detail);
  }
}
