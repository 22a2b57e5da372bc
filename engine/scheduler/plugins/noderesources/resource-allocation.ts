/**
 * The resource-allocation scorer shared by NodeResourcesFit's strategies and BalancedAllocation
 * (plugins/noderesources/resource_allocation.go). For each configured resource it collects the node's
 * allocatable and requested-after-placement amounts: cpu and memory use the non-zero request rules unless
 * `useRequested`; a scalar resource the pod does not request, or one the node lacks, is left out.
 */
import type { Node } from '../../../cluster/node.js';
import type { PodSpec } from '../../../cluster/pod.js';
import { CPU, MEMORY, PODS } from '../../../cluster/resources.js';
import type { ResourceNames } from '../../../cluster/resources.js';

export interface ResourceSpec {
  name: string;
  weight: number;
}

/** The default resources of the scoring strategies and of BalancedAllocation (apis/config/v1/defaults.go). */
export const DEFAULT_RESOURCES: readonly ResourceSpec[] = Object.freeze([Object.freeze({ name: 'cpu', weight: 1 }), Object.freeze({ name: 'memory', weight: 1 })]);

export class ResourceAllocation {
  /** Resource index per configured resource, -1 when no node or pod of the scenario names it. */
  readonly index: Int32Array;
  readonly weights: Float64Array;
  /** Per-call buffers: requested and allocatable per configured resource (0 = left out). */
  readonly requested: Float64Array;
  readonly allocatable: Float64Array;
  private readonly podRequests: Float64Array;
  private spec: PodSpec | null = null;

  constructor(
    resources: readonly ResourceSpec[],
    names: ResourceNames,
    private readonly useRequested: boolean,
  ) {
    this.index = Int32Array.from(resources.map((r) => names.lookup(r.name) ?? -1));
    this.weights = Float64Array.from(resources.map((r) => r.weight));
    this.requested = new Float64Array(resources.length);
    this.allocatable = new Float64Array(resources.length);
    this.podRequests = new Float64Array(resources.length);
  }

  /** The pod's request per configured resource (calculatePodResourceRequestList). */
  podRequestList(spec: PodSpec): Float64Array {
    if (spec === this.spec) return this.podRequests;
    this.spec = spec;
    for (let k = 0; k < this.index.length; k++) {
      const i = this.index[k]!;
      let v = 0;
      if (i === CPU) v = this.useRequested ? spec.requests[CPU]! : spec.nonZeroCpu;
      else if (i === MEMORY) v = this.useRequested ? spec.requests[MEMORY]! : spec.nonZeroMemory;
      else if (i >= 0) v = spec.requests[i] ?? 0;
      this.podRequests[k] = v;
    }
    return this.podRequests;
  }

  /** Fills `requested` and `allocatable` for the node (calculateResourceAllocatableRequest). */
  collect(spec: PodSpec, node: Node): void {
    const pod = this.podRequestList(spec);
    for (let k = 0; k < this.index.length; k++) {
      const i = this.index[k]!;
      this.requested[k] = 0;
      this.allocatable[k] = 0;
      if (i < 0 || i === PODS) continue;
      const podRequest = pod[k]!;
      if (podRequest === 0 && i > PODS) continue;
      const alloc = node.allocatable[i] ?? 0;
      if (alloc === 0) continue;
      let used = node.requested[i] ?? 0;
      if (!this.useRequested && i === CPU) used = node.nonZeroCpu;
      if (!this.useRequested && i === MEMORY) used = node.nonZeroMemory;
      this.allocatable[k] = alloc;
      this.requested[k] = used + podRequest;
    }
  }
}
