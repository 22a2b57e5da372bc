/**
 * NodeResourcesFit: the filter (noderesources/fit.go fitsRequest) and the LeastAllocated score
 * (noderesources/least_allocated.go), with the default resources cpu:1, memory:1.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import { CPU, MEMORY, PODS } from '../../../cluster/resources.js';
import type { ResourceNames } from '../../../cluster/resources.js';
import type { CycleState, FilterPlugin, Handle, ScorePlugin } from '../../framework/interfaces.js';
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';

export const NAME = 'NodeResourcesFit';

export function insufficientReasons(pod: Pod, node: Node, names: ResourceNames): string[] {
  const reasons: string[] = [];
  const req = pod.spec.requests;
  const alloc = node.allocatable;
  const used = node.requested;
  if (node.podCount + 1 > alloc[PODS]!) reasons.push('Too many pods');
  for (let i = 0; i < req.length; i++) {
    if (i === PODS) continue;
    const r = req[i]!;
    if (r > 0 && r > alloc[i]! - used[i]!) reasons.push(`Insufficient ${names.name(i)}`);
  }
  return reasons;
}

export class NodeResourcesFit implements FilterPlugin, ScorePlugin {
  readonly name = NAME;
  constructor(
    private readonly handle: Handle,
    /** scoringStrategy.type: LeastAllocated (default) or MostAllocated (most_allocated.go). */
    private readonly requestedScore: (requested: number, capacity: number) => number = leastRequested,
  ) {}

  filter(_state: CycleState, pod: Pod, node: Node): Status | null {
    const reasons = insufficientReasons(pod, node, this.handle.store.resources);
    return reasons.length === 0 ? null : Status.unschedulable(...reasons);
  }

  /** LeastAllocated over cpu and memory (weights 1), non-zero requests, integer arithmetic. */
  score(_state: CycleState, pod: Pod, node: Node): number {
    const cpu = this.requestedScore(node.nonZeroCpu + pod.spec.nonZeroCpu, node.allocatable[CPU]!);
    const mem = this.requestedScore(node.nonZeroMemory + pod.spec.nonZeroMemory, node.allocatable[MEMORY]!);
    let sum = 0;
    let weights = 0;
    if (node.allocatable[CPU]! > 0) {
      sum += cpu;
      weights++;
    }
    if (node.allocatable[MEMORY]! > 0) {
      sum += mem;
      weights++;
    }
    return weights === 0 ? 0 : Math.trunc(sum / weights);
  }
}

export function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** most_allocated.go mostRequestedScore: requests above capacity count as capacity. */
export function mostRequested(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return Math.trunc((Math.min(requested, capacity) * MAX_NODE_SCORE) / capacity);
}

export function newNodeResourcesFit(args: unknown, handle: Handle): NodeResourcesFit {
  const type = (args as { scoringStrategy?: { type?: string } } | undefined)?.scoringStrategy?.type;
  return new NodeResourcesFit(handle, type === 'MostAllocated' ? mostRequested : leastRequested);
}
