/** Inline score arithmetic of the fused path: the same formulas as the plugins, for the common settings. */
import type { Node } from '../../cluster/node.js';
import type { PodSpec } from '../../cluster/pod.js';
import { CPU, MEMORY } from '../../cluster/resources.js';
import { MAX_NODE_SCORE } from '../framework/interfaces.js';
import type { NodeResourcesFit } from '../plugins/noderesources/fit.js';
import { goDiv } from '../plugins/helper/normalize-score.js';

/** ImageLocality's score on a node without images depends on the pod only. */
export const NO_IMAGES_NODE = Object.freeze({ images: Object.freeze([]) }) as unknown as Node;

/** NodeResourcesFit Least/MostAllocated over cpu and memory with non-zero requests (strategies.ts). */
export function fitScore(f: { most: boolean; wCpu: number; wMem: number }, node: Node, podCpu: number, podMem: number): number {
  const capC = node.allocatable[CPU]!;
  const capM = node.allocatable[MEMORY]!;
  const reqC = node.nonZeroCpu + podCpu;
  const reqM = node.nonZeroMemory + podMem;
  let score = 0;
  let weightSum = 0;
  if (capC !== 0) {
    score += (f.most ? goDiv(Math.min(reqC, capC) * MAX_NODE_SCORE, capC) : reqC > capC ? 0 : goDiv((capC - reqC) * MAX_NODE_SCORE, capC)) * f.wCpu;
    weightSum += f.wCpu;
  }
  if (capM !== 0) {
    score += (f.most ? goDiv(Math.min(reqM, capM) * MAX_NODE_SCORE, capM) : reqM > capM ? 0 : goDiv((capM - reqM) * MAX_NODE_SCORE, capM)) * f.wMem;
    weightSum += f.wMem;
  }
  return weightSum === 0 ? 0 : goDiv(score, weightSum);
}

/** BalancedAllocation over cpu and memory with actual requests (strategies.ts balancedResourceScore). */
export function balancedScore(node: Node, podCpu: number, podMem: number): number {
  const capC = node.allocatable[CPU]!;
  const capM = node.allocatable[MEMORY]!;
  if (capC === 0 || capM === 0) return MAX_NODE_SCORE; // fewer than two fractions: std 0
  const fC = Math.min((node.requested[CPU]! + podCpu) / capC, 1);
  const fM = Math.min((node.requested[MEMORY]! + podMem) / capM, 1);
  return Math.trunc((1 - Math.abs((fC - fM) / 2)) * MAX_NODE_SCORE);
}

/** Both inline scores of `spec` on `node` into fit[at] and balanced[at] (the spec's non-zero and actual requests). */
export function scoreInto(f: InlineFit, node: Node, spec: PodSpec, fit: Uint8Array, balanced: Uint8Array, at: number): void {
  fit[at] = fitScore(f, node, spec.nonZeroCpu, spec.nonZeroMemory);
  balanced[at] = balancedScore(node, spec.requests[CPU]!, spec.requests[MEMORY]!);
}

export interface InlineFit {
  most: boolean;
  wCpu: number;
  wMem: number;
}

/** cpu/memory weights of a LeastAllocated/MostAllocated strategy over exactly [cpu, memory], else null. */
export function simpleFit(fit: NodeResourcesFit): InlineFit | null {
  const ss = fit.args.scoringStrategy;
  const r = ss.resources;
  if (ss.type === 'RequestedToCapacityRatio' || r.length !== 2 || r[0]!.name !== 'cpu' || r[1]!.name !== 'memory') return null;
  return { most: ss.type === 'MostAllocated', wCpu: r[0]!.weight, wMem: r[1]!.weight };
}
