/**
 * Shared arithmetic of the GPU policies of the FGD paper (the paper, section 3; docs/gpu-and-traces.md):
 * free resources of a node, the absolute normalisers, and the within-node GPU choice for shares.
 */
import type { GpuRequest } from '../../../cluster/gpu.js';
import { MILLI_PER_GPU, bestFitGpu, freeMilli } from '../../../cluster/gpu.js';
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import { CPU } from '../../../cluster/resources.js';

/** Absolute normalisers of the paper's scores: the largest node CPU (128 cores) and GPU milli (8 GPUs). */
export const MAX_NODE_CPU_MILLI = 128_000;
export const MAX_NODE_GPU_MILLI = 8_000;

export function cpuFree(node: Node): number {
  return node.allocatable[CPU]! - node.requested[CPU]!;
}

export function gpuFree(node: Node): number {
  return freeMilli(node.gpus);
}

export function cpuRequest(pod: Pod): number {
  return pod.spec.requests[CPU]!;
}

/** A share of one GPU (count 1, milli < 1000). */
export function isShare(req: GpuRequest | undefined): boolean {
  return req !== undefined && req.count === 1 && req.milli < MILLI_PER_GPU;
}

/** Total GPU milli a pod asks for (k x g). */
export function gpuRequestMilli(pod: Pod): number {
  const g = pod.spec.gpu;
  return g ? g.count * g.milli : 0;
}

/** Reserve for the best-fit policies: a share goes to the GPU with the least free milli that fits it. */
export function reserveBestFit(pod: Pod, node: Node): void {
  if (!isShare(pod.spec.gpu) || !node.gpus) return;
  const i = bestFitGpu(node.gpus.free, pod.spec.gpu!.milli);
  if (i >= 0) pod.gpus = [i];
}

export function unreserveGpus(pod: Pod): void {
  pod.gpus = undefined;
}
