/**
 * GpuFit: the GPU device filter. A pod that asks for GPUs fits a node only if the node's GPU model is
 * one the pod accepts and the node has `count` GPUs with at least the per-GPU milli free (whole-GPU pods
 * need fully free GPUs; a share must fit inside ONE GPU). Pods without a GPU request always pass.
 */
import { gpusFit, modelAllowed } from '../../../cluster/gpu.js';
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { CycleState, FilterPlugin, Handle, PreFilterPlugin } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';
import type { ClusterEventWithHint } from '../../framework/queueing-hint.js';
import { gpuFitEvents } from './hints.js';
import { GPU_RESOURCE } from '../../../cluster/gpu.js';

export const NAME = 'GpuFit';
export const REASON_NO_GPU = 'node(s) had no GPU';
export const REASON_MODEL = "node(s) didn't match the pod's GPU models";
export const REASON_INSUFFICIENT = 'Insufficient free GPU';

// Outcomes carry no per-pod data, so one value of each serves every node (a filter allocates nothing).
const NO_GPU = Status.unresolvable(REASON_NO_GPU).withPlugin(NAME);
const MODEL = Status.unresolvable(REASON_MODEL).withPlugin(NAME);
const INSUFFICIENT = Status.unschedulable(REASON_INSUFFICIENT).withPlugin(NAME);

export class GpuFit implements PreFilterPlugin, FilterPlugin {
  readonly name = NAME;
  /** nvidia.com/gpu's index in resource vectors (undefined while no node or pod names it). */
  constructor(private readonly gpuIndex: () => number | undefined = () => undefined) {}
  /** EventsToRegister with queueing hints (hints.ts). */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    return gpuFitEvents(this.gpuIndex);
  }

  /** Skip for pods without GPUs: the cycle drops this Filter (and the fused fast path stays usable). */
  preFilter(_state: CycleState, pod: Pod): Status | null {
    return pod.spec.gpu ? null : Status.skip();
  }

  filter(_state: CycleState, pod: Pod, node: Node): Status | null {
    const req = pod.spec.gpu;
    if (!req) return null;
    if (!node.gpus) return NO_GPU;
    if (!modelAllowed(req.models, node.gpus.model)) return MODEL;
    return gpusFit(req, node.gpus) ? null : INSUFFICIENT;
  }
}

export function newGpuFit(_args: unknown, handle: Handle): GpuFit {
  return new GpuFit(() => handle.store.resources.lookup(GPU_RESOURCE));
}
