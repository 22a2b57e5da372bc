/**
 * NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go): favours nodes whose
 * requested fractions of the configured resources stay close to each other, with actual requests.
 * v1.33: PreScore returns Skip for a pod requesting none of the resources (best-effort pods).
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { CycleState, Handle, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';
import type { ResourceSpec } from './resource-allocation.js';
import { DEFAULT_RESOURCES, ResourceAllocation } from './resource-allocation.js';
import { balancedResourceScore } from './strategies.js';

export const NAME = 'NodeResourcesBalancedAllocation';

export interface NodeResourcesBalancedAllocationArgs {
  resources: readonly ResourceSpec[];
}

export const DEFAULT_BALANCED_ALLOCATION_ARGS: NodeResourcesBalancedAllocationArgs = Object.freeze({ resources: DEFAULT_RESOURCES });

export class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  private readonly alloc: ResourceAllocation;

  constructor(
    handle: Handle,
    readonly args: NodeResourcesBalancedAllocationArgs,
  ) {
    this.alloc = new ResourceAllocation(args.resources, handle.store.resources, true);
  }

  preScore(_state: CycleState, pod: Pod): Status | null {
    const req = this.alloc.podRequestList(pod.spec);
    for (let k = 0; k < req.length; k++) if (req[k] !== 0) return null;
    return Status.skip();
  }

  score(_state: CycleState, pod: Pod, node: Node): number {
    this.alloc.collect(pod.spec, node);
    return balancedResourceScore(this.alloc.requested, this.alloc.allocatable);
  }
}

export function newNodeResourcesBalancedAllocation(args: unknown, handle: Handle): NodeResourcesBalancedAllocation {
  return new NodeResourcesBalancedAllocation(handle, (args as NodeResourcesBalancedAllocationArgs | undefined) ?? DEFAULT_BALANCED_ALLOCATION_ARGS);
}
