/**
 * GPU devices. A node has `n` identical GPUs of one model, each of MILLI_PER_GPU milli-GPU; a pod asks
 * for `count` whole GPUs or for a share (`milli` < 1000) of ONE GPU. The node keeps the free milli of
 * each GPU; the pod records the GPU indices it got (pod.gpus) from bind until it leaves.
 *
 * Scheme (docs/gpu-and-traces.md):
 * - node: allocatable `nvidia.com/gpu: n` and the label `kubesim.io/gpu-model: V100M16` (pools: `gpus: {count, model}`);
 * - pod, whole GPUs: `nvidia.com/gpu: k` in the container requests;
 * - pod, GPU sharing: the annotation `kubesim.io/gpu-milli: "500"` (with `nvidia.com/gpu: 1` or without it);
 * - pod, model constraint: the annotation `kubesim.io/gpu-models: "V100M16|V100M32"`.
 */
import type { Labels } from './labels.js';

export const GPU_RESOURCE = 'nvidia.com/gpu';
export const GPU_MODEL_LABEL = 'kubesim.io/gpu-model';
export const GPU_MILLI_ANNOTATION = 'kubesim.io/gpu-milli';
export const GPU_MODELS_ANNOTATION = 'kubesim.io/gpu-models';
export const MILLI_PER_GPU = 1000;
/** The largest GPU count a node may have (kept small so that per-node scratch arrays stay fixed). */
export const MAX_GPUS_PER_NODE = 64;

/** What a pod asks of the GPU devices. */
export interface GpuRequest {
  /** Number of GPUs (1 for a sharing pod). */
  count: number;
  /** Milli-GPU on each of those GPUs (1000 = whole GPU). */
  milli: number;
  /** Acceptable GPU models, or undefined for any. */
  models: readonly string[] | undefined;
  /** The models as written (`V100M16|V100M32`, '' for any): part of a typical-pod spec. */
  modelsText: string;
}

/** The GPUs of a node: model and free milli-GPU per GPU. */
export interface NodeGpus {
  model: string;
  free: Int32Array;
}

/** A typical pod of the workload (FGD's target distribution T) with its frequency (sums to 1). */
export interface TypicalPod {
  cpuMillis: number;
  gpuMilli: number;
  gpuCount: number;
  modelsText: string;
  models: readonly string[] | undefined;
  weight: number;
}

export function gpuDemandMilli(req: GpuRequest | undefined): number {
  return req ? req.count * req.milli : 0;
}

export function parseModels(text: string): readonly string[] | undefined {
  const models = text.split('|').map((s) => s.trim()).filter((s) => s !== '');
  return models.length > 0 ? models : undefined;
}

export function makeGpuRequest(count: number, milli: number, modelsText = ''): GpuRequest | undefined {
  if (count <= 0 || milli <= 0) return undefined;
  return { count, milli: Math.min(milli, MILLI_PER_GPU), models: parseModels(modelsText), modelsText };
}

/** Problems with a pod's GPU request (an empty list when it is fine). */
export function gpuRequestProblems(count: number, milliText: string | undefined): string[] {
  const problems: string[] = [];
  if (milliText === undefined) return problems;
  if (!/^\d+$/.test(milliText) || Number(milliText) < 1 || Number(milliText) > MILLI_PER_GPU) problems.push(`${GPU_MILLI_ANNOTATION} must be a whole number from 1 to ${MILLI_PER_GPU}`);
  else if (Number(milliText) < MILLI_PER_GPU && count > 1) problems.push(`a GPU share (${GPU_MILLI_ANNOTATION} < ${MILLI_PER_GPU}) is a share of ONE GPU: request ${GPU_RESOURCE}: 1 or none`);
  return problems;
}

/** The GPU request of a pod from its `nvidia.com/gpu` request and annotations (assumed valid). */
export function gpuRequestFrom(count: number, annotations: Labels): GpuRequest | undefined {
  const milliText = annotations[GPU_MILLI_ANNOTATION];
  const milli = milliText === undefined ? MILLI_PER_GPU : Number(milliText);
  const k = count > 0 ? count : milliText !== undefined ? 1 : 0;
  return makeGpuRequest(k, milli, annotations[GPU_MODELS_ANNOTATION] ?? '');
}

export function newNodeGpus(count: number, labels: Labels): NodeGpus | undefined {
  if (count <= 0) return undefined;
  const n = Math.min(Math.floor(count), MAX_GPUS_PER_NODE);
  return { model: labels[GPU_MODEL_LABEL] ?? '', free: new Int32Array(n).fill(MILLI_PER_GPU) };
}

export function modelAllowed(models: readonly string[] | undefined, model: string): boolean {
  return models === undefined || models.includes(model);
}

/** GPUs with at least `milli` free. */
export function countFitting(free: Int32Array, milli: number): number {
  let n = 0;
  for (let i = 0; i < free.length; i++) if (free[i]! >= milli) n++;
  return n;
}

/** The GPU filter: model allowed and `count` GPUs with free milli >= the per-GPU milli. */
export function gpusFit(req: GpuRequest, gpus: NodeGpus | undefined): boolean {
  if (!gpus) return false;
  return modelAllowed(req.models, gpus.model) && countFitting(gpus.free, req.milli) >= req.count;
}

export function freeMilli(gpus: NodeGpus | undefined): number {
  if (!gpus) return 0;
  let s = 0;
  for (let i = 0; i < gpus.free.length; i++) s += gpus.free[i]!;
  return s;
}

/** The `count` lowest-index GPUs with free >= milli (whole-GPU pods: fully free ones), or undefined. */
export function lowestIndexGpus(free: Int32Array, milli: number, count: number): number[] | undefined {
  const out: number[] = [];
  for (let i = 0; i < free.length && out.length < count; i++) if (free[i]! >= milli) out.push(i);
  return out.length === count ? out : undefined;
}

/** Best fit for a share: the GPU with the smallest free milli >= milli, lowest index on ties; -1 if none. */
export function bestFitGpu(free: Int32Array, milli: number): number {
  let best = -1;
  for (let i = 0; i < free.length; i++) {
    const f = free[i]!;
    if (f >= milli && (best < 0 || f < free[best]!)) best = i;
  }
  return best;
}

/** Default GPU choice when no plugin chose: whole GPUs lowest index first, shares by best fit. */
export function defaultGpuChoice(req: GpuRequest, free: Int32Array): number[] | undefined {
  if (req.milli >= MILLI_PER_GPU || req.count > 1) return lowestIndexGpus(free, req.milli, req.count);
  const i = bestFitGpu(free, req.milli);
  return i < 0 ? undefined : [i];
}

/** Takes (sign 1) or gives back (sign -1) the milli of the given GPUs. */
export function applyGpus(gpus: NodeGpus, indices: readonly number[], milli: number, sign: 1 | -1): void {
  for (const i of indices) {
    const f = gpus.free[i]! - sign * milli;
    if (f < 0 || f > MILLI_PER_GPU) throw new Error(`GPU ${i} accounting out of range (${f} milli free)`);
    gpus.free[i] = f;
  }
}
